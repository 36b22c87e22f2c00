package org.jmasq.cores;

/**
 * A package about to leave its originator: a freshly sealed route and a payload already sealed to
 * its final recipient. Local only; the Hopper turns it into a {@link LiveCoresPackage}.
 */
public record IncipientCoresPackage(Route route, byte[] payload) {
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
