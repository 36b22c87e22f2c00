package org.jmasq.node;

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
