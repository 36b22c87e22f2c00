package org.jmasq.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One run's name prefix and its directory under the temp dir. The prefix ({@code jt<pid>x<n>-})
 * starts every namespace of the run; the directory holds an {@code owner} marker (pid and start
 * time of the owning process), the routers' configs, leases and logs. A later run sweeps a prefix
 * only when its owner is dead, and the start time guards against a recycled pid.
 */
record RunDirectory(String prefix, Path dir) {

  static final Pattern PREFIX = Pattern.compile("(jt(\\d+)x(\\d+))-");
  private static final String OWNER = "owner";

  /** Where every run keeps its directory. */
  static Path base() {
    return Path.of(System.getProperty("java.io.tmpdir"), "jmasq-testbed");
  }

  /** Claims the first free run number of this process and writes the owner marker. */
  static RunDirectory claim() throws IOException {
    Files.createDirectories(base());
    long pid = ProcessHandle.current().pid();
    for (int n = 0; ; n++) {
      String stem = "jt" + pid + "x" + n;
      Path dir = base().resolve(stem);
      try {
        Files.createDirectory(dir);
      } catch (FileAlreadyExistsException taken) {
        continue;
      }
      Files.writeString(dir.resolve(OWNER), pid + " " + startMillis(ProcessHandle.current()));
      return new RunDirectory(stem + "-", dir);
    }
  }

  /** Whether the process that made {@code prefix} still runs; unknown means alive. */
  static boolean ownerAlive(String prefix) {
    Matcher m = PREFIX.matcher(prefix);
    if (!m.lookingAt()) {
      return true;
    }
    long pid = Long.parseLong(m.group(2));
    long start = -1;
    Path marker = base().resolve(m.group(1)).resolve(OWNER);
    try {
      String[] fields = Files.readString(marker, StandardCharsets.UTF_8).strip().split(" ");
      if (fields.length == 2 && Long.parseLong(fields[0]) == pid) {
        start = Long.parseLong(fields[1]);
      }
    } catch (IOException | NumberFormatException e) {
      // No marker yet (a run being made) or none any more: the pid in the name decides.
    }
    Optional<ProcessHandle> owner = ProcessHandle.of(pid);
    if (owner.isEmpty() || !owner.get().isAlive()) {
      return false;
    }
    long ownerStart = startMillis(owner.get());
    return start < 0 || ownerStart < 0 || ownerStart == start;
  }

  /** The stems ({@code jt<pid>x<n>}) of the run directories present. */
  static List<String> stemsOnDisk() {
    try (Stream<Path> entries = Files.list(base())) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(name -> PREFIX.matcher(name + "-").matches())
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Deletes a run directory and everything in it; answers what would not go (empty when all went).
   * What is left is tried again by the next sweep.
   */
  static Optional<String> delete(Path dir) {
    if (!Files.exists(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
      return Optional.empty();
    } catch (IOException | UncheckedIOException e) {
      return Optional.of("cannot delete " + dir + ": " + e.getMessage());
    }
  }

  Path scratch() {
    return dir.resolve("scratch");
  }

  private static long startMillis(ProcessHandle process) {
    return process.info().startInstant().map(i -> i.toEpochMilli()).orElse(-1L);
  }
}
