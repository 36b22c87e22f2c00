package org.jmasq.node.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jmasq.payload.SequencedPacket;

/**
 * Writes one direction of a stream to a socket in sequence order. Producers {@link #offer} packets
 * in any order and block while too many bytes wait, which carries back-pressure from a slow reader
 * to the far end; one thread (the stream's own) runs {@link #drainTo}. The lock is never held while
 * writing.
 */
public final class OrderedWriter {
  /** How draining ended. */
  public enum End {
    /** The packet marked {@code lastData} was written. */
    LAST_DATA,
    /** {@link #abort} was called. */
    ABORTED
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final SequenceBuffer buffer = new SequenceBuffer();
  private long maxBufferedBytes;
  private long bufferedBytes;
  private boolean aborted;

  public OrderedWriter(long maxBufferedBytes) {
    this.maxBufferedBytes = maxBufferedBytes;
  }

  /**
   * Queues a packet; blocks while the buffer is over its limit, unless the packet fills a gap.
   * Returns false when it was not queued: a duplicate, one already written, one too far ahead, or
   * the writer was aborted.
   */
  public boolean offer(SequencedPacket packet) throws InterruptedException {
    lock.lock();
    try {
      while (bufferedBytes > maxBufferedBytes
          && !aborted
          && packet.sequenceNumber() != buffer.nextExpected()) {
        changed.await();
      }
      if (aborted || !buffer.add(packet)) {
        return false;
      }
      bufferedBytes += packet.length();
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Writes packets in order until the last one or an abort; the caller closes the stream after. */
  End drainTo(OutputStream out) throws IOException, InterruptedException {
    return drainTo(out, total -> {});
  }

  /**
   * As {@link #drainTo(OutputStream)}, telling {@code written} the bytes written so far after each
   * write (flow control acknowledges them).
   */
  public End drainTo(OutputStream out, java.util.function.LongConsumer written)
      throws IOException, InterruptedException {
    long total = 0;
    while (true) {
      SequencedPacket packet;
      lock.lock();
      try {
        Optional<SequencedPacket> next;
        while ((next = buffer.poll()).isEmpty() && !aborted) {
          changed.await();
        }
        if (aborted) {
          return End.ABORTED;
        }
        packet = next.get();
        bufferedBytes -= packet.length();
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      if (packet.length() > 0) {
        packet.writeTo(out);
        out.flush();
        total += packet.length();
        written.accept(total);
      }
      if (packet.lastData()) {
        return End.LAST_DATA;
      }
    }
  }

  /** The bytes queued and not yet written. */
  public long bufferedBytes() {
    lock.lock();
    try {
      return bufferedBytes;
    } finally {
      lock.unlock();
    }
  }

  /** Lets the buffer hold {@code max} bytes from now on, if that is more than it may now. */
  public void raiseLimit(long max) {
    lock.lock();
    try {
      if (max > maxBufferedBytes) {
        maxBufferedBytes = max;
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stops the drain and releases blocked producers; queued data is dropped. */
  public void abort() {
    lock.lock();
    try {
      aborted = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
