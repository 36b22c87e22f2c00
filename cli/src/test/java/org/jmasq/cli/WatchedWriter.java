package org.jmasq.cli;

import java.io.Writer;
import java.time.Duration;

/** Output a test can wait on: each write wakes whoever awaits a piece of text. */
final class WatchedWriter extends Writer {
  private final StringBuilder text = new StringBuilder();

  @Override
  public synchronized void write(char[] buffer, int offset, int length) {
    text.append(buffer, offset, length);
    notifyAll();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  /** Waits until the output, from {@code from} on, contains {@code expected}; false on time out. */
  synchronized boolean await(String expected, int from, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (text.indexOf(expected, from) < 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  synchronized int length() {
    return text.length();
  }

  @Override
  public synchronized String toString() {
    return text.toString();
  }
}
