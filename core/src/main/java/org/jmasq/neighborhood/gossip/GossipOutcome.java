package org.jmasq.neighborhood.gossip;

import java.util.List;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.neighborhood.BanReason;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipFailure;

/** What handling one Gossip decided. */
public sealed interface GossipOutcome {

  /**
   * The database changed: Standard Gossip goes to every neighbor, and {@code followUps} (for
   * example the Debut an Introduction asks for) go out as well.
   */
  record Accepted(List<Reply> followUps) implements GossipOutcome {
    public Accepted {
      followUps = List.copyOf(followUps);
    }

    static Accepted plain() {
      return new Accepted(List.of());
    }
  }

  /** Send {@code gossip} straight to {@code addr} (no route lookup: the target may be unknown). */
  record Reply(Gossip gossip, PublicKey to, NodeAddr addr) implements GossipOutcome {}

  /** Answer the sender with a GossipFailure. */
  record Failed(GossipFailure.Reason reason, PublicKey to, NodeAddr addr)
      implements GossipOutcome {}

  /** Nothing to do. */
  record Ignored(String why) implements GossipOutcome {}

  /** The sender lied: disconnect, gossip the disconnection, refuse it from now on. */
  record Ban(BanReason reason, String detail) implements GossipOutcome {}
}
