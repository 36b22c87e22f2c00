package org.jmasq.node.ui;

import java.util.Map;

/**
 * The opcodes of MASQNode-UIv2 that this Node does not answer, each with the §8.2 code that fits
 * best and the sentence that says why: the Daemon's, and the ones whose part of the Node is not
 * built yet. Each is answered on the request's contextId, so a UI shows the reason instead of
 * waiting for an answer that never comes.
 */
final class NotServed {
  private NotServed() {}

  /** The code and the sentence a request of an opcode not served gets. */
  record Why(long code, String message) {}

  static final Map<String, Why> WHY =
      Map.ofEntries(
          // The Daemon refuses both while its Node runs, and this is a running Node.
          Map.entry(
              "setup",
              new Why(
                  UiErrors.NODE_ALREADY_RUNNING_ERROR,
                  "setup belongs to the Daemon, and cannot change a running Node")),
          Map.entry(
              "start",
              new Why(
                  UiErrors.NODE_ALREADY_RUNNING_ERROR,
                  "start belongs to the Daemon; this Node is already running")),
          Map.entry(
              "redirect",
              new Why(UiErrors.UNMARSHAL_ERROR, "redirect is sent by the Daemon, never to a Node")),
          Map.entry(
              "crashed",
              new Why(
                  UiErrors.UNMARSHAL_ERROR,
                  "crashed is broadcast by the Daemon, never sent to a Node")),
          Map.entry(
              "crash",
              new Why(
                  UiErrors.UNMARSHAL_ERROR,
                  "crash is honoured only with --crash-point, which this Node has not")),
          Map.entry(
              "connectionChange",
              new Why(
                  UiErrors.UNMARSHAL_ERROR,
                  "connectionChange is a broadcast from the Node, not a request")),
          Map.entry(
              "newPassword",
              new Why(
                  UiErrors.UNMARSHAL_ERROR,
                  "newPassword is a broadcast from the Node, not a request")),
          Map.entry(
              "logBroadcast",
              new Why(
                  UiErrors.UNMARSHAL_ERROR,
                  "logBroadcast is a broadcast from the Node, not a request")),
          Map.entry(
              "unmarshalError",
              new Why(
                  UiErrors.UNMARSHAL_ERROR,
                  "unmarshalError is sent by the Node about a bad frame, not a request")));
}
