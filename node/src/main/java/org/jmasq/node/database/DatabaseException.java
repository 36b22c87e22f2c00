package org.jmasq.node.database;

/** The database cannot be opened, read or written; the message says which file and why. */
public class DatabaseException extends Exception {
  public DatabaseException(String message) {
    super(message);
  }

  public DatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
