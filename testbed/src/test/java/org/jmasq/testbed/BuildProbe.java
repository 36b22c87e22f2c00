package org.jmasq.testbed;

/** Tries to build a testbed with a router and prints the refusal, for a test to read. */
final class BuildProbe {

  private BuildProbe() {}

  public static void main(String[] args) {
    try (Testbed testbed = Testbed.build(TestbedPlan.empty().withRouter("home"))) {
      System.out.println("built " + testbed.prefix());
    } catch (TestbedException e) {
      System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
