package org.jmasq.node;

import java.io.IOException;

/** The Node could not start; the message is one sentence for the user. */
public final class NodeStartException extends IOException {
  private static final long serialVersionUID = 1L;

  public NodeStartException(String message) {
    super(message);
  }

  /** {@code cause} is kept for the log; the message alone is shown to the user. */
  public NodeStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
