package org.jmasq.testbed;

/** The machine cannot host a testbed: a tool is missing or the process is not root. */
public final class MissingPrerequisiteException extends TestbedException {

  private static final long serialVersionUID = 1L;

  MissingPrerequisiteException(String sentence) {
    super(sentence);
  }
}
