package org.jmasq.node.datadir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operating system's lock on {@code node.lock} in a data directory: one Node per directory, and
 * no command that writes the Node's database while a Node runs on it. The OS drops the lock when
 * its process dies, so a crashed Node leaves nothing to clean up.
 */
public final class DataDirectoryLock implements AutoCloseable {
  static final String FILE_NAME = "node.lock";

  /**
   * The directories this process holds. Asking the OS again from the same process is not only
   * pointless but harmful: closing the second channel to the file would release the first channel's
   * lock too (POSIX locks belong to the process), so such a request never opens the file.
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path directory;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(Path directory, FileChannel channel, FileLock lock) {
    this.directory = directory;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code dataDirectory}, which must exist, or returns empty when another
   * process, or this one, holds it.
   */
  public static Optional<DataDirectoryLock> tryAcquire(Path dataDirectory) throws IOException {
    Path directory = dataDirectory.toRealPath();
    if (!HELD.add(directory)) {
      return Optional.empty(); // held in this very process: as busy as if another process held it
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              directory.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return Optional.of(new DataDirectoryLock(directory, channel, lock));
      }
      channel.close();
      HELD.remove(directory);
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      HELD.remove(directory);
      throw e;
    }
  }

  /**
   * Writes this process's id into the lock file, so that tools and tests can find the Node holding
   * it.
   */
  public void namePid() throws IOException {
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
        0);
  }

  @Override
  public void close() throws IOException {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } finally {
      try {
        channel.close();
      } finally {
        HELD.remove(directory);
      }
    }
  }
}
