package org.jmasq.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jmasq.node.database.NodeDatabase;

/**
 * What a Node's database holds on disk: the SHA-256 and modification time of {@code node-data.db},
 * and the SHA-256 of its write-ahead log. Equal snapshots show that a refused command wrote
 * nothing. A missing log and an empty one are alike, as neither holds a transaction: a read-only
 * look at the file leaves an empty log and a {@code -shm} index behind, which SQLite does not
 * remove for read-only connections.
 */
record DatabaseSnapshot(String database, String log) {
  static DatabaseSnapshot of(Path dataDirectory) throws IOException {
    Path file = dataDirectory.resolve(NodeDatabase.FILE_NAME);
    Path wal = dataDirectory.resolve(NodeDatabase.FILE_NAME + "-wal");
    return new DatabaseSnapshot(
        sha256(Files.readAllBytes(file)) + " modified " + Files.getLastModifiedTime(file),
        sha256(Files.exists(wal) ? Files.readAllBytes(wal) : new byte[0]));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
