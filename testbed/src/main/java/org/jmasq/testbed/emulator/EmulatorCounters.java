package org.jmasq.testbed.emulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the emulator has done since it started, packet by packet. Every packet it received is
 * counted once in {@code received} and, at most once, in one of the drop counters or in {@code
 * released} (the rest are {@code held}).
 */
public record EmulatorCounters(
    long received,
    long malformed,
    long foreign,
    long lost,
    long queueFull,
    long overloaded,
    long released,
    long held) {

  private static final List<String> NAMES =
      List.of(
          "received",
          "malformed",
          "foreign",
          "lost",
          "queue_full",
          "overloaded",
          "released",
          "held");

  /** Packets that were IPv4 of the testbed, so faced the pair's loss: what loss is a share of. */
  public long accepted() {
    return received - malformed - foreign;
  }

  /** As the control protocol writes it: {@code received=1 malformed=0 ...}. */
  public String encode() {
    long[] values = values();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < NAMES.size(); i++) {
      text.append(i == 0 ? "" : " ").append(NAMES.get(i)).append('=').append(values[i]);
    }
    return text.toString();
  }

  /** Reads what {@link #encode} wrote; every name once. */
  public static EmulatorCounters decode(String text) {
    Map<String, Long> read = new HashMap<>();
    for (String field : text.strip().split(" +")) {
      int equals = field.indexOf('=');
      if (equals < 0 || !NAMES.contains(field.substring(0, equals))) {
        throw new IllegalArgumentException("counter: " + field + " (expected: name=value)");
      }
      if (read.put(field.substring(0, equals), Long.parseLong(field.substring(equals + 1)))
          != null) {
        throw new IllegalArgumentException("counter: " + field + " (given twice)");
      }
    }
    if (read.size() != NAMES.size()) {
      throw new IllegalArgumentException("counters: " + text + " (expected: " + NAMES + ")");
    }
    return new EmulatorCounters(
        read.get("received"),
        read.get("malformed"),
        read.get("foreign"),
        read.get("lost"),
        read.get("queue_full"),
        read.get("overloaded"),
        read.get("released"),
        read.get("held"));
  }

  private long[] values() {
    return new long[] {received, malformed, foreign, lost, queueFull, overloaded, released, held};
  }
}
