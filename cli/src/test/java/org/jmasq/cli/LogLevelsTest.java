package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** {@code --log-level} with and without a UI gateway, on a Logback context of the test's own. */
class LogLevelsTest {
  private final LoggerContext context = new LoggerContext();
  private final ListAppender<ILoggingEvent> console = new ListAppender<>();
  private final ListAppender<ILoggingEvent> ui = new ListAppender<>();

  LogLevelsTest() {
    console.setContext(context);
    console.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(console);
  }

  private void logOneOfEach() {
    // The UI's broadcast is attached after the level is set, as the gateway attaches it.
    ui.setContext(context);
    ui.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(ui);
    Logger log = context.getLogger("org.jmasq.node.Example");
    log.debug("debug");
    log.info("info");
    log.warn("warn");
  }

  @Test
  void without_a_ui_the_level_is_the_roots() {
    LogLevels.set(context, Level.WARN, false);
    logOneOfEach();
    assertThat(console.list).extracting(ILoggingEvent::getMessage).containsExactly("warn");
    assertThat(ui.list).extracting(ILoggingEvent::getMessage).containsExactly("warn");
  }

  @Test
  void with_a_ui_info_lines_reach_it_and_the_console_keeps_its_level() {
    LogLevels.set(context, Level.WARN, true);
    logOneOfEach();
    assertThat(console.list).extracting(ILoggingEvent::getMessage).containsExactly("warn");
    assertThat(ui.list).extracting(ILoggingEvent::getMessage).containsExactly("info", "warn");
  }

  @Test
  void a_second_setting_replaces_the_first() {
    LogLevels.set(context, Level.ERROR, true);
    LogLevels.set(context, Level.WARN, false);
    logOneOfEach();
    assertThat(console.list).extracting(ILoggingEvent::getMessage).containsExactly("warn");
  }

  @Test
  void with_a_ui_a_finer_level_than_info_is_kept_as_it_is() {
    LogLevels.set(context, Level.DEBUG, true);
    logOneOfEach();
    assertThat(console.list).extracting(ILoggingEvent::getMessage).contains("debug", "info");
  }

  @Test
  void with_a_ui_and_the_console_off_only_the_ui_hears() {
    LogLevels.set(context, Level.OFF, true);
    logOneOfEach();
    assertThat(console.list).isEmpty();
    assertThat(ui.list).extracting(ILoggingEvent::getMessage).containsExactly("info", "warn");
  }
}
