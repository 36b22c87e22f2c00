package org.jmasq.node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The operating system's lock on {@code node.lock} in a data directory: one Node per directory, and
 * no command that writes the Node's database while a Node runs on it. The OS drops the lock when
 * its process dies, so a crashed Node leaves nothing to clean up.
 */
public final class DataDirectoryLock implements AutoCloseable {
  public static final String FILE_NAME = "node.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code dataDirectory}, which must exist, or returns empty when another
   * process, or this one, holds it.
   */
  public static Optional<DataDirectoryLock> tryAcquire(Path dataDirectory) throws IOException {
    FileChannel channel = FileChannel.open(dataDirectory.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return Optional.of(new DataDirectoryLock(channel, lock));
      }
    } catch (OverlappingFileLockException e) {
      // held in this very process: as busy as if another process held it
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    channel.close();
    return Optional.empty();
  }

  /** Writes this process's id into the lock file, so that tools and tests can find the Node holding it. */
  public void namePid() throws IOException {
    channel.truncate(0);
    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
  }

  @Override
  public void close() throws IOException {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } finally {
      channel.close();
    }
  }
}
