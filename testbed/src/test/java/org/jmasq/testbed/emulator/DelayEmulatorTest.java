package org.jmasq.testbed.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jmasq.testbed.Testbed;
import org.jmasq.testbed.TestbedException;
import org.jmasq.testbed.TestbedPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator in a real internet namespace between two hosts: delays, losses and caps what they
 * send each other, drops what is not the testbed's, and leaves nothing behind. Needs root, ip,
 * socat and curl.
 */
@EnabledIf("canBuildNamespaces")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DelayEmulatorTest {

  private static final int SMALL_PORT = 8080;
  private static final int BIG_PORT = 8081;
  private static final int BIG_BYTES = 3_000_000;
  private static final long CAP = 8_000_000;

  @TempDir static Path work;
  private static Testbed testbed;
  private static String hostA;
  private static String hostB;
  private static Ipv4Address addressA;
  private static Ipv4Address addressB;
  private static Ipv4Address foreign;
  private static DelayEmulator emulator;
  private static final List<Process> servers = new ArrayList<>();

  static boolean canBuildNamespaces() {
    return "root".equals(System.getProperty("user.name"))
        && onPath("ip")
        && onPath("ss")
        && onPath("socat")
        && onPath("curl");
  }

  private static boolean onPath(String tool) {
    return Arrays.stream(System.getenv("PATH").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }

  @BeforeAll
  static void build() throws IOException, TestbedException {
    testbed = Testbed.build(TestbedPlan.empty().withPublicHost("a").withPublicHost("b"));
    hostA = testbed.host("a").namespace();
    hostB = testbed.host("b").namespace();
    addressA = Ipv4Address.parse(testbed.host("a").address().toString());
    addressB = Ipv4Address.parse(testbed.host("b").address().toString());
    // The hosts' /24 holds their gateway too; any other documentation range is foreign here.
    Ipv4Prefix hosts = Ipv4Prefix.parse(addressA.toString().replaceAll("[0-9]+$", "0") + "/24");
    foreign =
        Ipv4Address.parse(
            hosts.contains(Ipv4Address.parse("198.51.100.7")) ? "203.0.113.7" : "198.51.100.7");
    emulator =
        DelayEmulator.start(
            testbed.internetNamespace(),
            work,
            testbed.prefix().replace("-", "") + "e",
            List.of(hosts));
    servers.add(
        InNamespace.serve(
            hostB,
            SMALL_PORT,
            InNamespace.httpHead(work, 1000) + "; head -c 1000 /dev/zero",
            work.resolve("small.log")));
    servers.add(
        InNamespace.serve(
            hostB,
            BIG_PORT,
            InNamespace.httpHead(work, BIG_BYTES) + "; head -c " + BIG_BYTES + " /dev/zero",
            work.resolve("big.log")));
  }

  @AfterAll
  static void tearDown() throws IOException {
    try {
      for (Process server : servers) {
        InNamespace.stop(server);
      }
      if (emulator != null) {
        emulator.close();
      }
    } finally {
      if (testbed != null) {
        testbed.close();
      }
    }
  }

  @Test
  @Order(0)
  void starting_in_a_namespace_that_does_not_exist_fails_and_says_where() {
    String missing = testbed.prefix() + "none";

    assertThatThrownBy(
            () ->
                DelayEmulator.start(missing, work, "t0", List.of(Ipv4Prefix.parse("192.0.2.0/24"))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(missing);
  }

  @Test
  @Order(1)
  void forty_ms_each_way_makes_every_round_trip_at_least_eighty_ms_and_not_much_more()
      throws Exception {
    emulator.setPair(addressA, addressB, delay(40));

    double[] rtts = connectTimes(7);

    assertThat(Arrays.stream(rtts).min().orElseThrow()).isGreaterThanOrEqualTo(0.080);
    assertThat(median(rtts)).isLessThan(0.080 + 0.025);
  }

  @Test
  @Order(2)
  void at_zero_delay_the_emulator_adds_little() throws Exception {
    emulator.setPair(addressA, addressB, LinkConditions.NONE);

    assertThat(median(connectTimes(7))).isLessThan(0.010);
  }

  @Test
  @Order(3)
  void five_percent_loss_loses_a_binomial_share_of_the_packets() throws Exception {
    emulator.setPair(addressA, addressB, LinkConditions.NONE.withLoss(0.05));
    EmulatorCounters before = emulator.counters();
    Path datagrams = work.resolve("datagrams");
    Files.write(datagrams, new byte[250 * 100]);

    // Bursts of 250 datagrams of 100 bytes: each fits the TUN's queue, so nearly all reach the
    // emulator; the count below is of those that did.
    for (int burst = 0; burst < 8; burst++) {
      InNamespace.run(
          hostA, "socat", "-u", "-b", "100", "OPEN:" + datagrams, "UDP-SENDTO:" + addressB + ":9");
    }
    EmulatorCounters after = emulator.counters();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (after.accepted() - before.accepted() < 2000 && System.nanoTime() < deadline) {
      after = emulator.counters();
    }
    long offered = after.accepted() - before.accepted();
    long lost = after.lost() - before.lost();

    assertThat(offered).isGreaterThanOrEqualTo(1000);
    long[] bounds = Binomial.bounds(offered, 0.05, 1e-6);
    assertThat(lost).isBetween(bounds[0], bounds[1]);
  }

  @Test
  @Order(4)
  void a_rate_cap_holds_a_download_to_about_that_rate() throws Exception {
    emulator.setPair(addressA, addressB, LinkConditions.NONE.withRate(CAP));

    String speed =
        InNamespace.run(
            hostA,
            "curl",
            "-sS",
            "--max-time",
            "30",
            "-o",
            "/dev/null",
            "-w",
            "%{size_download} %{speed_download}",
            "http://" + addressB + ":" + BIG_PORT + "/");
    String[] fields = speed.strip().split(" ");
    double bitsPerSecond = Double.parseDouble(fields[1]) * 8;

    assertThat(Long.parseLong(fields[0])).isEqualTo(BIG_BYTES);
    // Headers take about 4% of the wire; TCP's start costs a little more.
    assertThat(bitsPerSecond).isBetween(0.7 * CAP, 1.0 * CAP);
  }

  @Test
  @Order(5)
  void a_packet_to_an_address_outside_the_testbed_is_dropped_not_sent_on() throws Exception {
    emulator.setPair(addressA, addressB, LinkConditions.NONE);
    EmulatorCounters before = emulator.counters();

    // The foreign address is nowhere: the host's default route takes it to the internet
    // namespace, whose table takes it to the TUN, where the emulator must drop it.
    InNamespace.run(hostA, "sh", "-c", "echo x | socat -u STDIN UDP-SENDTO:" + foreign + ":9");
    EmulatorCounters after = emulator.counters();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (after.foreign() == before.foreign() && System.nanoTime() < deadline) {
      after = emulator.counters();
    }

    assertThat(after.foreign() - before.foreign()).isEqualTo(1);
    assertThat(after.malformed()).isEqualTo(before.malformed());
  }

  @Test
  @Order(6)
  void closing_stops_the_processes_and_removes_the_tun_and_its_rules() throws Exception {
    ProcessHandle process = emulator.process();
    List<ProcessHandle> children = process.descendants().toList();
    assertThat(children).isNotEmpty();

    emulator.close();

    assertThat(process.isAlive()).isFalse();
    for (ProcessHandle child : children) {
      child.onExit().get(5, TimeUnit.SECONDS);
    }
    assertThat(Commands.run(List.of("ip", "-n", testbed.internetNamespace(), "link", "show")))
        .doesNotContain(emulator.tunName());
    assertThat(Commands.run(List.of("ip", "-n", testbed.internetNamespace(), "rule", "show")))
        .doesNotContain("lookup 100")
        .doesNotContain(emulator.tunName());
    for (Process server : servers) {
      InNamespace.stop(server);
    }
    String prefix = testbed.prefix();
    testbed.close();
    assertThat(Commands.run(List.of("ip", "netns", "list"))).doesNotContain(prefix);
  }

  private static LinkConditions delay(long millis) {
    return LinkConditions.delay(Duration.ofMillis(millis));
  }

  /** TCP handshake times from A to B, in seconds: each is one round trip. */
  private static double[] connectTimes(int count) throws IOException, InterruptedException {
    double[] times = new double[count];
    for (int i = 0; i < count; i++) {
      times[i] =
          Double.parseDouble(
              InNamespace.run(
                      hostA,
                      "curl",
                      "-sS",
                      "--max-time",
                      "10",
                      "-o",
                      "/dev/null",
                      "-w",
                      "%{time_connect}",
                      "http://" + addressB + ":" + SMALL_PORT + "/")
                  .strip());
    }
    return times;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
