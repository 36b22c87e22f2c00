package org.jmasq.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jmasq.testbed.emulator.LinkConditions;
import org.junit.jupiter.api.Test;

/** The delay emulator run by a Testbed: its conditions hold between hosts, and close ends it. */
class TestbedEmulatorTest {

  @Test
  void the_emulator_delays_what_hosts_send_each_other_and_ends_with_the_testbed() throws Exception {
    Root.required();
    Testbed testbed =
        Testbed.build(
            TestbedPlan.empty().withPublicHost("a").withPublicHost("b").withPublicHost("c"));
    String tun = Testbed.emulatorTun(testbed.prefix());
    try {
      assertThatThrownBy(() -> testbed.conditions("a", "b", LinkConditions.NONE))
          .isInstanceOf(IllegalStateException.class);
      testbed.emulate(LinkConditions.delay(Duration.ofMillis(30)));
      testbed.conditions("a", "b", LinkConditions.delay(Duration.ofMillis(60)));
      testbed.start("b", "socat", "TCP-LISTEN:8000,reuseaddr,fork", "SYSTEM:echo hi");
      testbed.start("c", "socat", "TCP-LISTEN:8000,reuseaddr,fork", "SYSTEM:echo hi");
      testbed.awaitTcpListening("b", 8000, Duration.ofSeconds(10));
      testbed.awaitTcpListening("c", 8000, Duration.ofSeconds(10));

      // A TCP handshake is one round trip: twice the pair's one-way delay, at least.
      assertThat(connectTime(testbed, "b")).isGreaterThanOrEqualTo(0.120);
      assertThat(connectTime(testbed, "c")).isBetween(0.060, 0.120);
      assertThat(testbed.emulatorCounters().released()).isPositive();
      assertThat(running(tun)).isTrue();
    } finally {
      testbed.close();
    }

    assertThat(running(tun)).isFalse();
  }

  private static double connectTime(Testbed testbed, String server) throws Exception {
    ExecResult result =
        testbed.exec(
            "a",
            "curl",
            "-s",
            "-o",
            "/dev/null",
            "--max-time",
            "10",
            "-w",
            "%{time_connect}",
            "http://" + testbed.host(server).address() + ":8000/");
    return Double.parseDouble(result.stdout().strip());
  }

  /** Whether a process of this machine runs the emulator on this TUN. */
  private static boolean running(String tun) {
    return ProcessHandle.allProcesses()
        .anyMatch(
            p -> {
              List<String> args = Arrays.asList(p.info().arguments().orElse(new String[0]));
              int at = args.indexOf("--tun");
              return at >= 0 && at + 1 < args.size() && args.get(at + 1).equals(tun);
            });
  }
}
