package org.jmasq.testbed.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One line of the control protocol the launcher writes to the emulator's standard input; the
 * emulator answers each with one line: {@code ok}, {@code counters name=value ...} or {@code error
 * <why>}.
 *
 * <pre>
 * pair &lt;a&gt; &lt;b&gt; &lt;delay-ns&gt; &lt;loss&gt; &lt;rate-bit/s|unlimited&gt;   conditions of a pair, both ways
 * default &lt;delay-ns&gt; &lt;loss&gt; &lt;rate-bit/s|unlimited&gt;         conditions of every other pair
 * counters                                                what the emulator has done so far
 * </pre>
 */
public sealed interface ControlCommand {

  /** The longest line the emulator reads; a longer one is refused. */
  int MAX_LINE = 200;

  /** The line that carries this command, without its newline. */
  String encode();

  /** Sets the conditions of one pair of hosts. */
  record SetPair(Ipv4Address a, Ipv4Address b, LinkConditions conditions)
      implements ControlCommand {

    /** Requires every part. */
    public SetPair {
      Objects.requireNonNull(a, "a");
      Objects.requireNonNull(b, "b");
      Objects.requireNonNull(conditions, "conditions");
    }

    @Override
    public String encode() {
      return "pair " + a + " " + b + " " + encodeConditions(conditions);
    }
  }

  /** Sets the conditions of every pair not set on its own. */
  record SetDefault(LinkConditions conditions) implements ControlCommand {

    /** Requires the conditions. */
    public SetDefault {
      Objects.requireNonNull(conditions, "conditions");
    }

    @Override
    public String encode() {
      return "default " + encodeConditions(conditions);
    }
  }

  /** Asks for the counters. */
  record QueryCounters() implements ControlCommand {
    @Override
    public String encode() {
      return "counters";
    }
  }

  /** Reads one line; a line that is not a command throws, with what was expected. */
  static ControlCommand decode(String line) {
    if (line.length() > MAX_LINE) {
      throw new IllegalArgumentException("line: " + line.length() + " chars (expected: <= 200)");
    }
    String[] words = line.strip().split(" +");
    return switch (words[0]) {
      case "pair" -> {
        expectWords(words, 6, "pair <a> <b> <delay-ns> <loss> <rate-bit/s|unlimited>");
        yield new SetPair(
            Ipv4Address.parse(words[1]),
            Ipv4Address.parse(words[2]),
            decodeConditions(words[3], words[4], words[5]));
      }
      case "default" -> {
        expectWords(words, 4, "default <delay-ns> <loss> <rate-bit/s|unlimited>");
        yield new SetDefault(decodeConditions(words[1], words[2], words[3]));
      }
      case "counters" -> {
        expectWords(words, 1, "counters");
        yield new QueryCounters();
      }
      default ->
          throw new IllegalArgumentException(
              "command: " + words[0] + " (expected: pair, default or counters)");
    };
  }

  private static void expectWords(String[] words, int count, String form) {
    if (words.length != count) {
      throw new IllegalArgumentException(
          words[0] + ": " + (words.length - 1) + " arguments (expected: " + form + ")");
    }
  }

  private static String encodeConditions(LinkConditions conditions) {
    OptionalLong rate = conditions.rateBitsPerSecond();
    return conditions.oneWayDelay().toNanos()
        + " "
        + conditions.lossFraction()
        + " "
        + (rate.isPresent() ? Long.toString(rate.getAsLong()) : "unlimited");
  }

  private static LinkConditions decodeConditions(String delay, String loss, String rate) {
    try {
      return new LinkConditions(
          Duration.ofNanos(Long.parseLong(delay)),
          Double.parseDouble(loss),
          rate.equals("unlimited") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(rate)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "conditions: " + delay + " " + loss + " " + rate + " (expected: numbers)", e);
    }
  }
}
