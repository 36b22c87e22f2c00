package org.jmasq.node.ui;

import java.util.Map;

/**
 * The opcodes of MASQNode-UIv2 that this Node does not answer, each with the sentence that says
 * why: the Daemon's, and the ones whose part of the Node is not built yet. Each is answered with
 * {@link UiErrors#UNMARSHAL_ERROR} and that sentence on the request's contextId, so a UI shows the
 * reason instead of waiting for an answer that never comes.
 */
final class NotServed {
  private NotServed() {}

  static final Map<String, String> WHY =
      Map.ofEntries(
          Map.entry("setup", "setup belongs to the Daemon; this is a running Node"),
          Map.entry("start", "start belongs to the Daemon; this Node is already running"),
          Map.entry("redirect", "redirect is sent by the Daemon, never to a Node"),
          Map.entry("crashed", "crashed is broadcast by the Daemon, never sent to a Node"),
          Map.entry(
              "exitLocation",
              "exitLocation is not available yet: this Node cannot choose its exit's country"),
          Map.entry("configuration", "configuration is not served by this Node yet"),
          Map.entry("changePassword", "changePassword is not served by this Node yet"),
          Map.entry("generateWallets", "generateWallets is not served by this Node yet"),
          Map.entry("recoverWallets", "recoverWallets is not served by this Node yet"),
          Map.entry("walletAddresses", "walletAddresses is not served by this Node yet"),
          Map.entry("scan", "scan is not served by this Node yet"),
          Map.entry("crash", "crash is honoured only with --crash-point, which this Node has not"),
          Map.entry(
              "connectionChange", "connectionChange is a broadcast from the Node, not a request"),
          Map.entry("logBroadcast", "logBroadcast is a broadcast from the Node, not a request"),
          Map.entry(
              "unmarshalError",
              "unmarshalError is sent by the Node about a bad frame, not a request"));
}
