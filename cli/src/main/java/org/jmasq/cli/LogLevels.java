package org.jmasq.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;

/**
 * Sets the Node's log level. With a UI gateway, Info, Warn and Error lines reach the UI's {@code
 * logBroadcast} whatever {@code --log-level} says, as the reference's do: the root logger lets Info
 * through, and the appenders already there (standard error) keep to {@code --log-level}.
 */
final class LogLevels {
  private LogLevels() {}

  static void set(LoggerContext context, Level level, boolean toUi) {
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    boolean split = toUi && level.toInt() > Level.INFO_INT;
    root.setLevel(split ? Level.INFO : level);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      Appender<ILoggingEvent> appender = it.next();
      // A second call (a test's) replaces what the first added, and keeps the configured filters.
      List<Filter<ILoggingEvent>> kept = appender.getCopyOfAttachedFiltersList();
      kept.removeIf(ConsoleLevel.class::isInstance);
      appender.clearAllFilters();
      kept.forEach(appender::addFilter);
      if (split) {
        ConsoleLevel threshold = new ConsoleLevel();
        threshold.setLevel(level.toString());
        threshold.setContext(context);
        threshold.start();
        appender.addFilter(threshold);
      }
    }
  }

  /** The {@code --log-level} of an appender that was there before the UI's. */
  private static final class ConsoleLevel extends ThresholdFilter {}
}
