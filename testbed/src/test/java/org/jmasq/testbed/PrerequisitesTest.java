package org.jmasq.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PrerequisitesTest {

  @Test
  void a_machine_without_the_tools_is_refused_in_one_sentence_before_anything_is_made()
      throws Exception {
    Root.required();
    String java = ProcessHandle.current().info().command().orElseThrow();
    ProcessBuilder probe =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), BuildProbe.class.getName())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    probe.environment().put("PATH", "/nonexistent");
    Process process = probe.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(out.strip())
        .isEqualTo(
            "MissingPrerequisiteException: The testbed needs ip, ss, sysctl, nft, miniupnpd on the"
                + " PATH (Debian: apt-get install iproute2 nftables miniupnpd procps).");
    assertThat(RunDirectory.stemsOnDisk()).noneMatch(s -> s.startsWith("jt" + process.pid() + "x"));
  }
}
