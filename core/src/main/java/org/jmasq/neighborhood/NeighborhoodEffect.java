package org.jmasq.neighborhood;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeAddr;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipFailure;

/** What the Neighborhood asks the rest of the Node to do; the Neighborhood itself does no I/O. */
public sealed interface NeighborhoodEffect {

  /**
   * Send Gossip to {@code to} in a one-hop CORES package; to {@code directAddr} when given (the
   * target may not be a neighbor yet), else over the existing connection to {@code to}.
   */
  record SendGossip(PublicKey to, Optional<NodeAddr> directAddr, Gossip gossip)
      implements NeighborhoodEffect {}

  /** Answer a debutant with a GossipFailure at {@code addr}. */
  record SendGossipFailure(PublicKey to, NodeAddr addr, GossipFailure.Reason reason)
      implements NeighborhoodEffect {}

  /**
   * A malefactor was banned: close every link to {@code key}, and refuse it (and {@code ip}, when
   * {@code ban} says so) until the ban ends. {@code ip} is where its link came from.
   */
  record Disconnect(PublicKey key, InetAddress ip, BanReason reason, String detail, BanList.Ban ban)
      implements NeighborhoodEffect {}

  /** The overall connection stage changed (broadcast to UIs as {@code connectionChange}). */
  record StageChanged(ConnectionStage from, ConnectionStage to) implements NeighborhoodEffect {}

  /** The full neighbors changed; persist them as past neighbors for the next start. */
  record PastNeighborsChanged(List<NodeDescriptor> neighbors) implements NeighborhoodEffect {
    public PastNeighborsChanged {
      neighbors = List.copyOf(neighbors);
    }
  }

  /**
   * A Node we debuted to, at {@code refusedBy}, answered that another live Node already holds our
   * public IP {@code ip}: this Node is not taken as a second Node there (one Node per public IP).
   * Reported once while not connected; the Node keeps running and debuting.
   */
  record IpTaken(InetAddress ip, InetAddress refusedBy) implements NeighborhoodEffect {
    /** One sentence for the user and the UI: what refused us, and what to do about it. */
    public String why() {
      return "another Node already holds this Node's public IP "
          + ip.getHostAddress()
          + " (the Node at "
          + refusedBy.getHostAddress()
          + " says so; one Node per public IP). Stop the other Node, or run this one where it has"
          + " a public IP of its own; this Node keeps trying to join meanwhile";
    }
  }

  /** Every initial neighbor refused us: the Node should stop (exit code 1). */
  record Shutdown(String reason) implements NeighborhoodEffect {}
}
