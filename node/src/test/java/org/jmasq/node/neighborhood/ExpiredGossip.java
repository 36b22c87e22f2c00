package org.jmasq.node.neighborhood;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.jmasq.cores.Component;
import org.jmasq.cores.ExpiredCoresPackage;
import org.jmasq.cores.RoutePlan;
import org.jmasq.crypto.CryptoException;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.ScriptedPeer;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.MessageType;
import org.jmasq.payload.PayloadEnvelopes;

/** Gossip from a scripted peer, as the Hopper expires it to the Neighborhood of {@code self}. */
final class ExpiredGossip {
  private ExpiredGossip() {}

  static ExpiredCoresPackage<MessageType> from(
      ScriptedPeer peer, PublicKey self, Gossip gossip, SecureRandom random) {
    try {
      byte[] sealed = PayloadEnvelopes.seal(EnvelopeSealer.to(self, random), gossip);
      RoutePlan plan =
          RoutePlan.oneWay(
              List.of(peer.key(), self), Component.NEIGHBORHOOD, k -> Optional.empty(), random);
      return new ExpiredCoresPackage<>(
          peer.source(), Optional.empty(), plan.seal(), gossip, sealed.length);
    } catch (CryptoException e) {
      throw new AssertionError(e);
    }
  }
}
