package org.jmasq.testbed;

import java.util.List;

/**
 * A command the testbed ran ({@code ip}, {@code nft}, ...) exited non-zero, or did not run to its
 * end (it timed out, could not start, was interrupted): then the exit code is -1 and the text says
 * which.
 */
public final class CommandFailedException extends TestbedException {

  private static final long serialVersionUID = 1L;

  private final List<String> command;
  private final int exitCode;
  private final String stderr;

  CommandFailedException(List<String> command, int exitCode, String stderr) {
    super(
        String.join(" ", command)
            + (exitCode < 0 ? "" : ": exit " + exitCode)
            + (stderr.isBlank() ? "" : ": " + stderr.strip()));
    this.command = List.copyOf(command);
    this.exitCode = exitCode;
    this.stderr = stderr;
  }

  public List<String> command() {
    return command;
  }

  /** The exit code, or -1 when the command did not run to its end. */
  public int exitCode() {
    return exitCode;
  }

  public String stderr() {
    return stderr;
  }
}
