package org.jmasq.node.ui;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every Info, Warn and Error line the Node logs to every UI client as {@code logBroadcast
 * {msg, logLevel}}. It sees what the root logger lets through at the Node's log level, and nothing
 * when logging is not Logback's. The gateway's own lines and Netty's are left out: one about a
 * failed write would otherwise make another write.
 */
final class UiLogBroadcast extends AppenderBase<ILoggingEvent> {
  private final UiClients clients;
  private final ch.qos.logback.classic.Logger root;

  private UiLogBroadcast(UiClients clients, ch.qos.logback.classic.Logger root) {
    this.clients = clients;
    this.root = root;
  }

  /** Attaches a broadcast to the root logger, where logging is Logback's. */
  static Optional<UiLogBroadcast> attach(UiClients clients) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return Optional.empty();
    }
    UiLogBroadcast appender =
        new UiLogBroadcast(clients, context.getLogger(Logger.ROOT_LOGGER_NAME));
    appender.setContext(context);
    appender.setName("ui-log-broadcast-" + System.identityHashCode(appender));
    appender.start();
    appender.root.addAppender(appender);
    return Optional.of(appender);
  }

  void detach() {
    root.detachAppender(this);
    stop();
  }

  @Override
  protected void append(ILoggingEvent event) {
    String level = levelName(event.getLevel());
    String logger = event.getLoggerName();
    if (level == null
        || clients.count() == 0
        || logger.startsWith("io.netty.")
        || logger.startsWith(UiLogBroadcast.class.getPackageName() + ".")) {
      return;
    }
    ObjectNode payload = UiAnswer.object();
    payload.put("msg", event.getFormattedMessage());
    payload.put("logLevel", level);
    clients.broadcast(new UiMessage.Payload("logBroadcast", OptionalLong.empty(), payload));
  }

  private static String levelName(Level level) {
    return switch (level.toInt()) {
      case Level.INFO_INT -> "Info";
      case Level.WARN_INT -> "Warn";
      case Level.ERROR_INT -> "Error";
      default -> null;
    };
  }
}
