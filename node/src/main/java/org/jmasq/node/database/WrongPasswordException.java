package org.jmasq.node.database;

/** The database password given does not match the one set; nothing was changed. */
public final class WrongPasswordException extends DatabaseException {
  public WrongPasswordException(String message) {
    super(message);
  }
}
