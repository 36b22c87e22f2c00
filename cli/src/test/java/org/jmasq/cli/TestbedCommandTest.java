package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jmasq testbed}: its refusals, and (as root with the tools) a small run from start to
 * RouteFound, a page fetched as its line says, and a stop that leaves no namespace.
 */
class TestbedCommandTest {
  @TempDir Path work;

  @Test
  void too_few_hosts_are_refused_in_one_line() {
    CommandRun run = CommandRun.of("testbed", "--hosts", "3");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines().get(0)).contains("--hosts: 3 is out of range");
  }

  @Test
  void more_nodes_behind_nat_than_standard_ones_but_the_first_are_refused() {
    CommandRun run = CommandRun.of("testbed", "--hosts", "5", "--behind-nat", "4");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines().get(0)).contains("--behind-nat: 4 is out of range");
  }

  @Test
  void an_extra_host_named_like_one_of_the_testbed_s_own_is_refused() {
    // Checked on the plan, not by running the command: as root, a command that passes its checks
    // builds a testbed and runs until it is stopped.
    TestbedCommand command = new TestbedCommand();
    command.hosts = 5;
    command.behindNat = 1;
    command.extraHosts = List.of("f1", "origin");

    assertThatThrownBy(command::plan).hasMessageContaining("name: origin is used twice");
  }

  @Test
  void extra_hosts_are_public_hosts_with_no_node() {
    TestbedCommand command = new TestbedCommand();
    command.hosts = 5;
    command.behindNat = 1;
    command.extraHosts = List.of("f1", "t0");

    assertThat(command.plan().hosts())
        .filteredOn(h -> h.name().equals("f1") || h.name().equals("t0"))
        .hasSize(2)
        .allMatch(h -> h.router().isEmpty());
    assertThat(command.standardHosts()).doesNotContain("f1", "t0");
  }

  static boolean canRun() {
    return "root".equals(System.getProperty("user.name"))
        && Arrays.stream(new String[] {"ip", "ss", "nft", "miniupnpd", "socat", "curl"})
            .allMatch(
                tool ->
                    Arrays.stream(System.getenv("PATH").split(":"))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool))));
  }

  @Test
  @EnabledIf("canRun")
  void it_prints_route_found_and_how_to_browse_and_leaves_nothing_when_stopped() throws Exception {
    TestbedCommand command = new TestbedCommand();
    command.hosts = 5;
    command.behindNat = 1;
    command.delayMs = 10;
    command.readyTimeoutSeconds = 90;
    command.extraHosts = List.of("f1");
    Path hostsFile = work.resolve("hosts.txt");
    command.hostsFile = hostsFile;
    WatchedWriter out = new WatchedWriter();
    WatchedWriter err = new WatchedWriter();
    CountDownLatch stop = new CountDownLatch(1);
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return command.run(new PrintWriter(out, true), new PrintWriter(err, true), stop);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      assertThat(out.await("RouteFound", 0, Duration.ofSeconds(150)))
          .as("out: %s%nerr: %s", out, err)
          .isTrue();
      // Browsing as the line says (as root already, so without sudo).
      Matcher browse =
          Pattern.compile("sudo (ip netns exec \\S+ curl --socks5-hostname \\S+ \\S+)")
              .matcher(out.toString());
      assertThat(browse.find()).as(out.toString()).isTrue();
      // name namespace address internet-address, for scripts that run programs on the hosts
      List<String> hosts = Files.readAllLines(hostsFile);
      assertThat(hosts)
          .anyMatch(l -> l.matches("f1 \\S+-f1 (\\S+) \\1"))
          .anyMatch(l -> l.matches("user \\S+-user 192\\.168\\.\\S+ 100\\.128\\.\\S+"))
          .hasSize(7);
      List<String> curl = new ArrayList<>(List.of(browse.group(1).split(" ")));
      curl.addAll(
          curl.indexOf("curl") + 1, List.of("--silent", "--show-error", "--max-time", "30"));
      Process page = new ProcessBuilder(curl).redirectErrorStream(true).start();
      String body = new String(page.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(page.waitFor()).as(body).isZero();
      assertThat(body).contains("Hello from the testbed");
    } finally {
      stop.countDown();
    }
    assertThat(exit.get(60, TimeUnit.SECONDS)).as("err: %s", err).isZero();
    assertThat(out.toString()).contains("every Node stopped; the testbed is removed.");
    Matcher prefix = Pattern.compile("testbed: (\\S+): ").matcher(out.toString());
    assertThat(prefix.find()).isTrue();
    assertThat(namespaces()).noneMatch(n -> n.startsWith(prefix.group(1)));
  }

  private static List<String> namespaces() throws Exception {
    Process list = new ProcessBuilder("ip", "netns", "list").start();
    String text = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    list.waitFor();
    List<String> names = new ArrayList<>();
    text.lines().forEach(l -> names.add(l.split(" ")[0]));
    return names;
  }
}
