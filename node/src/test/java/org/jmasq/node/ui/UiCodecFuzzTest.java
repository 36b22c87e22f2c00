package org.jmasq.node.ui;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Optional;
import org.jmasq.wire.FuzzContract;

/**
 * A fuzz target for what a UI client sends: a text frame, decoded as the gateway decodes it. It is
 * a message or a refusal (answered with {@code unmarshalError}), never an exception; a refusal
 * quotes at most {@link UiCodec#MAX_BAD_DATA} characters of the frame; a message encodes to a frame
 * that decodes to the same message, its numbers of the same value. The corpus is in {@code
 * UiCodecFuzzTestInputs}; see docs/FUZZING.md.
 */
class UiCodecFuzzTest {
  /** A JSON parser compares and allocates for each byte it reads, as the config file's does. */
  private static final FuzzContract CONTRACT = FuzzContract.refusingWith().allowingPerInputByte(64);

  /** Nodes alike, numbers by value: 1.5e315 may come back in full, never as text or Infinity. */
  private static final Comparator<JsonNode> BY_VALUE =
      (a, b) ->
          a.equals(b)
                  || (a.isNumber()
                      && b.isNumber()
                      && a.decimalValue().compareTo(b.decimalValue()) == 0)
              ? 0
              : 1;

  private static boolean same(UiMessage sent, UiMessage read) {
    if (sent instanceof UiMessage.Payload p && read instanceof UiMessage.Payload q) {
      return p.opcode().equals(q.opcode())
          && p.contextId().equals(q.contextId())
          && p.payload().equals(BY_VALUE, q.payload());
    }
    return sent.equals(read);
  }

  @FuzzTest
  void a_ui_frame_is_decoded_or_refused(byte[] input) {
    // The gateway hands the codec the frame's text, decoded from UTF-8.
    String text = new String(input, StandardCharsets.UTF_8);
    Optional<UiCodec.Decoded> decoded = CONTRACT.decode(input.length, () -> UiCodec.decode(text));
    switch (decoded.orElseThrow()) {
      case UiCodec.Decoded.Refused refused -> {
        if (refused.badData().length() > UiCodec.MAX_BAD_DATA
            || !text.startsWith(refused.badData())) {
          throw new AssertionError("badData is not the frame's start, cut: " + refused);
        }
        UiCodec.encode(UiCodec.unmarshalError(refused));
      }
      case UiCodec.Decoded.Message message -> {
        UiCodec.Decoded again = UiCodec.decode(UiCodec.encode(message.message()));
        if (!(again instanceof UiCodec.Decoded.Message read)
            || !same(message.message(), read.message())) {
          throw new AssertionError(
              "a message encodes to a frame that decodes as " + again + ": " + message);
        }
      }
    }
  }
}
