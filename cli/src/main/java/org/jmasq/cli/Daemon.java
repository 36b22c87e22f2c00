package org.jmasq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jmasq.node.ui.UiAnswer;
import org.jmasq.node.ui.UiErrors;
import org.jmasq.node.ui.UiHandler;
import org.jmasq.node.ui.UiMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Daemon's side of MASQNode-UIv2 ({@code SYSTEM.md} Part 2 §8.3, §8.4): {@code setup} and
 * {@code start} are its own; while its Node runs, every other request is answered with {@code
 * redirect} to the Node's UI port, and when the Node ends without having been asked to (an exit
 * code other than 0) every client is told with {@code crashed}, and the Daemon takes setup changes
 * and a new {@code start} again.
 *
 * <p>Threads: requests come on the gateway's request threads, the Node's end on the JDK's process
 * reaper; the state is two atomic references, and no lock is held while the Node is launched.
 */
final class Daemon {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  /** Where the Daemon's Node is. */
  private sealed interface Phase {}

  private record Idle() implements Phase {}

  private record Starting() implements Phase {}

  private record Running(NodeLauncher.Launched node) implements Phase {}

  private static final Phase IDLE = new Idle();
  private static final Phase STARTING = new Starting();

  private final NodeLauncher launcher;
  private final Consumer<UiMessage> broadcast;
  private final AtomicReference<DaemonSetup> setup;
  private final AtomicReference<Phase> phase = new AtomicReference<>(IDLE);

  /**
   * @param broadcast sends a message to every client of the Daemon
   */
  Daemon(DaemonSetup setup, NodeLauncher launcher, Consumer<UiMessage> broadcast) {
    this.setup = new AtomicReference<>(setup);
    this.launcher = launcher;
    this.broadcast = broadcast;
  }

  /** The opcodes the Daemon answers itself. */
  Map<String, UiHandler> handlers() {
    return Map.of("setup", this::setup, "start", this::start);
  }

  private UiAnswer setup(ObjectNode payload) {
    JsonNode values = payload.path("values");
    if (!values.isArray()) {
      return UiAnswer.failed(UiErrors.UNMARSHAL_ERROR, "setup needs values: [{name, value?}]");
    }
    List<DaemonSetup.Change> changes = new ArrayList<>();
    for (JsonNode v : values) {
      JsonNode name = v.path("name");
      JsonNode value = v.path("value");
      if (!name.isTextual() || !(value.isMissingNode() || value.isNull() || value.isTextual())) {
        return UiAnswer.failed(
            UiErrors.UNMARSHAL_ERROR, "each setup value is {name, value?}, both strings");
      }
      changes.add(
          new DaemonSetup.Change(
              name.asText(), value.isTextual() ? Optional.of(value.asText()) : Optional.empty()));
    }
    Phase now = phase.get();
    if (!(now instanceof Idle)) {
      if (!changes.isEmpty()) {
        return UiAnswer.failed(
            UiErrors.NODE_ALREADY_RUNNING_ERROR,
            "Cannot change the setup while the Node is "
                + (now instanceof Running r
                    ? "running as process " + r.node().processId()
                    : "starting"));
      }
      return UiAnswer.ok(setupPayload(true, setup.get().values(), List.of()));
    }
    DaemonSetup before;
    DaemonSetup.Changed changed;
    do {
      before = setup.get();
      changed = before.change(changes);
    } while (!setup.compareAndSet(before, changed.setup()));
    List<DaemonSetup.Value> after = changed.setup().values();
    ObjectNode answer = setupPayload(false, after, changed.errors());
    if (after.equals(before.values())) {
      return UiAnswer.ok(answer);
    }
    // The reference tells the other UIs when the setup changed.
    UiMessage toOthers =
        new UiMessage.Payload("setup", OptionalLong.empty(), setupPayload(false, after, List.of()));
    return new UiAnswer.Ok(answer, UiAnswer.NOTHING, Optional.of(toOthers));
  }

  static ObjectNode setupPayload(
      boolean running, List<DaemonSetup.Value> values, List<DaemonSetup.Error> errors) {
    ObjectNode payload = UiAnswer.object();
    payload.put("running", running);
    ArrayNode list = payload.putArray("values");
    for (DaemonSetup.Value v : values) {
      list.addObject()
          .put("name", v.name())
          .put("value", v.value())
          .put("status", v.status().name());
    }
    ArrayNode errorList = payload.putArray("errors");
    for (DaemonSetup.Error e : errors) {
      errorList.addArray().add(e.name()).add(e.message());
    }
    return payload;
  }

  private UiAnswer start(ObjectNode payload) {
    if (!phase.compareAndSet(IDLE, STARTING)) {
      return UiAnswer.failed(UiErrors.NODE_ALREADY_RUNNING_ERROR, alreadyRunning(phase.get()));
    }
    try {
      DaemonSetup values = setup.get();
      Optional<String> why = values.whyNotStartable();
      if (why.isPresent()) {
        return UiAnswer.failed(
            UiErrors.NODE_LAUNCH_ERROR, "Could not start the Node: " + why.get());
      }
      NodeLauncher.Launched node = launcher.launch(values.nodeEnvironment(), launcher.freePort());
      phase.set(new Running(node));
      node.exit().thenAccept(code -> ended(node, code));
      log.info("Started the Node as process {} on UI port {}", node.processId(), node.uiPort());
      ObjectNode answer = UiAnswer.object();
      answer.put("newProcessId", node.processId());
      answer.put("redirectUiPort", node.uiPort());
      return UiAnswer.ok(answer);
    } catch (IOException e) {
      return UiAnswer.failed(
          UiErrors.NODE_LAUNCH_ERROR, "Could not start the Node: " + e.getMessage());
    } finally {
      phase.compareAndSet(STARTING, IDLE);
    }
  }

  private static String alreadyRunning(Phase now) {
    return now instanceof Running r
        ? "The Node is already running as process "
            + r.node().processId()
            + " on UI port "
            + r.node().uiPort()
        : "The Node is already starting";
  }

  /** The Node ended: without a shutdown (exit code not 0), every client hears it crashed. */
  private void ended(NodeLauncher.Launched node, int code) {
    Phase now = phase.get();
    if (!(now instanceof Running r) || r.node() != node || !phase.compareAndSet(now, IDLE)) {
      return;
    }
    if (code == 0) {
      log.info("The Node (process {}) stopped", node.processId());
      return;
    }
    String reason =
        "exit code " + code + (code > 128 ? " (killed by signal " + (code - 128) + ")" : "");
    log.warn("The Node (process {}) ended: {}", node.processId(), reason);
    ObjectNode payload = UiAnswer.object();
    payload.put("processId", node.processId());
    payload.putObject("crashReason").put("Unrecognized", reason);
    broadcast.accept(new UiMessage.Payload("crashed", OptionalLong.empty(), payload));
  }

  /**
   * Answers a request the Daemon does not handle: {@code redirect} to the running Node, else that
   * no Node runs ({@code undelivered} for a message that expects no answer).
   */
  UiMessage rest(UiMessage.Payload request) {
    if (phase.get() instanceof Running r) {
      ObjectNode payload = UiAnswer.object();
      payload.put("port", r.node().uiPort());
      payload.put("opcode", request.opcode());
      request
          .contextId()
          .ifPresent(id -> payload.put("contextId", new BigInteger(Long.toUnsignedString(id))));
      payload.put("payload", request.payload().toString());
      return new UiMessage.Payload("redirect", OptionalLong.empty(), payload);
    }
    if (request.contextId().isPresent()) {
      return new UiMessage.Failure(
          request.opcode(),
          request.contextId(),
          UiErrors.NODE_NOT_RUNNING_ERROR,
          "Cannot handle " + request.opcode() + " request: Node is not running");
    }
    return new UiMessage.Payload(
        "undelivered",
        OptionalLong.empty(),
        JsonNodeFactory.instance.objectNode().put("opcode", request.opcode()));
  }
}
