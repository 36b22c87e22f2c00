package org.jmasq.node.neighborhood;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jmasq.cores.HopLayers;
import org.jmasq.cores.IncipientCoresPackage;
import org.jmasq.cores.LiveCoresPackage;
import org.jmasq.cores.PackageLayout;
import org.jmasq.cores.RouteOpener;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.Fixtures;
import org.jmasq.neighborhood.ScriptedPeer;
import org.jmasq.node.hopper.Transmitter;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.MessageType;
import org.jmasq.payload.PayloadEnvelopes;
import org.jmasq.wire.DecodeException;

/**
 * Records the CORES packages the service hands to the Hopper, and opens each as the Hoppers would:
 * the sending Node's (always {@code Fixtures.keyPair(1)}) shifts its hop and steps the tag, then
 * each scripted peer tries its own block, layer and key, to learn whom it was for.
 */
final class RecordingTransmitter implements Transmitter {
  /** One package the service sent: its recipient and what it said. */
  record Sent(PublicKey to, MessageType message) {
    Gossip gossip() {
      return (Gossip) message;
    }
  }

  private static final RouteOpener SENDER =
      new RouteOpener(new EnvelopeOpener(Fixtures.keyPair(1), 64));

  private final List<IncipientCoresPackage> packages = new CopyOnWriteArrayList<>();
  private final List<ScriptedPeer> peers;

  RecordingTransmitter(ScriptedPeer... peers) {
    this.peers = List.of(peers);
  }

  @Override
  public void transmit(IncipientCoresPackage incipient) {
    packages.add(incipient);
  }

  /** Everything sent so far, opened; then forgets it. */
  List<Sent> take() {
    List<IncipientCoresPackage> now = List.copyOf(packages);
    packages.removeAll(now);
    List<Sent> out = new ArrayList<>();
    for (IncipientCoresPackage p : now) {
      out.add(open(p));
    }
    return out;
  }

  private Sent open(IncipientCoresPackage p) {
    byte[] live;
    try {
      RouteOpener.OpenedHop own = SENDER.openTop(p.route());
      live =
          LiveCoresPackage.encode(
              p.tag() + own.hop().tagStep(), SENDER.shift(p.route(), own), p.payload());
    } catch (DecodeException e) {
      throw new AssertionError("a package whose first hop is not the sender's", e);
    }
    for (ScriptedPeer peer : peers) {
      try {
        byte[] bytes = live.clone();
        PackageLayout layout = PackageLayout.of(bytes);
        EnvelopeOpener opener = new EnvelopeOpener(peer.keys, 4);
        RouteOpener.OpenedHop hop = new RouteOpener(opener).openBlock(layout.topBlock(bytes));
        HopLayers.peel(hop.session(), bytes, layout, PackageLayout.tag(bytes));
        return new Sent(
            peer.key(),
            PayloadEnvelopes.open(opener, bytes, layout.payloadOffset(), layout.payloadLength()));
      } catch (DecodeException e) {
        // Sealed to another peer.
      }
    }
    throw new AssertionError("a package for none of the scripted peers");
  }
}
