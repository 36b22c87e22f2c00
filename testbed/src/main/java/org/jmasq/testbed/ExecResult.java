package org.jmasq.testbed;

/** What a command run on a host did: its exit code and both outputs. */
public record ExecResult(int exitCode, String stdout, String stderr) {

  public boolean succeeded() {
    return exitCode == 0;
  }
}
