package org.jmasq.node.ui;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** What a handler answers to one request: a payload, or an error with the reference's code. */
public sealed interface UiAnswer {
  /**
   * A payload, what to do once it has been written to the client (stopping the Node after {@code
   * shutdown} is answered, say), and a broadcast for the other clients, if any ({@code newPassword}
   * after {@code changePassword}). The payload is the handler's own new object, never shared, so it
   * is not copied.
   */
  record Ok(ObjectNode payload, Runnable afterSent, Optional<UiMessage> toOthers)
      implements UiAnswer {
    public Ok(ObjectNode payload, Runnable afterSent) {
      this(payload, afterSent, Optional.empty());
    }
  }

  record Failed(long code, String message) implements UiAnswer {}

  /** The {@code afterSent} of an answer that has nothing to do once written. */
  Runnable NOTHING = () -> {};

  static UiAnswer ok(ObjectNode payload) {
    return new Ok(payload, NOTHING);
  }

  static UiAnswer failed(long code, String message) {
    return new Failed(code, message);
  }

  /** A new empty payload object to fill. */
  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }
}
