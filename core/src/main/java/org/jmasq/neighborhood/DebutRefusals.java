package org.jmasq.neighborhood;

import java.util.List;
import org.jmasq.payload.GossipFailure;

/**
 * What the {@link Neighborhood} does when a debutee answers its Debut with a GossipFailure: it
 * stops when every initial neighbor refused it, or reports an IP_TAKEN once while not connected.
 */
final class DebutRefusals {
  private final NeighborhoodDatabase db;
  private final OverallConnectionStatus status;
  // An IP_TAKEN answer was reported while not connected; reported again only after a join.
  private boolean ipTakenReported;

  DebutRefusals(NeighborhoodDatabase db, OverallConnectionStatus status) {
    this.db = db;
    this.status = status;
  }

  /**
   * {@code source}, not banned, refused this Node with {@code failure}; effects go to {@code out}.
   */
  void received(GossipSource source, GossipFailure failure, List<NeighborhoodEffect> out) {
    boolean ipTaken = failure.reason() == GossipFailure.Reason.IP_TAKEN;
    if (ipTaken) {
      if (!ipTakenReported && status.stage() == ConnectionStage.NOT_CONNECTED) {
        ipTakenReported = true;
        // The address the record names now: automap may have moved it since the start.
        db.rootAddr().ifPresent(a -> out.add(new NeighborhoodEffect.IpTaken(a.ip(), source.ip())));
      }
      status.gossipFailureReceived(source.ip(), ConnectionProgress.Failure.IP_TAKEN);
    } else if (status.gossipFailureReceived(
        source.ip(), ConnectionProgress.Failure.GOSSIP_FAILURE_RECEIVED)) {
      out.add(
          new NeighborhoodEffect.Shutdown(
              "every initial neighbor refused us; the last said " + failure.reason()));
    }
  }

  /** After Gossip came in: once the Node is connected, a later IP_TAKEN is reported again. */
  void gossipReceived() {
    if (status.stage() != ConnectionStage.NOT_CONNECTED) {
      ipTakenReported = false;
    }
  }
}
