package org.jmasq.node.datadir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockTest {
  @TempDir Path dataDirectory;

  @Test
  void a_held_lock_cannot_be_taken_again_until_it_is_released() throws Exception {
    Optional<DataDirectoryLock> first = DataDirectoryLock.tryAcquire(dataDirectory);
    assertThat(first).isPresent();

    assertThat(DataDirectoryLock.tryAcquire(dataDirectory)).isEmpty();

    first.get().close();
    Optional<DataDirectoryLock> again = DataDirectoryLock.tryAcquire(dataDirectory);
    assertThat(again).isPresent();
    again.get().close();
  }

  @Test
  void a_second_attempt_from_this_process_leaves_the_lock_held_against_other_processes()
      throws Exception {
    DataDirectoryLock lock = DataDirectoryLock.tryAcquire(dataDirectory).orElseThrow();
    try {
      assertThat(DataDirectoryLock.tryAcquire(dataDirectory)).isEmpty();
      assertThat(
              DataDirectoryLock.tryAcquire(
                  dataDirectory.resolve(".").resolve("..").resolve(dataDirectory.getFileName())))
          .as("the same directory by another path")
          .isEmpty();
      assertThat(anotherProcessCanLock()).as("another process takes the lock").isFalse();
    } finally {
      lock.close();
    }
    assertThat(anotherProcessCanLock()).as("once released").isTrue();
  }

  /** Asks a separate JVM to take the lock as a Node would (an fcntl lock through FileChannel). */
  private boolean anotherProcessCanLock() throws Exception {
    Path probe =
        dataDirectory.getParent().resolve("LockProbe-" + ProcessHandle.current().pid() + ".java");
    Files.writeString(
        probe,
        """
        import java.nio.channels.FileChannel;
        import java.nio.file.*;
        class LockProbe {
          public static void main(String[] a) throws Exception {
            try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
              System.exit(c.tryLock() != null ? 0 : 3);
            }
          }
        }
        """);
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                probe.toString(),
                dataDirectory.resolve(DataDirectoryLock.FILE_NAME).toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    int exit = p.waitFor();
    Files.deleteIfExists(probe);
    assertThat(exit).as(output).isIn(0, 3);
    return exit == 0;
  }

  @Test
  void the_lock_file_names_the_process_only_when_asked() throws Exception {
    Path file = dataDirectory.resolve(DataDirectoryLock.FILE_NAME);
    DataDirectoryLock lock = DataDirectoryLock.tryAcquire(dataDirectory).orElseThrow();
    try {
      assertThat(Files.readString(file)).isEmpty();
      lock.namePid();
      assertThat(Files.readString(file)).isEqualTo(ProcessHandle.current().pid() + "\n");
    } finally {
      lock.close();
    }
  }
}
