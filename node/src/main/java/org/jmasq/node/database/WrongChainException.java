package org.jmasq.node.database;

/** The database was created for another chain; it was not changed. */
public final class WrongChainException extends DatabaseException {
  WrongChainException(String message) {
    super(message);
  }
}
