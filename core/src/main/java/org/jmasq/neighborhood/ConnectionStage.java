package org.jmasq.neighborhood;

/** The overall connection stage the UI shows, with the reference's numeric codes. */
public enum ConnectionStage {
  NOT_CONNECTED(0, "NotConnected"),
  CONNECTED_TO_NEIGHBOR(1, "ConnectedToNeighbor"),
  ROUTE_FOUND(2, "RouteFound");

  private final int code;
  private final String uiName;

  ConnectionStage(int code, String uiName) {
    this.code = code;
    this.uiName = uiName;
  }

  /** The name the reference's UI protocol gives this stage ({@code connectionStatus}). */
  public String uiName() {
    return uiName;
  }

  int code() {
    return code;
  }
}
