package org.jmasq.node.accountant;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How each of the Accountant's scans has ended since the Node started, for operators: a scan that
 * keeps failing (a chain that does not answer) is otherwise only a warning in the log. Thread-safe.
 */
public final class ScanResults {
  /** How one scan ended: it ran, or it failed. */
  public enum Outcome {
    OK,
    FAILED
  }

  /** A scan's name and how it ended, counted together. */
  public record Key(String scan, Outcome outcome) {}

  private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

  void ended(String scan, Outcome outcome) {
    counts.computeIfAbsent(new Key(scan, outcome), k -> new LongAdder()).increment();
  }

  /** Scans ended so far, by scan and outcome; a pair that never happened is missing. */
  public Map<Key, Long> counts() {
    Map<Key, Long> out = new TreeMap<>(Comparator.comparing(Key::scan).thenComparing(Key::outcome));
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
