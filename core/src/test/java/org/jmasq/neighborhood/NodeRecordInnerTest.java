package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Optional;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.jmasq.crypto.PublicKey;
import org.jmasq.wire.DecodeException;
import org.junit.jupiter.api.Test;

class NodeRecordInnerTest {
  private static final PublicKey KEY = Fixtures.keyPair(1).publicKey();

  private static NodeRecordInner inner(int neighborCount, long version) {
    TreeSet<PublicKey> neighbors = new TreeSet<>();
    for (int i = 0; i < neighborCount; i++) {
      neighbors.add(Fixtures.keyPair(100 + i).publicKey());
    }
    return new NodeRecordInner(
        KEY,
        Fixtures.wallet(1),
        new RatePack(1, 2, 3, 4),
        neighbors,
        true,
        false,
        version,
        Optional.of("DE"));
  }

  @Property(tries = 30)
  void a_record_decodes_to_what_was_encoded(
      @ForAll @IntRange(max = 6) int neighbors, @ForAll @LongRange(max = 0xffffffffL) long version)
      throws Exception {
    NodeRecordInner original = inner(neighbors, version);
    assertThat(NodeRecordInner.decode(original.encode())).isEqualTo(original);
  }

  @Test
  void the_key_can_be_read_without_decoding_the_rest() {
    assertThat(NodeRecordInner.peekKey(inner(2, 7).encode())).contains(KEY);
    assertThat(NodeRecordInner.peekKey(new byte[10])).isEmpty();
  }

  @Test
  void an_unknown_format_is_refused() {
    byte[] bytes = inner(0, 0).encode();
    bytes[0] = 2;
    assertThatThrownBy(() -> NodeRecordInner.decode(bytes))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("format");
  }

  @Test
  void unknown_flag_bits_are_refused() {
    byte[] bytes = inner(0, 0).encode();
    bytes[117] = 4;
    assertThatThrownBy(() -> NodeRecordInner.decode(bytes))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("flags");
  }

  @Test
  void neighbors_out_of_order_are_refused() {
    byte[] bytes = inner(2, 0).encode();
    byte[] first = Arrays.copyOfRange(bytes, 125, 189);
    System.arraycopy(bytes, 189, bytes, 125, 64);
    System.arraycopy(first, 0, bytes, 189, 64);
    assertThatThrownBy(() -> NodeRecordInner.decode(bytes))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("ascending");
  }

  @Test
  void a_record_listing_its_own_key_is_refused() {
    byte[] bytes = inner(1, 0).encode();
    System.arraycopy(KEY.bytes(), 0, bytes, 125, 64);
    assertThatThrownBy(() -> NodeRecordInner.decode(bytes))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("own key");
  }

  @Test
  void trailing_and_missing_bytes_are_refused() {
    byte[] bytes = inner(1, 0).encode();
    assertThatThrownBy(() -> NodeRecordInner.decode(Arrays.copyOf(bytes, bytes.length + 1)))
        .isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> NodeRecordInner.decode(Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(DecodeException.class);
  }

  @Test
  void more_than_32_neighbors_are_refused() {
    byte[] bytes = inner(0, 0).encode();
    bytes[124] = 33;
    assertThatThrownBy(() -> NodeRecordInner.decode(bytes))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("neighbor_count");
  }

  @Test
  void a_country_code_must_be_two_capital_letters() {
    byte[] bytes = inner(0, 0).encode();
    bytes[122] = 'd';
    assertThatThrownBy(() -> NodeRecordInner.decode(bytes))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("country");
  }

  @Test
  void a_country_code_of_zz_or_half_empty_is_refused_as_an_invalid_field() {
    for (byte[] code : new byte[][] {{'Z', 'Z'}, {'D', 0}, {0, 'E'}, {'D', '1'}}) {
      byte[] bytes = inner(0, 0).encode();
      bytes[122] = code[0];
      bytes[123] = code[1];
      assertThatThrownBy(() -> NodeRecordInner.decode(bytes))
          .isInstanceOfSatisfying(
              DecodeException.class,
              e -> assertThat(e.kind()).isEqualTo(DecodeException.Kind.INVALID_FIELD))
          .hasMessageContaining("node_record.country_code");
    }
  }

  @Test
  void a_record_with_no_country_says_so_with_two_zero_bytes() throws Exception {
    NodeRecordInner unknown = inner(0, 0).withVersion(1);
    NodeRecordInner none =
        new NodeRecordInner(
            unknown.publicKey(),
            unknown.earningWallet(),
            unknown.ratePack(),
            unknown.neighbors(),
            true,
            false,
            1,
            Optional.empty());
    byte[] bytes = none.encode();

    assertThat(new byte[] {bytes[122], bytes[123]}).containsExactly(0, 0);
    assertThat(NodeRecordInner.decode(bytes).countryCode()).isEmpty();
    assertThatThrownBy(
            () ->
                new NodeRecordInner(
                    KEY,
                    Fixtures.wallet(1),
                    RatePack.ZERO,
                    new TreeSet<>(),
                    true,
                    false,
                    1,
                    Optional.of("ZZ")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 200)
  void arbitrary_bytes_never_escape_as_an_unchecked_exception(@ForAll byte[] bytes) {
    try {
      NodeRecordInner.decode(bytes);
    } catch (DecodeException expected) {
      // a value, as the contract says
    }
  }

  @Property(tries = 200)
  void corrupting_any_byte_of_a_record_fails_as_a_decode_error_or_decodes(
      @ForAll @IntRange(max = 188) int at, @ForAll byte value) {
    byte[] bytes = inner(1, 5).encode();
    bytes[at] = value;
    try {
      NodeRecordInner.decode(bytes);
    } catch (DecodeException expected) {
      // fine
    }
  }
}
