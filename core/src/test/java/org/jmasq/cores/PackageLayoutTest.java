package org.jmasq.cores;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.DecoderContract;

class PackageLayoutTest {
  @Provide
  Arbitrary<LiveCoresPackage> packages() {
    return CoresArbitraries.packages();
  }

  @Property(tries = 200)
  void the_layout_finds_the_top_block_and_payload_that_decode_finds(
      @ForAll("packages") LiveCoresPackage live) throws Exception {
    byte[] bytes = live.encode();
    PackageLayout layout = PackageLayout.of(bytes);

    assertThat(layout.hops()).isEqualTo(live.route().size());
    assertThat(layout.topBlock(bytes)).isEqualTo(live.route().block(0));
    assertThat(
            Arrays.copyOfRange(
                bytes, layout.payloadOffset(), layout.payloadOffset() + layout.payloadLength()))
        .isEqualTo(live.payload());
  }

  @Property(tries = 200)
  void shifting_the_bytes_equals_encoding_the_shifted_route(
      @ForAll("packages") LiveCoresPackage live) throws Exception {
    byte[] padding = new byte[Route.BLOCK_LENGTH];
    new Random(live.hashCode()).nextBytes(padding);
    byte[] bytes = live.encode();

    byte[] shifted = PackageLayout.of(bytes).shiftInPlace(bytes, padding);

    assertThat(shifted).isSameAs(bytes);
    assertThat(shifted)
        .isEqualTo(
            LiveCoresPackage.encode(live.tag(), live.route().shifted(padding), live.payload()));
  }

  @Property(tries = 300)
  void the_layout_refuses_exactly_what_decode_refuses(
      @ForAll("packages") LiveCoresPackage live, @ForAll long seed) {
    byte[] mutated = DecoderContract.mutate(live.encode(), seed);
    boolean decodes = DecoderContract.decodeOrRefuse(LiveCoresPackage::decode, mutated).isPresent();
    boolean laysOut;
    try {
      PackageLayout.of(mutated);
      laysOut = true;
    } catch (DecodeException e) {
      laysOut = false;
    }
    assertThat(laysOut).isEqualTo(decodes);
  }

  @Property(tries = 300)
  void garbage_is_refused_with_a_decode_exception_only(@ForAll("garbage") byte[] garbage) {
    DecoderContract.decodeOrRefuse(PackageLayout::of, garbage);
  }

  @Provide
  Arbitrary<byte[]> garbage() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
  }
}
