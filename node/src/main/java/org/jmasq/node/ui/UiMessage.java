package org.jmasq.node.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalLong;

/**
 * One MASQNode-UIv2 message: {@code {opcode, contextId?, payload}} or {@code {opcode, contextId?,
 * error{code, message}}}. A conversation's answer reuses its request's opcode and contextId; a
 * broadcast (and a fire-and-forget message) has no contextId. A contextId and an error code are
 * unsigned 64-bit numbers on the wire, kept here as the same bits in a {@code long}.
 */
public sealed interface UiMessage {
  String opcode();

  OptionalLong contextId();

  /**
   * A request, an answer or a broadcast that carries a payload object. The object is not copied:
   * each is made for one message (decoded from one frame, or built by one handler) and only read
   * after.
   */
  record Payload(String opcode, OptionalLong contextId, ObjectNode payload) implements UiMessage {
    public Payload {
      requireOpcode(opcode);
      if (contextId == null || payload == null) {
        throw new IllegalArgumentException("contextId and payload are required");
      }
    }
  }

  /** An answer that failed: the reference's error code and a sentence for the user. */
  record Failure(String opcode, OptionalLong contextId, long code, String message)
      implements UiMessage {
    public Failure {
      requireOpcode(opcode);
      if (contextId == null || message == null) {
        throw new IllegalArgumentException("contextId and message are required");
      }
    }
  }

  private static void requireOpcode(String opcode) {
    if (opcode == null || opcode.isEmpty()) {
      throw new IllegalArgumentException("opcode: " + opcode + " (expected: a non-empty string)");
    }
  }
}
