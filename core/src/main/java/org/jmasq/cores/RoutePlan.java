package org.jmasq.cores;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jmasq.crypto.CryptoException;
import org.jmasq.crypto.Envelope;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.PayloadLayer;
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
 *
 * <p>Each hop's instruction carries a random tag step, and the plan numbers the packages it makes:
 * the tags that name a package at each Node differ on every link ({@link LiveCoresPackage}). Each
 * package is made with the layers of every Node that will open a block of it ({@link HopLayers}).
 */
public final class RoutePlan {
  /** One block of the plan: who opens it and what it says. */
  public record PlannedHop(PublicKey recipient, HopContent content) {}

  private final List<PlannedHop> hops;
  private final List<EnvelopeSealer> sealers;
  private final AtomicLong tags = new AtomicLong();

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
    addRelayHops(hops, keys, payers, random);
    PublicKey last = keys.get(keys.size() - 1);
    hops.add(
        new PlannedHop(
            last,
            new HopContent.LiveHop(
                Optional.empty(), payers.apply(last), recipient, random.nextLong())));
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
    addRelayHops(hops, over, payers, random);
    PublicKey exit = back.get(0);
    hops.add(
        new PlannedHop(
            exit,
            new HopContent.LiveHop(
                Optional.of(back.get(1)), payers.apply(exit), overRecipient, random.nextLong())));
    addRelayHops(hops, back.subList(1, back.size()), payers, random);
    PublicKey originator = back.get(back.size() - 1);
    hops.add(
        new PlannedHop(
            originator,
            new HopContent.LiveHop(
                Optional.empty(), payers.apply(originator), backRecipient, random.nextLong())));
    hops.add(new PlannedHop(originator, new HopContent.ReturnRouteId(returnRouteId)));
    return new RoutePlan(hops, random);
  }

  private static void addRelayHops(
      List<PlannedHop> hops,
      List<PublicKey> keys,
      Function<PublicKey, Optional<Payer>> payers,
      SecureRandom random) {
    for (int i = 0; i + 1 < keys.size(); i++) {
      PublicKey here = keys.get(i);
      hops.add(
          new PlannedHop(
              here,
              new HopContent.LiveHop(
                  Optional.of(keys.get(i + 1)),
                  payers.apply(here),
                  Component.HOPPER,
                  random.nextLong())));
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

  /**
   * The next package of this route, ready for the Hopper: the route sealed afresh and {@code
   * payload}, with the layers of every Node that will open a block of it ({@link HopLayers}), and
   * the next tag. Each Node from the second on removes its layer from the blocks after its own, and
   * each up to the package's final recipient its layer from the payload, under the tag it sees:
   * this Node's tag plus the steps of the hops before it. The blocks of the way back get the layers
   * of the way back's relays too, since the exit sends them on as it got them.
   */
  public IncipientCoresPackage incipient(byte[] payload) {
    Route route = seal();
    List<byte[]> blocks = new ArrayList<>(route.size());
    for (int i = 0; i < route.size(); i++) {
      blocks.add(route.block(i));
    }
    // From the end: a hop's layer starts at its block's nonce, which the layers of the hops before
    // it cover, so each hop's is added while its own block is still as sealed.
    for (int i = blocks.size() - 2; i >= 1; i--) {
      if (hops.get(i).content() instanceof HopContent.LiveHop) {
        layerBlocksAfter(i, blocks);
      }
    }
    long tag = tags.getAndIncrement();
    byte[] layered = payload.clone();
    long seen = tag;
    for (int i = 0; i <= finalRecipient(0); i++) {
      if (i > 0) {
        sealers.get(i).session().layerPayload(seen, layered, 0, layered.length);
      }
      seen += step(i);
    }
    return new IncipientCoresPackage(new Route(blocks), layered, tag);
  }

  /** Adds hop {@code i}'s route layer to the blocks after it, where they will be when it opens. */
  private void layerBlocksAfter(int i, List<byte[]> blocks) {
    byte[] after = new byte[(blocks.size() - 1 - i) * Route.BLOCK_LENGTH];
    for (int j = i + 1; j < blocks.size(); j++) {
      System.arraycopy(
          blocks.get(j), 0, after, (j - i - 1) * Route.BLOCK_LENGTH, Route.BLOCK_LENGTH);
    }
    sealers
        .get(i)
        .session()
        .layerRoute(blocks.get(i), Envelope.NONCE_OFFSET, after, 0, after.length);
    for (int j = i + 1; j < blocks.size(); j++) {
      System.arraycopy(
          after, (j - i - 1) * Route.BLOCK_LENGTH, blocks.get(j), 0, Route.BLOCK_LENGTH);
    }
  }

  /**
   * What this Node needs to take the way back's layers off a response: the payload layer and tag
   * step of each hop after the exit, this Node's final one included. None for a one-way route.
   */
  public ResponseLayers responseLayers() {
    int exit = finalRecipient(0);
    if (exit + 1 >= hops.size() || !(hops.get(exit + 1).content() instanceof HopContent.LiveHop)) {
      return ResponseLayers.NONE;
    }
    int home = finalRecipient(exit + 1);
    List<PayloadLayer> back = new ArrayList<>();
    long[] steps = new long[home - exit];
    for (int i = exit + 1; i <= home; i++) {
      back.add(sealers.get(i).session().payloadLayer());
      steps[i - exit - 1] = step(i);
    }
    return new ResponseLayers(back, steps);
  }

  /** The first hop from {@code from} on that passes nothing on: a package's final recipient. */
  private int finalRecipient(int from) {
    for (int i = from; i < hops.size(); i++) {
      if (hops.get(i).content() instanceof HopContent.LiveHop hop
          && hop.component() != Component.HOPPER) {
        return i;
      }
    }
    return hops.size() - 1;
  }

  private long step(int i) {
    return hops.get(i).content() instanceof HopContent.LiveHop hop ? hop.tagStep() : 0;
  }
}
