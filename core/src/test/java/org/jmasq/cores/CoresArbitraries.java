package org.jmasq.cores;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.IdentityArbitraries;
import org.jmasq.identity.Wallet;

/** Generators for CORES values whose blocks need no real keys (codec tests, not crypto tests). */
final class CoresArbitraries {
  private CoresArbitraries() {}

  static Arbitrary<byte[]> bytes(int length) {
    return Arbitraries.bytes().array(byte[].class).ofSize(length);
  }

  static Arbitrary<Payer> payers() {
    return Combinators.combine(
            IdentityArbitraries.wallets(),
            bytes(32),
            bytes(32),
            Arbitraries.integers().between(0, 1))
        .as(Payer::new);
  }

  static Arbitrary<HopContent.LiveHop> liveHops() {
    Arbitrary<Optional<PublicKey>> next = IdentityArbitraries.publicKeys().optional();
    return Combinators.combine(
            next, payers().optional(), Arbitraries.of(Component.class), Arbitraries.longs())
        .as(HopContent.LiveHop::new);
  }

  static Arbitrary<HopContent> hopContents() {
    Arbitrary<HopContent> returnRouteIds =
        Arbitraries.longs().between(0, 0xffffffffL).map(HopContent.ReturnRouteId::new);
    return Arbitraries.oneOf(liveHops().map(h -> (HopContent) h), returnRouteIds);
  }

  static Arbitrary<Route> routes(int maxHops) {
    return bytes(Route.BLOCK_LENGTH).list().ofMinSize(1).ofMaxSize(maxHops).map(Route::new);
  }

  static Arbitrary<LiveCoresPackage> packages() {
    Arbitrary<byte[]> payloads = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
    return Combinators.combine(Arbitraries.longs(), routes(6), payloads).as(LiveCoresPackage::new);
  }

  /**
   * The legs of a round trip over {@code nodes}: the originator first, the exit second, then {@code
   * overRelays} relays for the over leg and the rest for the back leg. Returns {@code [over,
   * back]}.
   */
  static List<List<PublicKey>> roundTripLegs(List<PublicKey> nodes, int overRelays) {
    PublicKey originator = nodes.get(0);
    PublicKey exit = nodes.get(1);
    List<PublicKey> over = new java.util.ArrayList<>(List.of(originator));
    over.addAll(nodes.subList(2, 2 + overRelays));
    over.add(exit);
    List<PublicKey> back = new java.util.ArrayList<>(List.of(exit));
    back.addAll(nodes.subList(2 + overRelays, nodes.size()));
    back.add(originator);
    return List.of(over, back);
  }

  /** A payer every test can recompute from the key of the Node that opens the hop. */
  static Payer payerFor(PublicKey key) {
    byte[] b = key.bytes();
    return new Payer(
        Wallet.of(java.util.Arrays.copyOf(b, Wallet.LENGTH)),
        java.util.Arrays.copyOfRange(b, 0, 32),
        java.util.Arrays.copyOfRange(b, 32, 64),
        b[0] & 1);
  }
}
