package org.jmasq.cores;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jmasq.crypto.CryptoException;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.PublicKey;

/**
 * A route as its originator plans it: each hop's recipient and instruction, with one envelope
 * sealer per hop. Sealing the plan again for every package of a stream re-encrypts each block with
 * a fresh nonce under the same session key, so the Nodes on the route do public-key work once per
 * stream.
 *
 * <p>Construction follows the reference's {@code Route::round_trip}: for an over leg {@code [O, A,
 * B, X]} and a back leg {@code [X, C, D, O]} the blocks are, each sealed to the key after the
 * arrow:
 *
 * <pre>
 *  1. LiveHop(next=A, Hopper)        → O
 *  2. LiveHop(next=B, Hopper)        → A
 *  3. LiveHop(next=X, Hopper)        → B
 *  4. LiveHop(next=C, ProxyClient)   → X   (the exit's hop also names where responses go)
 *  5. LiveHop(next=D, Hopper)        → C
 *  6. LiveHop(next=O, Hopper)        → D
 *  7. LiveHop(none, ProxyServer)     → O
 *  8. ReturnRouteId(id)              → O
 * </pre>
 */
public final class RoutePlan {
  /** One block of the plan: who opens it and what it says. */
  public record PlannedHop(PublicKey recipient, HopContent content) {}

  private final List<PlannedHop> hops;
  private final List<EnvelopeSealer> sealers;

  private RoutePlan(List<PlannedHop> hops, SecureRandom random) throws CryptoException {
    if (hops.size() > Route.MAX_HOPS) {
      throw new IllegalArgumentException(
          "route of " + hops.size() + " blocks (expected: at most " + Route.MAX_HOPS + ")");
    }
    this.hops = List.copyOf(hops);
    List<EnvelopeSealer> s = new ArrayList<>(hops.size());
    for (PlannedHop hop : hops) {
      s.add(EnvelopeSealer.to(hop.recipient(), random));
    }
    this.sealers = List.copyOf(s);
  }

  /**
   * A one-way route over {@code keys} (the first is the sender) ending in {@code recipient} at the
   * last key. {@code payers} gives each hop's payer proof; Gossip routes carry none.
   */
  public static RoutePlan oneWay(
      List<PublicKey> keys,
      Component recipient,
      Function<PublicKey, Optional<Payer>> payers,
      SecureRandom random)
      throws CryptoException {
    if (keys.size() < 2) {
      throw new IllegalArgumentException("a route needs at least two keys, sender included");
    }
    List<PlannedHop> hops = new ArrayList<>();
    addRelayHops(hops, keys, payers);
    PublicKey last = keys.get(keys.size() - 1);
    hops.add(
        new PlannedHop(
            last, new HopContent.LiveHop(Optional.empty(), payers.apply(last), recipient)));
    return new RoutePlan(hops, random);
  }

  /**
   * A round trip: {@code over} from the originator to the exit, {@code back} from the exit to the
   * originator. Zero-hop is {@code over = back = [self, self]}.
   */
  public static RoutePlan roundTrip(
      List<PublicKey> over,
      Component overRecipient,
      List<PublicKey> back,
      Component backRecipient,
      Function<PublicKey, Optional<Payer>> payers,
      long returnRouteId,
      SecureRandom random)
      throws CryptoException {
    if (over.size() < 2 || back.size() < 2) {
      throw new IllegalArgumentException("each leg needs at least two keys");
    }
    if (!over.get(over.size() - 1).equals(back.get(0))) {
      throw new IllegalArgumentException("the back leg must start where the over leg ends");
    }
    if (!over.get(0).equals(back.get(back.size() - 1))) {
      throw new IllegalArgumentException("the back leg must end at the originator");
    }
    List<PlannedHop> hops = new ArrayList<>();
    addRelayHops(hops, over, payers);
    PublicKey exit = back.get(0);
    hops.add(
        new PlannedHop(
            exit,
            new HopContent.LiveHop(Optional.of(back.get(1)), payers.apply(exit), overRecipient)));
    addRelayHops(hops, back.subList(1, back.size()), payers);
    PublicKey originator = back.get(back.size() - 1);
    hops.add(
        new PlannedHop(
            originator,
            new HopContent.LiveHop(Optional.empty(), payers.apply(originator), backRecipient)));
    hops.add(new PlannedHop(originator, new HopContent.ReturnRouteId(returnRouteId)));
    return new RoutePlan(hops, random);
  }

  private static void addRelayHops(
      List<PlannedHop> hops, List<PublicKey> keys, Function<PublicKey, Optional<Payer>> payers) {
    for (int i = 0; i + 1 < keys.size(); i++) {
      PublicKey here = keys.get(i);
      hops.add(
          new PlannedHop(
              here,
              new HopContent.LiveHop(
                  Optional.of(keys.get(i + 1)), payers.apply(here), Component.HOPPER)));
    }
  }

  public List<PlannedHop> hops() {
    return hops;
  }

  /** Seals every block afresh; only symmetric work once the plan exists. */
  public Route seal() {
    List<byte[]> blocks = new ArrayList<>(hops.size());
    for (int i = 0; i < hops.size(); i++) {
      blocks.add(sealers.get(i).seal(hops.get(i).content().encode()));
    }
    return new Route(blocks);
  }
}
