package org.jmasq.cores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.wire.DecodeException;
import org.junit.jupiter.api.Test;

class RouteOpenerTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final NodeKeyPair self = NodeKeyPair.generate(RANDOM);
  private final NodeKeyPair exit = NodeKeyPair.generate(RANDOM);
  private final RouteOpener opener = new RouteOpener(new EnvelopeOpener(self, 16));

  private RoutePlan zeroHop(long returnRouteId) throws Exception {
    List<PublicKey> leg = List.of(self.publicKey(), self.publicKey());
    return RoutePlan.roundTrip(
        leg,
        Component.PROXY_CLIENT,
        leg,
        Component.PROXY_SERVER,
        k -> Optional.empty(),
        returnRouteId,
        RANDOM);
  }

  private static Route shiftAll(RouteOpener opener, Route route, int times) throws DecodeException {
    for (int i = 0; i < times; i++) {
      route = opener.shift(route, opener.openTop(route));
    }
    return route;
  }

  private static byte[] sealedBlock(PublicKey to, HopContent content) throws Exception {
    return EnvelopeSealer.to(to, RANDOM).seal(content.encode());
  }

  @Test
  void a_return_route_id_where_a_hop_belongs_is_refused() throws Exception {
    Route route = shiftAll(opener, zeroHop(5).seal(), 3);
    assertThatThrownBy(() -> opener.openTop(route))
        .isInstanceOfSatisfying(
            DecodeException.class,
            e -> assertThat(e.kind()).isEqualTo(DecodeException.Kind.INVALID_FIELD));
  }

  @Test
  void the_originator_reads_its_return_route_id_after_its_final_hop() throws Exception {
    Route route = shiftAll(opener, zeroHop(0xffffffffL).seal(), 2);
    assertThat(opener.openTop(route).hop().component()).isEqualTo(Component.PROXY_SERVER);
    assertThat(opener.returnRouteId(route)).isEqualTo(0xffffffffL);
  }

  @Test
  void a_hop_where_the_return_route_id_belongs_is_refused() throws Exception {
    Route route = zeroHop(5).seal();
    assertThatThrownBy(() -> opener.returnRouteId(route))
        .isInstanceOfSatisfying(
            DecodeException.class,
            e -> assertThat(e.kind()).isEqualTo(DecodeException.Kind.INVALID_FIELD));
  }

  @Test
  void a_route_with_nothing_after_the_final_hop_has_no_return_route_id() throws Exception {
    Route route =
        new Route(
            List.of(
                sealedBlock(
                    self.publicKey(),
                    new HopContent.LiveHop(
                        Optional.empty(), Optional.empty(), Component.PROXY_SERVER))));
    assertThatThrownBy(() -> opener.returnRouteId(route))
        .isInstanceOfSatisfying(
            DecodeException.class,
            e -> assertThat(e.kind()).isEqualTo(DecodeException.Kind.TRUNCATED));
  }

  @Test
  void an_authentic_block_with_malformed_content_is_refused_as_invalid_not_as_unauthentic()
      throws Exception {
    byte[] content =
        new HopContent.LiveHop(Optional.empty(), Optional.empty(), Component.HOPPER).encode();
    content[1] = 9;
    Route route = new Route(List.of(EnvelopeSealer.to(self.publicKey(), RANDOM).seal(content)));
    assertThatThrownBy(() -> opener.openTop(route))
        .isInstanceOfSatisfying(
            DecodeException.class,
            e -> assertThat(e.kind()).isEqualTo(DecodeException.Kind.UNKNOWN_CODE));
  }

  @Test
  void padding_is_the_same_for_every_package_of_a_route_and_another_for_another_route()
      throws Exception {
    List<PublicKey> over = List.of(self.publicKey(), exit.publicKey());
    List<PublicKey> back = List.of(exit.publicKey(), self.publicKey());
    RoutePlan stream =
        RoutePlan.roundTrip(
            over,
            Component.PROXY_CLIENT,
            back,
            Component.PROXY_SERVER,
            k -> Optional.empty(),
            1,
            RANDOM);
    Route one = shiftAll(opener, stream.seal(), 1);
    Route two = shiftAll(opener, stream.seal(), 1);
    byte[] padOne = one.block(one.size() - 1);
    byte[] padTwo = two.block(two.size() - 1);
    assertThat(padOne).isEqualTo(padTwo);

    RoutePlan otherStream =
        RoutePlan.roundTrip(
            over,
            Component.PROXY_CLIENT,
            back,
            Component.PROXY_SERVER,
            k -> Optional.empty(),
            2,
            RANDOM);
    Route three = shiftAll(opener, otherStream.seal(), 1);
    byte[] padThree = three.block(three.size() - 1);
    assertThat(Arrays.copyOf(padThree, PublicKey.HALF))
        .isNotEqualTo(Arrays.copyOf(padOne, PublicKey.HALF));
    assertThat(Arrays.copyOfRange(padThree, PublicKey.HALF, padThree.length))
        .isNotEqualTo(Arrays.copyOfRange(padOne, PublicKey.HALF, padOne.length));
  }

  @Test
  void padding_does_not_reveal_itself_by_repeating_the_real_blocks_ephemeral_key()
      throws Exception {
    Route sealed = zeroHop(1).seal();
    Route shifted = shiftAll(opener, sealed, 1);
    byte[] padding = shifted.block(shifted.size() - 1);
    for (int i = 0; i < sealed.size(); i++) {
      assertThat(Arrays.copyOf(padding, PublicKey.HALF))
          .isNotEqualTo(Arrays.copyOf(sealed.block(i), PublicKey.HALF));
    }
  }

  @Property(tries = 200)
  void a_garbage_block_is_refused_as_unauthentic(
      @ForAll @Size(value = Route.BLOCK_LENGTH) byte[] block) {
    Route route = new Route(List.of(block, block));
    assertThatThrownBy(() -> opener.openTop(route))
        .isInstanceOfSatisfying(
            DecodeException.class,
            e -> assertThat(e.kind()).isEqualTo(DecodeException.Kind.UNAUTHENTIC));
    assertThatThrownBy(() -> opener.returnRouteId(route))
        .isInstanceOfSatisfying(
            DecodeException.class,
            e -> assertThat(e.kind()).isEqualTo(DecodeException.Kind.UNAUTHENTIC));
  }
}
