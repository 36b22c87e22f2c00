package org.jmasq.cores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jmasq.wire.DecoderContract.decodeOrRefuse;
import static org.jmasq.wire.DecoderContract.everyTruncationIsRefused;
import static org.jmasq.wire.DecoderContract.mutate;
import static org.jmasq.wire.DecoderContract.mutationIsRefusedOrStable;
import static org.jmasq.wire.DecoderContract.refusalOf;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireWriter;
import org.junit.jupiter.api.Test;

class LiveCoresPackageTest {
  private static final Route ONE_BLOCK = new Route(List.of(new byte[Route.BLOCK_LENGTH]));

  @Provide
  Arbitrary<LiveCoresPackage> packages() {
    return CoresArbitraries.packages();
  }

  @Property(tries = 200)
  void decoding_an_encoded_package_gives_it_back(@ForAll("packages") LiveCoresPackage lcp) {
    assertThat(decodeOrRefuse(LiveCoresPackage::decode, lcp.encode())).contains(lcp);
  }

  @Property(tries = 20)
  void a_truncated_package_is_refused_as_truncated(@ForAll("packages") LiveCoresPackage lcp) {
    everyTruncationIsRefused(
        LiveCoresPackage::decode, lcp.encode(), DecodeException.Kind.TRUNCATED);
  }

  @Property(tries = 300)
  void a_mutated_package_is_refused_or_decodes_to_a_stable_value(
      @ForAll("packages") LiveCoresPackage lcp, @ForAll long seed) {
    mutationIsRefusedOrStable(
        LiveCoresPackage::decode, LiveCoresPackage::encode, mutate(lcp.encode(), seed));
  }

  @Property(tries = 300)
  void garbage_is_refused_only_with_a_decode_exception(@ForAll @Size(max = 1000) byte[] garbage) {
    decodeOrRefuse(LiveCoresPackage::decode, garbage);
  }

  @Property(tries = 100)
  void garbage_after_a_valid_header_is_refused_only_with_a_decode_exception(
      @ForAll @IntRange(min = 0, max = 40) int count, @ForAll @Size(max = 1000) byte[] garbage) {
    byte[] header = new WireWriter().u8(LiveCoresPackage.VERSION).u64(0).u8(count).toByteArray();
    byte[] bytes = Arrays.copyOf(header, header.length + garbage.length);
    System.arraycopy(garbage, 0, bytes, header.length, garbage.length);
    decodeOrRefuse(LiveCoresPackage::decode, bytes);
  }

  @Property(tries = 50)
  void bytes_after_the_payload_are_refused(
      @ForAll("packages") LiveCoresPackage lcp, @ForAll @Size(min = 1, max = 10) byte[] extra) {
    byte[] encoded = lcp.encode();
    byte[] longer = Arrays.copyOf(encoded, encoded.length + extra.length);
    System.arraycopy(extra, 0, longer, encoded.length, extra.length);
    assertThat(refusalOf(LiveCoresPackage::decode, longer).kind())
        .isEqualTo(DecodeException.Kind.TRAILING_BYTES);
  }

  @Test
  void a_package_encodes_as_documented() {
    byte[] encoded =
        new LiveCoresPackage(0x0102030405060708L, ONE_BLOCK, new byte[] {7, 8}).encode();
    assertThat(encoded).hasSize(1 + 8 + 1 + Route.BLOCK_LENGTH + 4 + 2);
    assertThat(Arrays.copyOf(encoded, 10))
        .containsExactly(LiveCoresPackage.VERSION, 1, 2, 3, 4, 5, 6, 7, 8, 1);
    assertThat(PackageLayout.tag(encoded)).isEqualTo(0x0102030405060708L);
    assertThat(Arrays.copyOfRange(encoded, 10 + Route.BLOCK_LENGTH, encoded.length))
        .containsExactly(0, 0, 0, 2, 7, 8);
  }

  @Test
  void another_package_version_is_refused() {
    byte[] encoded = new LiveCoresPackage(0, ONE_BLOCK, new byte[0]).encode();
    encoded[0] = 1;
    assertThat(refusalOf(LiveCoresPackage::decode, encoded).kind())
        .isEqualTo(DecodeException.Kind.UNSUPPORTED_VERSION);
  }

  @Test
  void a_payload_of_one_mebibyte_is_the_largest_allowed() throws Exception {
    LiveCoresPackage largest =
        new LiveCoresPackage(0, ONE_BLOCK, new byte[LiveCoresPackage.MAX_PAYLOAD]);
    assertThat(LiveCoresPackage.decode(largest.encode())).isEqualTo(largest);
    assertThatThrownBy(
            () -> new LiveCoresPackage(0, ONE_BLOCK, new byte[LiveCoresPackage.MAX_PAYLOAD + 1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new IncipientCoresPackage(ONE_BLOCK, new byte[LiveCoresPackage.MAX_PAYLOAD + 1], 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_payload_length_above_one_mebibyte_is_refused_as_too_long_before_it_is_read() {
    WireWriter out = new WireWriter().u8(LiveCoresPackage.VERSION).u64(0);
    ONE_BLOCK.encode(out);
    byte[] bytes = out.u32(LiveCoresPackage.MAX_PAYLOAD + 1L).toByteArray();
    assertThat(refusalOf(LiveCoresPackage::decode, bytes).kind())
        .isEqualTo(DecodeException.Kind.TOO_LONG);
    byte[] huge =
        new WireWriter()
            .u8(LiveCoresPackage.VERSION)
            .fixed(Arrays.copyOfRange(bytes, 1, bytes.length - 4))
            .u32(0xffffffffL)
            .toByteArray();
    assertThat(refusalOf(LiveCoresPackage::decode, huge).kind())
        .isEqualTo(DecodeException.Kind.TOO_LONG);
  }

  @Test
  void the_largest_encoded_package_is_what_max_encoded_says() {
    List<byte[]> blocks = new java.util.ArrayList<>();
    for (int i = 0; i < Route.MAX_HOPS; i++) {
      blocks.add(new byte[Route.BLOCK_LENGTH]);
    }
    byte[] encoded =
        new LiveCoresPackage(-1, new Route(blocks), new byte[LiveCoresPackage.MAX_PAYLOAD])
            .encode();
    assertThat(encoded).hasSize(LiveCoresPackage.MAX_ENCODED);
  }

  @Test
  void a_package_does_not_share_its_payload_with_callers() {
    byte[] payload = {1, 2, 3};
    LiveCoresPackage lcp = new LiveCoresPackage(0, ONE_BLOCK, payload);
    payload[0] = 9;
    lcp.payload()[1] = 9;
    assertThat(lcp.payload()).containsExactly(1, 2, 3);
    assertThat(lcp.payloadLength()).isEqualTo(3);
  }
}
