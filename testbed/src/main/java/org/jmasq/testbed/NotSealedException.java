package org.jmasq.testbed;

import java.util.List;

/** The safety check found a way out of the testbed, or into it from the machine's own network. */
public final class NotSealedException extends TestbedException {

  private static final long serialVersionUID = 1L;

  private final List<String> findings;

  NotSealedException(List<String> findings) {
    super("the testbed is not sealed: " + String.join("; ", findings));
    this.findings = List.copyOf(findings);
  }

  /** One sentence per leak found. */
  public List<String> findings() {
    return findings;
  }
}
