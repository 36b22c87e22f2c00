package org.jmasq.node.ui;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.OptionalLong;

/**
 * Turns the text of one WebSocket frame into a {@link UiMessage}, or into the reason it is not one,
 * and a message back into text. Decoding never throws: what cannot be a message becomes a {@link
 * Decoded.Refused}, which the gateway answers with {@code unmarshalError} and keeps the connection.
 *
 * <pre>
 *   {"opcode": "financials", "contextId": 7, "payload": {...}}
 *   {"opcode": "financials", "contextId": 7, "error": {"code": 18014398509481985, "message": "..."}}
 *   {"opcode": "connectionChange", "payload": {"stage": "RouteFound"}}        (a broadcast)
 * </pre>
 */
public final class UiCodec {
  /**
   * How much of a refused frame goes back as {@code badData}: enough to see what was sent, never a
   * copy of a large frame.
   */
  public static final int MAX_BAD_DATA = 1024;

  private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          // Exact, as integers are: a double would turn 1.5e315 into Infinity, which it cannot
          // write back as a number (fuzzing found it).
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private UiCodec() {}

  /** What a frame turned out to be. */
  public sealed interface Decoded {
    record Message(UiMessage message) implements Decoded {}

    /**
     * Not a message: why, and the start of what was sent.
     *
     * @param badData the frame's text, cut to {@link #MAX_BAD_DATA} characters
     */
    record Refused(String message, String badData) implements Decoded {}
  }

  public static Decoded decode(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException e) {
      return refused("not JSON: " + e.getOriginalMessage(), text);
    } catch (NumberFormatException e) {
      // A number whose exponent no BigDecimal holds (5e3159999948): Jackson lets it through
      // unwrapped (fuzzing found it).
      return refused("a number out of range: " + e.getMessage(), text);
    }
    if (root == null || !root.isObject()) {
      return refused("a message must be a JSON object", text);
    }
    JsonNode opcode = root.get("opcode");
    if (opcode == null || !opcode.isTextual() || opcode.asText().isEmpty()) {
      return refused("a message must have an opcode: a non-empty string", text);
    }
    OptionalLong contextId = OptionalLong.empty();
    JsonNode id = root.get("contextId");
    if (id != null && !id.isNull()) {
      OptionalLong parsed = u64(id);
      if (parsed.isEmpty()) {
        return refused("contextId must be an integer from 0 to 2^64-1", text);
      }
      contextId = parsed;
    }
    JsonNode payload = root.get("payload");
    JsonNode error = root.get("error");
    if ((payload == null) == (error == null)) {
      return refused("a message must have either a payload or an error", text);
    }
    if (payload != null) {
      if (!payload.isObject()) {
        return refused("payload must be a JSON object", text);
      }
      return new Decoded.Message(
          new UiMessage.Payload(opcode.asText(), contextId, (ObjectNode) payload));
    }
    JsonNode code = error.get("code");
    JsonNode message = error.get("message");
    OptionalLong parsedCode = code == null ? OptionalLong.empty() : u64(code);
    if (!error.isObject() || parsedCode.isEmpty() || message == null || !message.isTextual()) {
      return refused("error must be an object with a code (0 to 2^64-1) and a message", text);
    }
    return new Decoded.Message(
        new UiMessage.Failure(
            opcode.asText(), contextId, parsedCode.getAsLong(), message.asText()));
  }

  public static String encode(UiMessage message) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("opcode", message.opcode());
    message.contextId().ifPresent(id -> root.put("contextId", unsigned(id)));
    switch (message) {
      case UiMessage.Payload p -> root.set("payload", p.payload());
      case UiMessage.Failure f -> {
        ObjectNode error = root.putObject("error");
        error.put("code", unsigned(f.code()));
        error.put("message", f.message());
      }
    }
    return root.toString();
  }

  /** The {@code unmarshalError} a refused frame is answered with; it has no contextId. */
  public static UiMessage unmarshalError(Decoded.Refused refused) {
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.put("message", refused.message());
    payload.put("badData", refused.badData());
    return new UiMessage.Payload("unmarshalError", OptionalLong.empty(), payload);
  }

  private static Decoded.Refused refused(String why, String text) {
    String bad = text.length() <= MAX_BAD_DATA ? text : text.substring(0, MAX_BAD_DATA);
    return new Decoded.Refused(why, bad);
  }

  private static OptionalLong u64(JsonNode node) {
    if (!node.isIntegralNumber()) {
      return OptionalLong.empty();
    }
    BigInteger value = node.bigIntegerValue();
    return value.signum() < 0 || value.compareTo(MAX_U64) > 0
        ? OptionalLong.empty()
        : OptionalLong.of(value.longValue());
  }

  private static BigInteger unsigned(long bits) {
    return new BigInteger(Long.toUnsignedString(bits));
  }
}
