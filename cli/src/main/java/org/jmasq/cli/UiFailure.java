package org.jmasq.cli;

/** An error answer from the Node (or Daemon): its code, and its message for the user. */
final class UiFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final long code;

  UiFailure(long code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  long code() {
    return code;
  }
}
