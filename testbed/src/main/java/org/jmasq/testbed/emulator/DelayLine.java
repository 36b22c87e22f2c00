package org.jmasq.testbed.emulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.random.RandomGenerator;

/**
 * Decides each packet's fate: dropped (malformed, foreign, lost at the pair's rate, or its queue
 * full) or released at a time, which is its one-way delay after it has been serialized at the
 * pair's rate behind what that direction of the pair already queued. Each direction of a pair is a
 * FIFO link of its own, full duplex like a real one; its queue is bounded by the time its backlog
 * takes to send, as a router's buffer is.
 *
 * <p>Not thread-safe: one thread owns it. The clock ({@code nowNanos}, any monotonic origin) and
 * the randomness are given by the caller.
 */
public final class DelayLine {

  private static final Comparator<Held> RELEASE_ORDER =
      Comparator.comparingLong(Held::releaseAtNanos).thenComparingLong(Held::sequence);

  private final List<Ipv4Prefix> testbed;
  private final RandomGenerator random;
  private final long queueBytes;
  private final int maxHeld;
  private final Map<Long, Direction> directions = new HashMap<>();
  private final PriorityQueue<Held> held = new PriorityQueue<>(RELEASE_ORDER);
  private ConditionsTable table;
  private long sequence;
  private long received;
  private long malformed;
  private long foreign;
  private long lost;
  private long queueFull;
  private long overloaded;
  private long released;

  /**
   * A delay line for the hosts in {@code testbed}.
   *
   * @param queueBytes how many bytes one direction of a pair may have waiting to be sent at its
   *     rate before it drops (only links with a cap queue)
   * @param maxHeld how many packets the line holds in all, delayed or queued, before it drops
   */
  public DelayLine(
      List<Ipv4Prefix> testbed,
      ConditionsTable table,
      RandomGenerator random,
      long queueBytes,
      int maxHeld) {
    this.testbed = List.copyOf(testbed);
    this.table = Objects.requireNonNull(table, "table");
    this.random = Objects.requireNonNull(random, "random");
    if (this.testbed.isEmpty()) {
      throw new IllegalArgumentException("testbed: empty (expected: at least one prefix)");
    }
    if (queueBytes < Ipv4Header.MAX_PACKET_LENGTH) {
      throw new IllegalArgumentException("queueBytes: " + queueBytes + " (expected: >= 65535)");
    }
    if (maxHeld < 1) {
      throw new IllegalArgumentException("maxHeld: " + maxHeld + " (expected: >= 1)");
    }
    this.queueBytes = queueBytes;
    this.maxHeld = maxHeld;
  }

  /** The conditions in force. */
  public ConditionsTable table() {
    return table;
  }

  /** Changes the conditions for packets offered from now on; those already held keep their time. */
  public void table(ConditionsTable changed) {
    this.table = Objects.requireNonNull(changed, "changed");
  }

  /**
   * Takes a packet that arrived at {@code nowNanos}; the line keeps {@code packet} (not a copy) if
   * it schedules it.
   */
  public Verdict offer(byte[] packet, long nowNanos) {
    received++;
    if (!(Ipv4Header.read(packet, packet.length) instanceof Ipv4Header header)) {
      malformed++;
      return new Verdict.Dropped(Verdict.Reason.MALFORMED);
    }
    if (!inTestbed(header.source()) || !inTestbed(header.destination())) {
      foreign++;
      return new Verdict.Dropped(Verdict.Reason.FOREIGN);
    }
    LinkConditions link = table.between(header.source(), header.destination());
    if (link.lossFraction() > 0 && random.nextDouble() < link.lossFraction()) {
      lost++;
      return new Verdict.Dropped(Verdict.Reason.LOST);
    }
    if (held.size() >= maxHeld) {
      overloaded++;
      return new Verdict.Dropped(Verdict.Reason.OVERLOADED);
    }
    Direction direction =
        directions.computeIfAbsent(
            (long) header.source().bits() << 32 | (header.destination().bits() & 0xffffffffL),
            key -> new Direction());
    long start = Math.max(nowNanos, direction.busyUntil);
    long serialization = link.serializationNanos(packet.length);
    if (link.rateBitsPerSecond().isPresent()
        && start - nowNanos + serialization > link.backlogNanos(queueBytes)) {
      queueFull++;
      return new Verdict.Dropped(Verdict.Reason.QUEUE_FULL);
    }
    direction.busyUntil = start + serialization;
    // A delay shortened while packets wait must not let this one overtake them: FIFO per direction.
    long releaseAt =
        Math.max(direction.busyUntil + link.oneWayDelay().toNanos(), direction.lastRelease);
    direction.lastRelease = releaseAt;
    held.add(new Held(releaseAt, sequence++, packet));
    return new Verdict.Scheduled(releaseAt);
  }

  /** Hands back, in release order, every held packet due at {@code nowNanos} or before. */
  public List<byte[]> due(long nowNanos) {
    List<byte[]> due = new ArrayList<>();
    while (!held.isEmpty() && held.peek().releaseAtNanos() - nowNanos <= 0) {
      due.add(held.poll().packet());
    }
    released += due.size();
    return due;
  }

  /** When the next held packet is due, or empty when none is held. */
  public OptionalLong nextRelease() {
    return held.isEmpty() ? OptionalLong.empty() : OptionalLong.of(held.peek().releaseAtNanos());
  }

  /** The counts so far. */
  public EmulatorCounters counters() {
    return new EmulatorCounters(
        received, malformed, foreign, lost, queueFull, overloaded, released, held.size());
  }

  private boolean inTestbed(Ipv4Address address) {
    for (Ipv4Prefix prefix : testbed) {
      if (prefix.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** One direction of one pair: when its link is free again, and its last release. */
  private static final class Direction {
    long busyUntil = Long.MIN_VALUE;
    long lastRelease = Long.MIN_VALUE;
  }

  private record Held(long releaseAtNanos, long sequence, byte[] packet) {}
}
