package org.jmasq.node.ui;

/**
 * Why a handler cannot serve a request, with the reference's error code: thrown deep in a request's
 * parsing, answered as {@link #answer()} where the handler catches it.
 */
final class UiRefusal extends Exception {
  private static final long serialVersionUID = 1L;
  private final long code;

  UiRefusal(long code, String message) {
    // No stack trace: a refusal is an answer, not a fault.
    super(message, null, false, false);
    this.code = code;
  }

  UiAnswer answer() {
    return UiAnswer.failed(code, getMessage());
  }
}
