package org.jmasq.node.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UiCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static UiCodec.Decoded.Refused refused(String text) {
    UiCodec.Decoded decoded = UiCodec.decode(text);
    assertThat(decoded).isInstanceOf(UiCodec.Decoded.Refused.class);
    return (UiCodec.Decoded.Refused) decoded;
  }

  private static UiMessage message(String text) {
    UiCodec.Decoded decoded = UiCodec.decode(text);
    assertThat(decoded).isInstanceOf(UiCodec.Decoded.Message.class);
    return ((UiCodec.Decoded.Message) decoded).message();
  }

  @Test
  void a_request_with_a_context_id_and_a_payload_is_decoded() {
    UiMessage m = message("{\"opcode\":\"financials\",\"contextId\":7,\"payload\":{\"a\":1}}");
    assertThat(m).isInstanceOf(UiMessage.Payload.class);
    assertThat(m.opcode()).isEqualTo("financials");
    assertThat(m.contextId()).hasValue(7);
    assertThat(((UiMessage.Payload) m).payload().get("a").asInt()).isEqualTo(1);
  }

  @Test
  void a_fire_and_forget_message_has_no_context_id() {
    assertThat(message("{\"opcode\":\"x\",\"payload\":{}}").contextId()).isEmpty();
    assertThat(message("{\"opcode\":\"x\",\"contextId\":null,\"payload\":{}}").contextId())
        .isEmpty();
  }

  @Test
  void the_largest_u64_context_id_goes_back_as_it_came() throws Exception {
    UiMessage m = message("{\"opcode\":\"x\",\"contextId\":18446744073709551615,\"payload\":{}}");
    JsonNode back = JSON.readTree(UiCodec.encode(m));
    assertThat(back.get("contextId").bigIntegerValue().toString())
        .isEqualTo("18446744073709551615");
  }

  @Test
  void an_error_answer_carries_the_code_unsigned_and_the_message() throws Exception {
    String text =
        UiCodec.encode(
            new UiMessage.Failure(
                "scan", OptionalLong.of(3), UiErrors.NODE_NOT_RUNNING_ERROR, "no Node"));
    JsonNode back = JSON.readTree(text);
    assertThat(back.get("opcode").asText()).isEqualTo("scan");
    assertThat(back.get("contextId").asLong()).isEqualTo(3);
    assertThat(back.get("error").get("code").bigIntegerValue().toString())
        .isEqualTo("9223372036854775810");
    assertThat(back.get("error").get("message").asText()).isEqualTo("no Node");
    assertThat(back.has("payload")).isFalse();
    UiMessage again = message(text);
    assertThat(again)
        .isEqualTo(
            new UiMessage.Failure(
                "scan", OptionalLong.of(3), UiErrors.NODE_NOT_RUNNING_ERROR, "no Node"));
  }

  @Test
  void a_broadcast_is_written_without_a_context_id() throws Exception {
    ObjectNode payload = JsonNodeFactory.instance.objectNode().put("stage", "RouteFound");
    JsonNode back =
        JSON.readTree(
            UiCodec.encode(
                new UiMessage.Payload("connectionChange", OptionalLong.empty(), payload)));
    assertThat(back.has("contextId")).isFalse();
    assertThat(back.get("payload").get("stage").asText()).isEqualTo("RouteFound");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "{\"opcode\":",
        "{\"opcode\":\"x\",\"payload\":{}} trailing",
        "{\"opcode\":\"x\",\"opcode\":\"y\",\"payload\":{}}"
      })
  void what_is_not_json_is_refused(String text) {
    assertThat(refused(text).message()).containsAnyOf("not JSON", "JSON object");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1]", "\"text\"", "42", "null"})
  void json_that_is_not_an_object_is_refused(String text) {
    assertThat(refused(text).message()).contains("JSON object");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"payload\":{}}",
        "{\"opcode\":7,\"payload\":{}}",
        "{\"opcode\":\"\",\"payload\":{}}",
        "{\"opcode\":null,\"payload\":{}}"
      })
  void a_message_without_an_opcode_string_is_refused(String text) {
    assertThat(refused(text).message()).contains("opcode");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"opcode\":\"x\",\"contextId\":-1,\"payload\":{}}",
        "{\"opcode\":\"x\",\"contextId\":1.5,\"payload\":{}}",
        "{\"opcode\":\"x\",\"contextId\":\"1\",\"payload\":{}}",
        "{\"opcode\":\"x\",\"contextId\":18446744073709551616,\"payload\":{}}"
      })
  void a_context_id_that_is_not_a_u64_is_refused(String text) {
    assertThat(refused(text).message()).contains("contextId");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"opcode\":\"x\"}",
        "{\"opcode\":\"x\",\"payload\":{},\"error\":{\"code\":1,\"message\":\"m\"}}"
      })
  void a_message_needs_exactly_one_of_payload_and_error(String text) {
    assertThat(refused(text).message()).contains("either a payload or an error");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"opcode\":\"x\",\"payload\":[]}",
        "{\"opcode\":\"x\",\"payload\":\"{}\"}",
        "{\"opcode\":\"x\",\"payload\":null}"
      })
  void a_payload_that_is_not_an_object_is_refused(String text) {
    assertThat(refused(text).message()).contains("payload must be a JSON object");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"opcode\":\"x\",\"error\":{\"message\":\"m\"}}",
        "{\"opcode\":\"x\",\"error\":{\"code\":-4,\"message\":\"m\"}}",
        "{\"opcode\":\"x\",\"error\":{\"code\":4}}",
        "{\"opcode\":\"x\",\"error\":{\"code\":4,\"message\":5}}",
        "{\"opcode\":\"x\",\"error\":\"bad\"}"
      })
  void an_error_without_a_u64_code_and_a_message_is_refused(String text) {
    assertThat(refused(text).message()).contains("error must be an object");
  }

  @Test
  void bad_data_is_cut_to_its_bound() {
    String big = "x".repeat(UiCodec.MAX_BAD_DATA * 3);
    UiCodec.Decoded.Refused r = refused(big);
    assertThat(r.badData()).hasSize(UiCodec.MAX_BAD_DATA);
    assertThat(refused("nope").badData()).isEqualTo("nope");
  }

  @Test
  void a_refusal_becomes_an_unmarshal_error_with_message_and_bad_data() throws Exception {
    JsonNode back = JSON.readTree(UiCodec.encode(UiCodec.unmarshalError(refused("{oops"))));
    assertThat(back.get("opcode").asText()).isEqualTo("unmarshalError");
    assertThat(back.has("contextId")).isFalse();
    assertThat(back.get("payload").get("badData").asText()).isEqualTo("{oops");
    assertThat(back.get("payload").get("message").asText()).startsWith("not JSON");
  }
}
