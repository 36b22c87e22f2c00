package org.jmasq.testbed;

import java.nio.file.Path;

/**
 * A long-running process started on a host, with its output in a log file of the run's directory.
 * The testbed kills it at close if it still runs; {@link #stop} kills it sooner.
 */
public final class HostProcess {

  private final String host;
  private final Process process;
  private final Path log;

  HostProcess(String host, Process process, Path log) {
    this.host = host;
    this.process = process;
    this.log = log;
  }

  public String host() {
    return host;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The file that holds the process's stdout and stderr. */
  public Path log() {
    return log;
  }

  /** The process itself, to wait on it or write to it. */
  public Process process() {
    return process;
  }

  /** Kills the process and whatever it started, and waits for it to end. */
  public void stop() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
