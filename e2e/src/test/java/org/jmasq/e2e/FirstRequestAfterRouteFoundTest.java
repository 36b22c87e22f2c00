package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user does: start devnet, and the moment it prints "RouteFound. Browse through…", run
 * curl through it. Ten starts in a row, and the first request of each must be served: the
 * announcement means a request would succeed, not that one will a little later.
 */
class FirstRequestAfterRouteFoundTest {
  private static final int STARTS = 10;

  @Test
  @Timeout(900)
  void the_first_curl_after_each_of_ten_announcements_is_served(@TempDir Path work)
      throws Exception {
    try (LocalWebServer web = LocalWebServer.http().serve("/first", "first page")) {
      String url = "http://127.0.0.1:" + web.port() + "/first";
      for (int start = 1; start <= STARTS; start++) {
        Path directory = work.resolve("start-" + start);
        long began = System.nanoTime();
        // Without the local chain: the announcement waits for the Nodes' route either way, and
        // ten chains would only lengthen the run.
        try (Devnet devnet =
            Devnet.start(directory, 7, "--allow-private-targets", "--no-local-chain")) {
          System.out.printf(
              "start %d announced after %d ms%n", start, (System.nanoTime() - began) / 1_000_000);
          Curl.Result result =
              Curl.run(directory.resolve("curl"), "--socks5-hostname", devnet.proxy(), url);

          assertThat(result.exitCode())
              .as("start %d: curl's exit code (stderr: %s)", start, result.stderr())
              .isZero();
          assertThat(new String(result.body(), StandardCharsets.UTF_8))
              .as("start %d", start)
              .isEqualTo("first page");
        }
      }
    }
  }
}
