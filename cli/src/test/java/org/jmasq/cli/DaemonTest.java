package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jmasq.node.ui.UiAnswer;
import org.jmasq.node.ui.UiCodec;
import org.jmasq.node.ui.UiErrors;
import org.jmasq.node.ui.UiMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Daemon's handlers over a launcher that records what it was asked to start: setup values and
 * their statuses, refused values, start, redirect, and {@code crashed} when the Node ends.
 */
class DaemonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  private final RecordingLauncher launcher = new RecordingLauncher();
  private final List<UiMessage> broadcasts = new CopyOnWriteArrayList<>();

  private Daemon daemon(Map<String, String> environment) {
    Map<String, String> all = new HashMap<>(environment);
    all.put("MASQ_DATA_DIRECTORY", data.toString());
    return new Daemon(new DaemonSetup(all), launcher, broadcasts::add);
  }

  private Daemon daemon() {
    return daemon(Map.of());
  }

  private static UiAnswer ask(Daemon daemon, String opcode, String payload) throws Exception {
    return daemon.handlers().get(opcode).handle((ObjectNode) JSON.readTree(payload));
  }

  private static JsonNode ok(UiAnswer answer) {
    assertThat(answer).isInstanceOf(UiAnswer.Ok.class);
    return ((UiAnswer.Ok) answer).payload();
  }

  private static UiAnswer.Failed failed(UiAnswer answer) {
    assertThat(answer).isInstanceOf(UiAnswer.Failed.class);
    return (UiAnswer.Failed) answer;
  }

  private static JsonNode value(JsonNode setup, String name) {
    for (JsonNode v : setup.path("values")) {
      if (v.path("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no value " + name + " in " + setup);
  }

  private static String status(JsonNode setup, String name) {
    return value(setup, name).path("status").asText();
  }

  @Test
  void a_fresh_setup_shows_defaults_the_environment_as_configured_and_blanks() throws Exception {
    JsonNode setup = ok(ask(daemon(Map.of("MASQ_MIN_HOPS", "2")), "setup", "{\"values\":[]}"));

    assertThat(setup.path("running").asBoolean()).isFalse();
    assertThat(value(setup, "min-hops").path("value").asText()).isEqualTo("2");
    assertThat(status(setup, "min-hops")).isEqualTo("Configured");
    assertThat(status(setup, "data-directory")).isEqualTo("Configured");
    assertThat(value(setup, "chain").path("value").asText()).isEqualTo("base-mainnet");
    assertThat(status(setup, "chain")).isEqualTo("Default");
    assertThat(status(setup, "ip")).isEqualTo("Blank");
    assertThat(status(setup, "neighbors")).isEqualTo("Blank");
    assertThat(setup.path("values").findValuesAsText("name")).doesNotContain("ui-port", "help");
    assertThat(setup.path("errors")).isEmpty();
  }

  @Test
  void set_values_are_set_and_a_bad_one_is_refused_in_jmasq_nodes_words() throws Exception {
    Daemon daemon = daemon();
    JsonNode setup =
        ok(
            ask(
                daemon,
                "setup",
                "{\"values\":[{\"name\":\"neighborhood-mode\",\"value\":\"zero-hop\"},"
                    + "{\"name\":\"min-hops\",\"value\":\"9\"},"
                    + "{\"name\":\"bogus\",\"value\":\"x\"},"
                    + "{\"name\":\"ui-port\",\"value\":\"6000\"}]}"));

    assertThat(status(setup, "neighborhood-mode")).isEqualTo("Set");
    assertThat(value(setup, "min-hops").path("value").asText()).isEqualTo("3");
    assertThat(status(setup, "min-hops")).isEqualTo("Default");
    assertThat(setup.path("errors")).hasSize(3);
    assertThat(setup.path("errors").get(0).get(0).asText()).isEqualTo("min-hops");
    assertThat(setup.path("errors").get(0).get(1).asText())
        .contains("--min-hops")
        .contains("expected: 1~6");
    assertThat(setup.path("errors").get(1).get(0).asText()).isEqualTo("bogus");
    assertThat(setup.path("errors").get(1).get(1).asText()).contains("unknown parameter");
    assertThat(setup.path("errors").get(2).get(1).asText()).contains("chosen by the Daemon");
  }

  @Test
  void a_name_without_a_value_clears_what_was_set() throws Exception {
    Daemon daemon = daemon();
    ok(ask(daemon, "setup", "{\"values\":[{\"name\":\"min-hops\",\"value\":\"5\"}]}"));
    JsonNode setup = ok(ask(daemon, "setup", "{\"values\":[{\"name\":\"min-hops\"}]}"));

    assertThat(value(setup, "min-hops").path("value").asText()).isEqualTo("3");
    assertThat(status(setup, "min-hops")).isEqualTo("Default");
  }

  @Test
  void an_originate_only_node_requires_neighbors() throws Exception {
    JsonNode setup =
        ok(
            ask(
                daemon(),
                "setup",
                "{\"values\":[{\"name\":\"neighborhood-mode\",\"value\":\"originate-only\"}]}"));

    assertThat(status(setup, "neighbors")).isEqualTo("Required");
  }

  @Test
  void secrets_are_shown_as_asterisks_and_handed_to_the_node_in_its_environment() throws Exception {
    Daemon daemon = daemon();
    String key = "ab".repeat(32);
    JsonNode setup =
        ok(
            ask(
                daemon,
                "setup",
                "{\"values\":[{\"name\":\"db-password\",\"value\":\"hunter22\"},"
                    + "{\"name\":\"consuming-private-key\",\"value\":\""
                    + key
                    + "\"},{\"name\":\"neighborhood-mode\",\"value\":\"zero-hop\"}]}"));

    assertThat(value(setup, "db-password").path("value").asText()).isEqualTo("*".repeat(16));
    assertThat(value(setup, "consuming-private-key").path("value").asText())
        .isEqualTo("*".repeat(64));
    assertThat(setup.toString()).doesNotContain("hunter22").doesNotContain(key);

    ok(ask(daemon, "start", "{}"));
    assertThat(launcher.environments.get(0))
        .containsEntry("MASQ_DB_PASSWORD", "hunter22")
        .containsEntry("MASQ_CONSUMING_PRIVATE_KEY", key)
        .containsEntry("MASQ_NEIGHBORHOOD_MODE", "zero-hop");
  }

  @Test
  void a_change_is_told_to_the_other_clients_and_no_change_is_not() throws Exception {
    Daemon daemon = daemon();
    UiAnswer changed =
        ask(daemon, "setup", "{\"values\":[{\"name\":\"min-hops\",\"value\":\"4\"}]}");
    UiAnswer same = ask(daemon, "setup", "{\"values\":[{\"name\":\"min-hops\",\"value\":\"4\"}]}");

    UiMessage toOthers = ((UiAnswer.Ok) changed).toOthers().orElseThrow();
    assertThat(toOthers.opcode()).isEqualTo("setup");
    assertThat(toOthers.contextId()).isEmpty();
    assertThat(((UiAnswer.Ok) same).toOthers()).isEmpty();
  }

  @Test
  void start_answers_the_new_process_and_its_ui_port() throws Exception {
    JsonNode started = ok(ask(daemon(), "start", "{}"));

    assertThat(started.path("newProcessId").asLong()).isEqualTo(1000);
    assertThat(started.path("redirectUiPort").asInt()).isEqualTo(40000);
  }

  @Test
  void while_the_node_runs_setup_cannot_change_and_start_is_refused() throws Exception {
    Daemon daemon = daemon();
    ok(ask(daemon, "start", "{}"));

    UiAnswer.Failed change =
        failed(ask(daemon, "setup", "{\"values\":[{\"name\":\"min-hops\",\"value\":\"4\"}]}"));
    JsonNode shown = ok(ask(daemon, "setup", "{\"values\":[]}"));
    UiAnswer.Failed again = failed(ask(daemon, "start", "{}"));

    assertThat(change.code()).isEqualTo(UiErrors.NODE_ALREADY_RUNNING_ERROR);
    assertThat(shown.path("running").asBoolean()).isTrue();
    assertThat(again.code()).isEqualTo(UiErrors.NODE_ALREADY_RUNNING_ERROR);
    assertThat(again.message()).contains("process 1000").contains("UI port 40000");
    assertThat(launcher.launched).hasSize(1);
  }

  @Test
  void a_node_that_cannot_start_is_a_launch_error_and_the_daemon_stays_idle() throws Exception {
    Daemon daemon = daemon();
    launcher.failure = new IOException("the Node ended with exit code 1");

    UiAnswer.Failed failed = failed(ask(daemon, "start", "{}"));

    assertThat(failed.code()).isEqualTo(UiErrors.NODE_LAUNCH_ERROR);
    assertThat(failed.message()).contains("exit code 1");
    launcher.failure = null;
    ok(ask(daemon, "start", "{}"));
  }

  @Test
  void values_that_do_not_go_together_are_a_launch_error_naming_why() throws Exception {
    Daemon daemon = daemon();
    ok(
        ask(
            daemon,
            "setup",
            "{\"values\":[{\"name\":\"neighborhood-mode\",\"value\":\"originate-only\"}]}"));

    UiAnswer.Failed failed = failed(ask(daemon, "start", "{}"));

    assertThat(failed.code()).isEqualTo(UiErrors.NODE_LAUNCH_ERROR);
    assertThat(failed.message()).contains("--neighbors");
    assertThat(launcher.launched).isEmpty();
  }

  @Test
  void other_opcodes_are_redirected_to_the_running_node() throws Exception {
    Daemon daemon = daemon();
    ok(ask(daemon, "start", "{}"));

    UiMessage redirect =
        daemon.rest(
            new UiMessage.Payload(
                "financials",
                OptionalLong.of(7),
                (ObjectNode) JSON.readTree("{\"statsRequired\":true}")));

    assertThat(redirect.opcode()).isEqualTo("redirect");
    assertThat(redirect.contextId()).isEmpty();
    JsonNode payload = ((UiMessage.Payload) redirect).payload();
    assertThat(payload.path("port").asInt()).isEqualTo(40000);
    assertThat(payload.path("opcode").asText()).isEqualTo("financials");
    assertThat(payload.path("contextId").asLong()).isEqualTo(7);
    assertThat(JSON.readTree(payload.path("payload").asText()).path("statsRequired").asBoolean())
        .isTrue();
  }

  @Test
  void without_a_node_other_opcodes_are_told_it_is_not_running() throws Exception {
    Daemon daemon = daemon();

    UiMessage asked =
        daemon.rest(
            new UiMessage.Payload("descriptor", OptionalLong.of(3), JSON.createObjectNode()));
    UiMessage told =
        daemon.rest(new UiMessage.Payload("crash", OptionalLong.empty(), JSON.createObjectNode()));

    assertThat(asked).isInstanceOf(UiMessage.Failure.class);
    assertThat(((UiMessage.Failure) asked).code()).isEqualTo(UiErrors.NODE_NOT_RUNNING_ERROR);
    assertThat(asked.contextId()).hasValue(3);
    assertThat(UiCodec.encode(told))
        .isEqualTo("{\"opcode\":\"undelivered\",\"payload\":{\"opcode\":\"crash\"}}");
  }

  @Test
  void a_killed_node_is_broadcast_as_crashed_and_can_be_started_again() throws Exception {
    Daemon daemon = daemon();
    ok(ask(daemon, "start", "{}"));

    launcher.launched.get(0).exit().complete(137);

    assertThat(broadcasts).hasSize(1);
    UiMessage.Payload crashed = (UiMessage.Payload) broadcasts.get(0);
    assertThat(crashed.opcode()).isEqualTo("crashed");
    assertThat(crashed.contextId()).isEmpty();
    assertThat(crashed.payload().path("processId").asLong()).isEqualTo(1000);
    assertThat(crashed.payload().path("crashReason").path("Unrecognized").asText())
        .contains("137")
        .contains("signal 9");
    assertThat(
            daemon.rest(
                new UiMessage.Payload("descriptor", OptionalLong.of(1), JSON.createObjectNode())))
        .isInstanceOf(UiMessage.Failure.class);
    JsonNode again = ok(ask(daemon, "start", "{}"));
    assertThat(again.path("newProcessId").asLong()).isEqualTo(1001);
  }

  @Test
  void a_node_that_stops_when_asked_is_no_crash() throws Exception {
    Daemon daemon = daemon();
    ok(ask(daemon, "start", "{}"));

    launcher.launched.get(0).exit().complete(0);

    assertThat(broadcasts).isEmpty();
    ok(ask(daemon, "setup", "{\"values\":[{\"name\":\"min-hops\",\"value\":\"4\"}]}"));
  }

  @Test
  void a_setup_request_of_another_shape_is_an_unmarshal_error() throws Exception {
    UiAnswer.Failed failed = failed(ask(daemon(), "setup", "{\"values\":[{\"name\":5}]}"));

    assertThat(failed.code()).isEqualTo(UiErrors.UNMARSHAL_ERROR);
  }
}
