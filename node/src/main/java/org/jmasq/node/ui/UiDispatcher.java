package org.jmasq.node.ui;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jmasq.neighborhood.ConnectionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each request to its opcode's handler and makes the answer a message on the request's opcode
 * and contextId. An opcode nobody here answers gets an error, never silence: the reference's Node
 * drops what no actor handles, and a UI then waits forever.
 */
final class UiDispatcher {
  private static final Logger log = LoggerFactory.getLogger(UiDispatcher.class);

  private final Map<String, UiHandler> handlers;
  private final Optional<UiFallback> rest;

  UiDispatcher(Map<String, UiHandler> handlers) {
    this(handlers, Optional.empty());
  }

  /** With {@code rest} answering every opcode without a handler, instead of {@link NotServed}. */
  UiDispatcher(Map<String, UiHandler> handlers, Optional<UiFallback> rest) {
    this.handlers = Map.copyOf(handlers);
    this.rest = rest;
  }

  /**
   * The handlers of the opcodes this Node serves, over {@code node}.
   *
   * @param stage the last stage the Node reported
   */
  static UiDispatcher forNode(UiNode node, Supplier<ConnectionStage> stage) {
    return forNode(node, stage, Optional::empty, Optional.empty());
  }

  /**
   * The handlers of the opcodes this Node serves, over {@code node}.
   *
   * @param stage the last stage the Node reported
   * @param refusal why the network has not taken this Node, while that holds
   */
  static UiDispatcher forNode(
      UiNode node, Supplier<ConnectionStage> stage, Supplier<Optional<String>> refusal) {
    return forNode(node, stage, refusal, Optional.empty());
  }

  /**
   * The handlers of the opcodes this Node serves, with the JMasq extensions over {@code readings}
   * where it reports them.
   */
  static UiDispatcher forNode(
      UiNode node, Supplier<ConnectionStage> stage, Optional<NodeReadings> readings) {
    return forNode(node, stage, Optional::empty, readings);
  }

  /** All of the above: the refusal for {@code connectionStatus}, the extensions over readings. */
  static UiDispatcher forNode(
      UiNode node,
      Supplier<ConnectionStage> stage,
      Supplier<Optional<String>> refusal,
      Optional<NodeReadings> readings) {
    Map<String, UiHandler> h = new HashMap<>();
    h.put("descriptor", StatusHandlers.descriptor(node.status()));
    h.put("connectionStatus", StatusHandlers.connectionStatus(stage, refusal));
    h.put("neighborhoodGraph", StatusHandlers.neighborhoodGraph(node.status()));
    h.put("shutdown", new ShutdownHandler(node.shutdown()));
    h.put("checkPassword", ConfigurationHandlers.checkPassword(node.passwords()));
    h.put("changePassword", ConfigurationHandlers.changePassword(node.passwords()));
    h.put(
        "setConfiguration",
        ConfigurationHandlers.setConfiguration(
            node.minHops(), node.startBlock(), node.configurator()));
    h.put("financials", new FinancialsHandler(node.financials()));
    h.put("configuration", new ConfigurationHandler(node.configurator()));
    WalletHandlers wallets =
        new WalletHandlers(node.passwords(), node.configurator(), new SecureRandom());
    h.put("generateWallets", wallets.generateWallets());
    h.put("recoverWallets", wallets.recoverWallets());
    h.put("walletAddresses", wallets.walletAddresses());
    h.put("scan", new ScanHandler(node.scans(), ScanHandler.PATIENCE));
    h.put("exitLocation", new ExitLocationHandler(node.exitLocations()));
    readings.ifPresent(
        r -> {
          h.put("traffic", request -> UiAnswer.ok(r.traffic().payload()));
          h.put("neighborhood", request -> UiAnswer.ok(r.neighborhood().payload()));
        });
    return new UiDispatcher(h);
  }

  /** A message to send back, what to do once it is written, and a broadcast to the others. */
  record Reply(UiMessage message, Runnable afterSent, Optional<UiMessage> toOthers) {}

  Reply answer(UiMessage message) {
    if (!(message instanceof UiMessage.Payload request)) {
      return failed(
          message, UiErrors.UNMARSHAL_ERROR, "a UI sends requests with a payload, not errors");
    }
    UiHandler handler = handlers.get(request.opcode());
    if (handler == null && rest.isPresent()) {
      return new Reply(rest.get().answer(request), UiAnswer.NOTHING, Optional.empty());
    }
    if (handler == null) {
      NotServed.Why why = NotServed.WHY.get(request.opcode());
      return why != null
          ? failed(message, why.code(), why.message())
          : failed(message, UiErrors.UNMARSHAL_ERROR, "unknown opcode: " + request.opcode());
    }
    UiAnswer answer;
    try {
      answer = handler.handle(request.payload());
    } catch (RuntimeException e) {
      log.warn("The UI's {} request failed", request.opcode(), e);
      return failed(message, UiErrors.UNKNOWN_ERROR, request.opcode() + " failed: " + e);
    }
    return switch (answer) {
      case UiAnswer.Ok ok ->
          new Reply(
              new UiMessage.Payload(request.opcode(), request.contextId(), ok.payload()),
              ok.afterSent(),
              ok.toOthers());
      case UiAnswer.Failed f -> failed(message, f.code(), f.message());
    };
  }

  private static Reply failed(UiMessage to, long code, String why) {
    return new Reply(
        new UiMessage.Failure(to.opcode(), to.contextId(), code, why),
        UiAnswer.NOTHING,
        Optional.empty());
  }
}
