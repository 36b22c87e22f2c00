package org.jmasq.cores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jmasq.wire.DecoderContract.decodeOrRefuse;
import static org.jmasq.wire.DecoderContract.everyTruncationIsRefused;
import static org.jmasq.wire.DecoderContract.refusalOf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;
import org.junit.jupiter.api.Test;

class RouteTest {
  @Provide
  Arbitrary<Route> routes() {
    return CoresArbitraries.routes(8);
  }

  static byte[] encode(Route route) {
    WireWriter out = new WireWriter();
    route.encode(out);
    return out.toByteArray();
  }

  static Route decode(byte[] bytes) throws DecodeException {
    WireReader in = new WireReader(bytes);
    Route route = Route.decode(in);
    in.expectEnd("route");
    return route;
  }

  private static List<byte[]> blocks(int count) {
    List<byte[]> blocks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] block = new byte[Route.BLOCK_LENGTH];
      block[0] = (byte) i;
      blocks.add(block);
    }
    return blocks;
  }

  @Property(tries = 200)
  void decoding_an_encoded_route_gives_it_back(@ForAll("routes") Route route) {
    assertThat(decodeOrRefuse(RouteTest::decode, encode(route))).contains(route);
    assertThat(encode(route)).hasSize(1 + route.size() * Route.BLOCK_LENGTH);
  }

  @Property(tries = 30)
  void a_truncated_route_is_refused_as_truncated(@ForAll("routes") Route route) {
    everyTruncationIsRefused(RouteTest::decode, encode(route), DecodeException.Kind.TRUNCATED);
  }

  @Property(tries = 300)
  void garbage_is_refused_only_with_a_decode_exception(@ForAll @Size(max = 700) byte[] garbage) {
    decodeOrRefuse(RouteTest::decode, garbage);
  }

  @Property(tries = 200)
  void a_shift_drops_the_top_block_and_keeps_the_length(
      @ForAll("routes") Route route, @ForAll @Size(value = Route.BLOCK_LENGTH) byte[] padding) {
    Route shifted = route.shifted(padding);
    assertThat(shifted.size()).isEqualTo(route.size());
    for (int i = 1; i < route.size(); i++) {
      assertThat(shifted.block(i - 1)).isEqualTo(route.block(i));
    }
    assertThat(shifted.block(route.size() - 1)).isEqualTo(padding);
  }

  @Test
  void a_route_holds_one_to_22_blocks() {
    assertThat(Route.MAX_HOPS).isEqualTo(22);
    assertThat(new Route(blocks(22)).size()).isEqualTo(22);
    assertThatThrownBy(() -> new Route(blocks(23)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("23 hops");
    assertThatThrownBy(() -> new Route(Collections.emptyList()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_route_of_22_blocks_decodes_and_one_of_23_32_or_0_is_refused_as_too_long()
      throws Exception {
    Route longest = new Route(blocks(22));
    assertThat(decode(encode(longest))).isEqualTo(longest);
    for (int count : new int[] {23, 32}) {
      byte[] tooMany = new WireWriter().u8(count).toByteArray();
      assertThat(refusalOf(RouteTest::decode, tooMany).kind())
          .isEqualTo(DecodeException.Kind.TOO_LONG);
    }
    assertThat(refusalOf(RouteTest::decode, new byte[] {0}).kind())
        .isEqualTo(DecodeException.Kind.TOO_LONG);
  }

  @Test
  void every_block_has_the_sealed_hop_length() {
    assertThatThrownBy(() -> new Route(List.of(new byte[Route.BLOCK_LENGTH - 1])))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Route(blocks(2)).shifted(new byte[5]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_route_does_not_share_its_blocks_with_callers() {
    List<byte[]> blocks = blocks(2);
    Route route = new Route(blocks);
    blocks.get(0)[1] = 42;
    route.block(0)[1] = 42;
    assertThat(route.block(0)[1]).isZero();
  }
}
