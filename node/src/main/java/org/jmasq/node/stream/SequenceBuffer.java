package org.jmasq.node.stream;

import java.util.Optional;
import java.util.TreeMap;
import org.jmasq.payload.SequencedPacket;

/**
 * Puts one direction of a stream back in sequence order. Duplicates and packets already passed are
 * dropped; a gap holds back everything after it. Not thread-safe: its owner serializes access.
 */
public final class SequenceBuffer {
  private final TreeMap<Long, SequencedPacket> pending = new TreeMap<>();
  private long next;

  /** Returns false when the packet was a duplicate or already delivered. */
  public boolean add(SequencedPacket packet) {
    if (packet.sequenceNumber() < next || pending.containsKey(packet.sequenceNumber())) {
      return false;
    }
    pending.put(packet.sequenceNumber(), packet);
    return true;
  }

  /** The next packet in order, if it has arrived. */
  public Optional<SequencedPacket> poll() {
    if (pending.isEmpty() || pending.firstKey() != next) {
      return Optional.empty();
    }
    next++;
    return Optional.of(pending.pollFirstEntry().getValue());
  }

  /** The sequence number the stream is waiting for. */
  public long nextExpected() {
    return next;
  }

  public boolean isEmpty() {
    return pending.isEmpty();
  }
}
