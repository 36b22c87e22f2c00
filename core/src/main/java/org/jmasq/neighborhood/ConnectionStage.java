package org.jmasq.neighborhood;

/** The overall connection stage the UI shows, with the reference's numeric codes. */
public enum ConnectionStage {
  NOT_CONNECTED(0),
  CONNECTED_TO_NEIGHBOR(1),
  ROUTE_FOUND(2);

  private final int code;

  ConnectionStage(int code) {
    this.code = code;
  }

  int code() {
    return code;
  }
}
