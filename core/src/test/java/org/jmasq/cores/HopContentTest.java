package org.jmasq.cores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jmasq.wire.DecoderContract.decodeOrRefuse;
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
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.jmasq.crypto.PublicKey;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.DecoderContract;
import org.junit.jupiter.api.Test;

class HopContentTest {
  @Provide
  Arbitrary<HopContent> contents() {
    return CoresArbitraries.hopContents();
  }

  @Property(tries = 300)
  void decoding_encoded_hop_content_gives_it_back(@ForAll("contents") HopContent content) {
    assertThat(decodeOrRefuse(HopContent::decode, content.encode())).contains(content);
  }

  @Property(tries = 300)
  void every_hop_content_encodes_to_the_same_length(@ForAll("contents") HopContent content) {
    assertThat(content.encode()).hasSize(HopContent.PLAIN_LENGTH);
  }

  @Property(tries = 50)
  void a_shortened_or_lengthened_hop_is_refused(@ForAll("contents") HopContent content) {
    byte[] encoded = content.encode();
    DecoderContract.everyTruncationIsRefused(
        HopContent::decode, encoded, DecodeException.Kind.INVALID_FIELD);
    assertThat(refusalOf(HopContent::decode, Arrays.copyOf(encoded, encoded.length + 1)).kind())
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
  }

  @Property(tries = 500)
  void a_mutated_hop_is_refused_or_decodes_to_a_stable_value(
      @ForAll("contents") HopContent content, @ForAll long seed) {
    mutationIsRefusedOrStable(
        HopContent::decode, HopContent::encode, mutate(content.encode(), seed));
  }

  @Property(tries = 500)
  void garbage_of_the_hop_length_is_refused_only_with_a_decode_exception(
      @ForAll @Size(value = HopContent.PLAIN_LENGTH) byte[] garbage) {
    decodeOrRefuse(HopContent::decode, garbage);
  }

  @Property(tries = 200)
  void a_return_route_id_with_a_non_zero_padding_byte_is_refused(
      @ForAll @LongRange(min = 0, max = 0xffffffffL) long id,
      @ForAll @IntRange(min = 5, max = 159) int at) {
    byte[] encoded = new HopContent.ReturnRouteId(id).encode();
    encoded[at] = 1;
    assertThat(refusalOf(HopContent::decode, encoded).kind())
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
  }

  private static HopContent.LiveHop finalHop() {
    return new HopContent.LiveHop(Optional.empty(), Optional.empty(), Component.PROXY_SERVER);
  }

  @Test
  void a_live_hop_encodes_as_documented() {
    byte[] key = new byte[64];
    key[0] = 5;
    byte[] encoded =
        new HopContent.LiveHop(
                Optional.of(PublicKey.of(key)), Optional.empty(), Component.PROXY_CLIENT)
            .encode();
    assertThat(Arrays.copyOf(encoded, 4)).containsExactly(1, 3, 1, 5);
    assertThat(Arrays.copyOfRange(encoded, 4, 160)).containsOnly(0);
  }

  @Test
  void a_paid_hop_puts_the_payer_at_the_documented_offsets() {
    byte[] key = new byte[64];
    Arrays.fill(key, (byte) 0x44);
    byte[] wallet = new byte[20];
    Arrays.fill(wallet, (byte) 0x55);
    byte[] r = new byte[32];
    Arrays.fill(r, (byte) 0x66);
    byte[] s = new byte[32];
    Arrays.fill(s, (byte) 0x77);
    Payer payer = new Payer(org.jmasq.identity.Wallet.of(wallet), r, s, 1);
    byte[] encoded =
        new HopContent.LiveHop(
                Optional.of(PublicKey.of(key)),
                Optional.of(payer),
                Component.HOPPER,
                0x8877665544332211L)
            .encode();
    assertThat(Arrays.copyOf(encoded, 3)).containsExactly(1, 1, 3);
    assertThat(Arrays.copyOfRange(encoded, 3, 67)).isEqualTo(key);
    assertThat(Arrays.copyOfRange(encoded, 67, 87)).isEqualTo(wallet);
    assertThat(Arrays.copyOfRange(encoded, 87, 119)).isEqualTo(r);
    assertThat(Arrays.copyOfRange(encoded, 119, 151)).isEqualTo(s);
    assertThat(encoded[151]).isEqualTo((byte) 1);
    assertThat(Arrays.copyOfRange(encoded, 152, 160))
        .containsExactly(0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11);
  }

  @Test
  void a_return_route_id_encodes_as_documented() {
    byte[] encoded = new HopContent.ReturnRouteId(0xfeedbeefL).encode();
    assertThat(Arrays.copyOf(encoded, 5)).containsExactly(2, 0xfe, 0xed, 0xbe, 0xef);
    assertThat(Arrays.copyOfRange(encoded, 5, 160)).containsOnly(0);
  }

  @Test
  void an_unknown_hop_kind_is_refused_as_an_unknown_code() {
    byte[] encoded = finalHop().encode();
    encoded[0] = 3;
    assertThat(refusalOf(HopContent::decode, encoded).kind())
        .isEqualTo(DecodeException.Kind.UNKNOWN_CODE);
  }

  @Test
  void an_unknown_component_is_refused_as_an_unknown_code() {
    byte[] encoded = finalHop().encode();
    encoded[1] = 4;
    assertThat(refusalOf(HopContent::decode, encoded).kind())
        .isEqualTo(DecodeException.Kind.UNKNOWN_CODE);
  }

  @Test
  void unknown_flags_are_refused() {
    byte[] encoded = finalHop().encode();
    encoded[2] = 4;
    assertThat(refusalOf(HopContent::decode, encoded).kind())
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
  }

  @Test
  void an_absent_next_key_or_payer_must_be_zero() {
    byte[] withKeyBytes = finalHop().encode();
    withKeyBytes[10] = 1;
    assertThat(refusalOf(HopContent::decode, withKeyBytes).kind())
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
    byte[] withPayerBytes = finalHop().encode();
    withPayerBytes[151] = 1;
    assertThat(refusalOf(HopContent::decode, withPayerBytes).kind())
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
  }

  @Test
  void a_payer_recovery_id_above_one_is_refused() {
    byte[] key = new byte[64];
    key[3] = 9;
    byte[] encoded =
        new HopContent.LiveHop(
                Optional.empty(),
                Optional.of(CoresArbitraries.payerFor(PublicKey.of(key))),
                Component.HOPPER)
            .encode();
    encoded[151] = 2;
    assertThat(refusalOf(HopContent::decode, encoded).kind())
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
  }

  @Test
  void a_return_route_id_must_fit_in_32_bits() {
    assertThatThrownBy(() -> new HopContent.ReturnRouteId(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HopContent.ReturnRouteId(1L << 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new HopContent.ReturnRouteId(0xffffffffL).id()).isEqualTo(0xffffffffL);
  }

  @Test
  void a_payer_proof_has_32_byte_halves_and_a_recovery_id_of_zero_or_one() {
    var wallet = org.jmasq.identity.Wallet.of(new byte[20]);
    assertThatThrownBy(() -> new Payer(wallet, new byte[31], new byte[32], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Payer(wallet, new byte[32], new byte[32], 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Payer(null, new byte[32], new byte[32], 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
