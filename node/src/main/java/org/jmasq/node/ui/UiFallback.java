package org.jmasq.node.ui;

/**
 * Answers the requests whose opcode has no handler of its own, with any message, not only one on
 * the request's opcode: a Daemon answers them with {@code redirect} to its running Node, or says
 * that no Node runs.
 */
@FunctionalInterface
public interface UiFallback {
  UiMessage answer(UiMessage.Payload request);
}
