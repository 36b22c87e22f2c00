package org.jmasq.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TeardownTest {

  private static final CommandRunner RUNNER = new CommandRunner(scratch());

  @BeforeAll
  static void rootOnly() {
    Root.required();
  }

  @Test
  void a_closed_testbed_leaves_no_namespace_link_process_or_file() throws Exception {
    List<String> rootLinksBefore = rootLinks();
    Testbed testbed =
        Testbed.build(
            TestbedPlan.empty()
                .withPublicHost("pub")
                .withRouter("home")
                .withHostBehind("lan", "home"));
    HostProcess sleeper = testbed.start("pub", "sleep", "600");
    List<Long> pids = pidsOf(testbed.prefix());
    assertThat(pids).hasSizeGreaterThanOrEqualTo(2);
    assertThat(namespacesOf(testbed.prefix())).hasSize(4);
    assertThat(rootLinks()).isEqualTo(rootLinksBefore);

    testbed.close();

    assertThat(namespacesOf(testbed.prefix())).isEmpty();
    assertThat(pids).noneMatch(TeardownTest::alive);
    assertThat(sleeper.isAlive()).isFalse();
    assertThat(rootLinks()).isEqualTo(rootLinksBefore);
    assertThat(Files.exists(testbed.directory())).isFalse();
  }

  @Test
  void a_killed_owners_testbed_is_swept_by_a_later_run() throws Exception {
    Process owner = startOwner();
    String prefix = firstLine(owner);
    List<Long> pids = pidsOf(prefix);
    assertThat(pids).hasSizeGreaterThanOrEqualTo(2);

    owner.destroyForcibly();
    assertThat(owner.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(namespacesOf(prefix)).as("SIGKILL runs no hook").hasSize(4);

    // Another run's build may sweep it first: what counts is that it is gone.
    Testbed.sweepLeftovers();

    assertThat(namespacesOf(prefix)).isEmpty();
    assertThat(pids).noneMatch(TeardownTest::alive);
    assertThat(runDirectory(prefix)).doesNotExist();
  }

  @Test
  void a_terminated_owner_tears_its_testbed_down_on_the_way_out() throws Exception {
    Process owner = startOwner();
    String prefix = firstLine(owner);
    List<Long> pids = pidsOf(prefix);

    owner.destroy();
    assertThat(owner.waitFor(20, TimeUnit.SECONDS)).isTrue();

    assertThat(namespacesOf(prefix)).as(() -> read(scratch().resolve("owner.err"))).isEmpty();
    assertThat(pids).noneMatch(TeardownTest::alive);
    assertThat(runDirectory(prefix)).doesNotExist();
  }

  @Test
  void a_sweep_leaves_a_live_run_alone() throws Exception {
    try (Testbed testbed = Testbed.build(TestbedPlan.empty().withPublicHost("pub"))) {
      assertThat(Testbed.sweepLeftovers()).doesNotContain(testbed.prefix());

      assertThat(namespacesOf(testbed.prefix())).hasSize(2);
      assertThat(Files.exists(testbed.directory())).isTrue();
    }
  }

  private static Process startOwner() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    return new ProcessBuilder(
            java, "-cp", System.getProperty("java.class.path"), OwnerProbe.class.getName())
        .redirectError(ProcessBuilder.Redirect.appendTo(scratch().resolve("owner.err").toFile()))
        .start();
  }

  private static String firstLine(Process owner) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line).as("the owner's prefix").isNotNull().matches("jt\\d+x\\d+-");
    return line;
  }

  private static Path runDirectory(String prefix) {
    return RunDirectory.base().resolve(prefix.substring(0, prefix.length() - 1));
  }

  private static List<String> namespacesOf(String prefix) throws Exception {
    return Namespaces.list(RUNNER).stream().filter(n -> n.startsWith(prefix)).toList();
  }

  private static List<Long> pidsOf(String prefix) throws Exception {
    List<Long> pids = new ArrayList<>();
    for (String namespace : namespacesOf(prefix)) {
      pids.addAll(Namespaces.pids(RUNNER, namespace));
    }
    return pids;
  }

  private static boolean alive(long pid) {
    // A killed owner's children are reaped by init, maybe not at once: a zombie counts as gone.
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException gone) {
      return false;
    }
  }

  /** The root namespace's interfaces, read (never changed) to see that none was added. */
  private static List<String> rootLinks() throws Exception {
    return List.of(RUNNER.run("ip", "-o", "link", "show").split("\n")).stream()
        .map(l -> l.split(":\\s+", 3)[1])
        .sorted()
        .toList();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  private static Path scratch() {
    return Path.of(System.getProperty("java.io.tmpdir"), "jmasq-testbed-tests");
  }
}
