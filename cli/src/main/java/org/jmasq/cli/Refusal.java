package org.jmasq.cli;

/**
 * A command refused to act on the state it found (a busy data directory, say); the message is one
 * sentence for the user, and nothing was changed.
 */
final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;

  Refusal(String message) {
    super(message);
  }
}
