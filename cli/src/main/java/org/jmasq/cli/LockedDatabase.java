package org.jmasq.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jmasq.identity.Chain;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.datadir.DataDirectoryLock;

/**
 * A Node's database opened by a command that changes it. The data directory's lock is taken first:
 * a running Node holds it, and would not see the change, so the command is refused before the
 * database is opened; and no Node can start while the command writes.
 */
final class LockedDatabase implements AutoCloseable {
  private final DataDirectoryLock lock;
  private final NodeDatabase database;

  private LockedDatabase(DataDirectoryLock lock, NodeDatabase database) {
    this.lock = lock;
    this.database = database;
  }

  /**
   * {@code password}, when given, is refused before anything is written if the database has another
   * one.
   */
  static LockedDatabase open(Path dataDirectory, Chain chain, java.util.Optional<String> password)
      throws Refusal, DatabaseException {
    DataDirectoryLock lock;
    try {
      Files.createDirectories(dataDirectory);
      lock =
          DataDirectoryLock.tryAcquire(dataDirectory)
              .orElseThrow(
                  () ->
                      new Refusal(
                          "a Node, or another jmasq command, is using data directory "
                              + dataDirectory
                              + "; stop it first (nothing was changed)"));
    } catch (IOException e) {
      throw new Refusal("cannot use data directory " + dataDirectory + ": " + e.getMessage());
    }
    try {
      return new LockedDatabase(lock, NodeDatabase.open(dataDirectory, chain, password));
    } catch (DatabaseException | RuntimeException e) {
      release(lock, e);
      throw e;
    }
  }

  NodeDatabase database() {
    return database;
  }

  @Override
  public void close() throws DatabaseException {
    try {
      database.close();
    } catch (DatabaseException e) {
      release(lock, e);
      throw e;
    }
    try {
      lock.close();
    } catch (IOException e) {
      throw new DatabaseException(
          "Cannot release the lock of " + database.file().getParent() + ": " + e.getMessage(), e);
    }
  }

  private static void release(DataDirectoryLock lock, Exception cause) {
    try {
      lock.close();
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }
}
