package org.jmasq.node.stream;

import java.util.Optional;
import java.util.TreeMap;
import org.jmasq.payload.SequencedPacket;

/**
 * Puts one direction of a stream back in sequence order. Duplicates and packets already passed are
 * dropped; a gap holds back everything after it. Not thread-safe: its owner serializes access.
 */
final class SequenceBuffer {
  /**
   * How far ahead of the awaited packet one may be. Packets of a stream travel one route in order,
   * so an honest sender is never far ahead; the bound keeps a sender of empty packets with made-up
   * numbers (they weigh nothing against the byte limit) from growing the buffer without end.
   */
  static final long MAX_AHEAD = 1 << 16;

  private final TreeMap<Long, SequencedPacket> pending = new TreeMap<>();
  private long next;

  /** Returns false when the packet was a duplicate, already delivered, or too far ahead. */
  boolean add(SequencedPacket packet) {
    if (packet.sequenceNumber() < next
        || packet.sequenceNumber() - next >= MAX_AHEAD
        || pending.containsKey(packet.sequenceNumber())) {
      return false;
    }
    pending.put(packet.sequenceNumber(), packet);
    return true;
  }

  /** The next packet in order, if it has arrived. */
  Optional<SequencedPacket> poll() {
    if (pending.isEmpty() || pending.firstKey() != next) {
      return Optional.empty();
    }
    next++;
    return Optional.of(pending.pollFirstEntry().getValue());
  }

  /** The sequence number the stream is waiting for. */
  long nextExpected() {
    return next;
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }
}
