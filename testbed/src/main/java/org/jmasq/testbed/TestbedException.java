package org.jmasq.testbed;

/** Why the testbed could not be built, checked or driven: a failed command, a leak, or a lack. */
public abstract sealed class TestbedException extends Exception
    permits CommandFailedException, NotSealedException, MissingPrerequisiteException {

  private static final long serialVersionUID = 1L;

  TestbedException(String message) {
    super(message);
  }
}
