package org.jmasq.node.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers one opcode's request. Called on a thread of its own per request, so it may wait (on the
 * Neighborhood's mailbox, on the database) without holding up other clients.
 */
@FunctionalInterface
public interface UiHandler {
  UiAnswer handle(ObjectNode payload);
}
