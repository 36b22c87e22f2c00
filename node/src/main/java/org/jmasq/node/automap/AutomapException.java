package org.jmasq.node.automap;

/** A router that did not map the port, or did not say its public IP; {@link #reason()} says how. */
public final class AutomapException extends Exception {
  private static final long serialVersionUID = 1L;

  /** How a request to the router failed. */
  public enum Reason {
    /** No answer within the deadline: no such service on the router, or the router is down. */
    NO_ANSWER,
    /** The router answered with a refusal (a result code, a UPnP error). */
    REFUSED,
    /** The answer was not a valid answer of the protocol. */
    MALFORMED,
    /** A socket failed (no route to the router, a connection refused). */
    IO
  }

  private final Reason reason;

  public AutomapException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public AutomapException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
