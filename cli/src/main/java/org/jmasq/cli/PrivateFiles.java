package org.jmasq.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Log files only their owner can read (0600): a Node's log names its neighbors, its wallets and the
 * sites its users reach through it, which are nobody else's business on a shared machine.
 */
final class PrivateFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /**
   * Makes {@code file} readable and writable by its owner only, creating it empty if it is missing,
   * before anything is written to it; what then writes to it (a redirect, a writer that truncates)
   * keeps those permissions.
   */
  static Path create(Path file) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (FileAlreadyExistsException e) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: its own access rules apply.
      if (!Files.exists(file)) {
        Files.createFile(file);
      }
    }
    return file;
  }
}
