package org.jmasq.node.neighborhood;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jmasq.cores.IncipientCoresPackage;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.ScriptedPeer;
import org.jmasq.node.hopper.Transmitter;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.MessageType;
import org.jmasq.payload.PayloadEnvelopes;
import org.jmasq.wire.DecodeException;

/**
 * Records the CORES packages the service hands to the Hopper, and opens each payload with the keys
 * of the scripted peers to learn whom it was for.
 */
final class RecordingTransmitter implements Transmitter {
  /** One package the service sent: its recipient and what it said. */
  record Sent(PublicKey to, MessageType message) {
    Gossip gossip() {
      return (Gossip) message;
    }
  }

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
    for (ScriptedPeer peer : peers) {
      try {
        return new Sent(
            peer.key(), PayloadEnvelopes.open(new EnvelopeOpener(peer.keys, 4), p.payload()));
      } catch (DecodeException e) {
        // Sealed to another peer.
      }
    }
    throw new AssertionError("a package for none of the scripted peers");
  }
}
