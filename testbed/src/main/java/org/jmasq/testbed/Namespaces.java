package org.jmasq.testbed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * Lists and removes network namespaces: the teardown of one run and the sweep of runs whose owner
 * died. A namespace is deleted only after every process in it is gone, as a namespace with a
 * process left in it outlives {@code ip netns del} along with its veths.
 */
final class Namespaces {

  private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

  private Namespaces() {}

  /** The names of the machine's named namespaces. */
  static List<String> list(CommandRunner runner) throws CommandFailedException {
    List<String> names = new ArrayList<>();
    for (String line : runner.run("ip", "netns", "list").split("\n")) {
      if (!line.isBlank()) {
        names.add(line.strip().split("\\s+")[0]);
      }
    }
    return names;
  }

  /** The pids of the processes in a namespace. */
  static List<Long> pids(CommandRunner runner, String namespace) throws CommandFailedException {
    List<Long> pids = new ArrayList<>();
    for (String line : runner.run("ip", "netns", "pids", namespace).split("\n")) {
      if (!line.isBlank()) {
        pids.add(Long.parseLong(line.strip()));
      }
    }
    return pids;
  }

  /**
   * Kills every process in the namespaces, waits for them to go, and deletes the namespaces. Goes
   * on past a failure so that one stuck namespace does not keep the others; returns the failures.
   */
  static List<String> remove(CommandRunner runner, List<String> namespaces) {
    List<String> failures = new ArrayList<>();
    List<String> present;
    try {
      present = list(runner).stream().filter(namespaces::contains).toList();
    } catch (CommandFailedException e) {
      return List.of(e.getMessage());
    }
    for (String namespace : present) {
      try {
        pids(runner, namespace)
            .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      } catch (CommandFailedException e) {
        failures.add(e.getMessage());
      }
    }
    for (String namespace : present) {
      try {
        awaitEmpty(runner, namespace);
        runner.run("ip", "netns", "del", namespace);
      } catch (CommandFailedException e) {
        failures.add(e.getMessage());
      }
    }
    return failures;
  }

  /**
   * Removes the namespaces and directories of every run whose owner is dead; a live run's are left
   * alone. Returns the prefixes swept.
   */
  static List<String> sweep(CommandRunner runner) throws CommandFailedException {
    Map<String, List<String>> byPrefix = new TreeMap<>();
    for (String name : list(runner)) {
      Matcher m = RunDirectory.PREFIX.matcher(name);
      if (m.lookingAt()) {
        byPrefix.computeIfAbsent(m.group(), p -> new ArrayList<>()).add(name);
      }
    }
    for (String stem : RunDirectory.stemsOnDisk()) {
      byPrefix.computeIfAbsent(stem + "-", p -> new ArrayList<>());
    }
    List<String> swept = new ArrayList<>();
    for (Map.Entry<String, List<String>> run : byPrefix.entrySet()) {
      if (RunDirectory.ownerAlive(run.getKey())) {
        continue;
      }
      List<String> failures = remove(runner, run.getValue());
      if (failures.isEmpty()) {
        String stem = run.getKey().substring(0, run.getKey().length() - 1);
        RunDirectory.delete(RunDirectory.base().resolve(stem));
      }
      swept.add(run.getKey());
    }
    return swept;
  }

  private static void awaitEmpty(CommandRunner runner, String namespace)
      throws CommandFailedException {
    Instant deadline = Instant.now().plus(EXIT_WAIT);
    List<Long> left;
    while (!(left = pids(runner, namespace)).isEmpty()) {
      // Killed again on every look: a process may have forked between the list and the kill.
      left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      if (Instant.now().isAfter(deadline)) {
        throw new CommandFailedException(
            List.of("ip", "netns", "pids", namespace), -1, "processes would not exit");
      }
      pause();
    }
  }

  /** A short wait between polls of the kernel, which has no event for "namespace emptied". */
  static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
