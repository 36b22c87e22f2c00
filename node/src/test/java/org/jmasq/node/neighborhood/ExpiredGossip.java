package org.jmasq.node.neighborhood;

import java.security.SecureRandom;
import java.util.ArrayList;
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
import org.jmasq.payload.GossipFailure;
import org.jmasq.payload.MessageType;
import org.jmasq.payload.PayloadEnvelopes;

/**
 * Gossip (or a GossipFailure) from a scripted peer, as the Hopper expires it to the Neighborhood of
 * {@code self}.
 */
final class ExpiredGossip {
  private ExpiredGossip() {}

  /** Sent by {@code peer} straight to {@code self}, over the link whose handshake proved it. */
  static ExpiredCoresPackage<MessageType> from(
      ScriptedPeer peer, PublicKey self, Gossip gossip, SecureRandom random) {
    return expired(peer, List.of(), self, gossip, random);
  }

  /**
   * Sent by {@code peer} to {@code self} through {@code relays}; it arrives over the link of the
   * last of them.
   */
  static ExpiredCoresPackage<MessageType> relayed(
      ScriptedPeer peer,
      List<PublicKey> relays,
      PublicKey self,
      Gossip gossip,
      SecureRandom random) {
    return expired(peer, relays, self, gossip, random);
  }

  /** A GossipFailure sent by {@code peer} straight to {@code self}. */
  static ExpiredCoresPackage<MessageType> failure(
      ScriptedPeer peer, PublicKey self, GossipFailure failure, SecureRandom random) {
    return expired(peer, List.of(), self, failure, random);
  }

  private static ExpiredCoresPackage<MessageType> expired(
      ScriptedPeer peer,
      List<PublicKey> relays,
      PublicKey self,
      MessageType gossip,
      SecureRandom random) {
    try {
      byte[] sealed = PayloadEnvelopes.seal(EnvelopeSealer.to(self, random), gossip);
      List<PublicKey> keys = new ArrayList<>();
      keys.add(peer.key());
      keys.addAll(relays);
      keys.add(self);
      RoutePlan plan =
          RoutePlan.oneWay(keys, Component.NEIGHBORHOOD, k -> Optional.empty(), random);
      // A route keeps its length as it is shifted, so the plan's block count is what arrives.
      PublicKey link = relays.isEmpty() ? peer.key() : relays.get(relays.size() - 1);
      return new ExpiredCoresPackage<>(
          peer.source().address(),
          Optional.empty(),
          plan.seal(),
          gossip,
          sealed.length,
          Optional.of(link));
    } catch (CryptoException e) {
      throw new AssertionError(e);
    }
  }
}
