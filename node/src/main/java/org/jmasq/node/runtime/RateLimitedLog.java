package org.jmasq.node.runtime;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import org.slf4j.Logger;

/**
 * A log that writes at most a few lines per interval and counts the rest, for lines a stranger can
 * cause at will (a refused connection, a failed accept): an attack must not fill the disk or keep a
 * core busy formatting lines. The first line written after some were held back says how many.
 */
public final class RateLimitedLog {
  private final Logger log;
  private final InstantSource clock;
  private final Duration interval;
  private final int lines;
  private Instant windowStart = Instant.MIN;
  private int written;
  private long suppressed;

  /**
   * @param lines how many lines may be written in each {@code interval}
   */
  public RateLimitedLog(Logger log, InstantSource clock, Duration interval, int lines) {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("interval: " + interval + " (expected: positive)");
    }
    if (lines < 1) {
      throw new IllegalArgumentException("lines: " + lines + " (expected: at least 1)");
    }
    this.log = log;
    this.clock = clock;
    this.interval = interval;
    this.lines = lines;
  }

  /** Writes a warning, unless this interval's lines are used up. */
  public void warn(String format, Object... arguments) {
    Object[] line = admit(format, arguments);
    if (line != null) {
      log.warn((String) line[0], Arrays.copyOfRange(line, 1, line.length));
    }
  }

  /** Writes an info line, unless this interval's lines are used up. */
  public void info(String format, Object... arguments) {
    Object[] line = admit(format, arguments);
    if (line != null) {
      log.info((String) line[0], Arrays.copyOfRange(line, 1, line.length));
    }
  }

  /** The format and arguments to write, or null when the line is held back. */
  private synchronized Object[] admit(String format, Object[] arguments) {
    Instant now = clock.instant();
    if (!now.isBefore(windowStart.plus(interval))) {
      windowStart = now;
      written = 0;
    }
    if (written >= lines) {
      suppressed++;
      return null;
    }
    written++;
    Object[] line = new Object[arguments.length + 2];
    System.arraycopy(arguments, 0, line, 1, arguments.length);
    if (suppressed == 0) {
      line[0] = format;
      return Arrays.copyOf(line, arguments.length + 1);
    }
    line[0] = format + " ({} similar lines held back before this one)";
    line[line.length - 1] = suppressed;
    suppressed = 0;
    return line;
  }
}
