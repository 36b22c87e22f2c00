package org.jmasq.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.wire.DecoderContract.decodeOrRefuse;
import static org.jmasq.wire.DecoderContract.everyTruncationIsRefused;
import static org.jmasq.wire.DecoderContract.mutate;
import static org.jmasq.wire.DecoderContract.mutationIsRefusedOrStable;
import static org.jmasq.wire.DecoderContract.refusalOf;

import java.util.Arrays;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.jmasq.crypto.PublicKey;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireWriter;
import org.junit.jupiter.api.Test;

class MessageTypeTest {
  private static final StreamKey STREAM = StreamKey.of(new byte[StreamKey.LENGTH]);

  @Provide
  Arbitrary<MessageType> messages() {
    return PayloadArbitraries.messages();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] withVersion(byte[] encoded, int major, int minor) {
    byte[] out = encoded.clone();
    out[1] = (byte) (major >>> 8);
    out[2] = (byte) major;
    out[3] = (byte) (minor >>> 8);
    out[4] = (byte) minor;
    return out;
  }

  @Property(tries = 500)
  void decoding_an_encoded_message_gives_it_back(@ForAll("messages") MessageType message) {
    assertThat(decodeOrRefuse(MessageType::decode, message.encode())).contains(message);
  }

  @Property(tries = 300)
  void a_request_or_response_says_its_encoded_length_exactly(
      @ForAll("messages") MessageType message) {
    // Exact, so the encoder writes a chunk once into an array of its size and copies it no more.
    if (message instanceof ClientRequest || message instanceof ClientResponse) {
      assertThat(message.encodedLength()).isEqualTo(message.encode().length);
    }
  }

  @Property(tries = 60)
  void a_truncated_message_is_refused_as_truncated(@ForAll("messages") MessageType message) {
    everyTruncationIsRefused(MessageType::decode, message.encode(), DecodeException.Kind.TRUNCATED);
  }

  @Property(tries = 1000)
  void a_mutated_message_is_refused_or_decodes_to_a_stable_value(
      @ForAll("messages") MessageType message, @ForAll long seed) {
    mutationIsRefusedOrStable(
        MessageType::decode, MessageType::encode, mutate(message.encode(), seed));
  }

  @Property(tries = 500)
  void garbage_is_refused_only_with_a_decode_exception(@ForAll @Size(max = 600) byte[] garbage) {
    decodeOrRefuse(MessageType::decode, garbage);
  }

  @Property(tries = 1000)
  void garbage_after_a_valid_header_is_refused_only_with_a_decode_exception(
      @ForAll @IntRange(min = 1, max = 6) int type,
      @ForAll @IntRange(min = 1, max = 2) int minor,
      @ForAll @Size(max = 600) byte[] body) {
    byte[] header = new WireWriter().u8(type).u16(0).u16(minor).toByteArray();
    decodeOrRefuse(MessageType::decode, concat(header, body));
  }

  @Property(tries = 200)
  void a_later_minor_version_with_fields_appended_decodes_to_the_known_fields(
      @ForAll("messages") MessageType message,
      @ForAll @IntRange(min = 2, max = 0xffff) int minor,
      @ForAll @Size(max = 40) byte[] appended) {
    // Later than the message's own minor: StreamAck is at 0.2.
    int laterMinor = Math.max(minor, message.version().minor() + 1);
    byte[] later = concat(withVersion(message.encode(), 0, laterMinor), appended);
    assertThat(decodeOrRefuse(MessageType::decode, later)).contains(message);
  }

  @Property(tries = 200)
  void the_current_version_with_bytes_after_the_known_fields_is_refused(
      @ForAll("messages") MessageType message, @ForAll @Size(min = 1, max = 40) byte[] appended) {
    assertThat(refusalOf(MessageType::decode, concat(message.encode(), appended)).kind())
        .isEqualTo(DecodeException.Kind.TRAILING_BYTES);
  }

  @Property(tries = 100)
  void another_major_version_is_refused(
      @ForAll("messages") MessageType message,
      @ForAll @IntRange(min = 1, max = 0xffff) int major,
      @ForAll @IntRange(min = 0, max = 0xffff) int minor) {
    assertThat(refusalOf(MessageType::decode, withVersion(message.encode(), major, minor)).kind())
        .isEqualTo(DecodeException.Kind.UNSUPPORTED_VERSION);
  }

  @Test
  void major_version_one_is_refused() {
    byte[] encoded = withVersion(new DnsResolveFailure(STREAM).encode(), 1, 1);
    DecodeException refusal = refusalOf(MessageType::decode, encoded);
    assertThat(refusal.kind()).isEqualTo(DecodeException.Kind.UNSUPPORTED_VERSION);
    assertThat(refusal).hasMessageContaining("1.1");
  }

  @Test
  void version_zero_zero_is_older_than_any_payload_and_is_refused() {
    byte[] encoded = withVersion(new DnsResolveFailure(STREAM).encode(), 0, 0);
    assertThat(refusalOf(MessageType::decode, encoded).kind())
        .isEqualTo(DecodeException.Kind.UNSUPPORTED_VERSION);
  }

  @Test
  void every_message_starts_with_its_type_and_version_0_1() {
    assertThat(Arrays.copyOf(new DnsResolveFailure(STREAM).encode(), 5))
        .containsExactly(3, 0, 0, 0, 1);
    assertThat(new GossipFailure(GossipFailure.Reason.UNKNOWN).encode())
        .containsExactly(5, 0, 0, 0, 1, 3);
    assertThat(new ClientResponse(STREAM, new SequencedPacket(new byte[0], 0, false)).encode()[0])
        .isEqualTo((byte) 2);
    assertThat(
            new ClientRequest(
                    STREAM,
                    new SequencedPacket(new byte[0], 0, false),
                    Optional.empty(),
                    80,
                    ProxyProtocol.HTTP,
                    PublicKey.of(new byte[64]))
                .encode()[0])
        .isEqualTo((byte) 1);
    assertThat(new Gossip(java.util.List.of()).encode()).containsExactly(4, 0, 0, 0, 1, 0, 0);
    assertThat(new ExitFailure(STREAM, ExitFailure.Reason.TIMED_OUT, "").encode()[0])
        .isEqualTo((byte) 6);
  }

  @Test
  void an_unknown_message_type_is_refused_as_an_unknown_code() {
    for (int type : new int[] {0, 8, 255}) {
      byte[] encoded = new DnsResolveFailure(STREAM).encode();
      encoded[0] = (byte) type;
      assertThat(refusalOf(MessageType::decode, encoded).kind())
          .as("type %d", type)
          .isEqualTo(DecodeException.Kind.UNKNOWN_CODE);
    }
  }

  @Test
  void an_empty_payload_is_refused_as_truncated() {
    assertThat(refusalOf(MessageType::decode, new byte[0]).kind())
        .isEqualTo(DecodeException.Kind.TRUNCATED);
  }
}
