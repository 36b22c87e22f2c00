package org.jmasq.cores;

/**
 * A package about to leave its originator: a freshly sealed route and a payload already sealed to
 * its final recipient, both carrying the layers of the Nodes that will open a block of it ({@link
 * RoutePlan#incipient}), and the tag of this Node's own hop. An exit answering along the route a
 * request came by sends the route as it got it, with a tag of its own. Local only; the Hopper turns
 * it into a {@link LiveCoresPackage}.
 */
public record IncipientCoresPackage(Route route, byte[] payload, long tag) {
  public IncipientCoresPackage {
    if (route == null || payload == null) {
      throw new IllegalArgumentException("route and payload are required");
    }
    if (payload.length > LiveCoresPackage.MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "payload: "
              + payload.length
              + " bytes (expected: at most "
              + LiveCoresPackage.MAX_PAYLOAD
              + ")");
    }
  }
}
