package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.jmasq.identity.Chain;
import org.jmasq.node.database.NodeDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jmasq financials} with no Node running on its UI port: the database in {@code
 * --data-directory} read by the Node's own handler.
 */
class FinancialsCommandTest {
  @TempDir Path work;

  /** A UI port nothing listens on, so these runs read the database. */
  private static Map<String, String> noNode() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return Map.of("MASQ_UI_PORT", "" + s.getLocalPort());
    }
  }

  private static CommandRun offline(String... args) {
    try {
      return CommandRun.with(noNode(), "", args);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void an_empty_database_shows_zero_totals() throws Exception {
    NodeDatabase.open(work, Chain.DEV).close();
    CommandRun run =
        offline("financials", "--data-directory", work.toString(), "--chain", "dev", "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode stats = new ObjectMapper().readTree(run.out()).get("statsOpt");
    assertThat(stats.get("totalUnpaidAndPendingPayableGwei").asLong()).isZero();
    assertThat(stats.get("totalUnpaidReceivableGwei").asLong()).isZero();
  }

  @Test
  void a_database_of_another_chain_is_refused_with_one_line_and_left_as_it_was() throws Exception {
    NodeDatabase.open(work, Chain.DEV).close();
    CommandRun.assertRefused(
        work,
        1,
        "belongs to the chain 'dev', not 'base-sepolia'",
        () ->
            offline("financials", "--data-directory", work.toString(), "--chain", "base-sepolia"));
  }

  @Test
  void a_directory_without_a_database_is_a_bad_flag() {
    CommandRun run = offline("financials", "--data-directory", work.resolve("none").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().startsWith("jmasq: no Node database in");
  }

  @Test
  void without_a_node_or_a_data_directory_it_says_so_in_one_line() {
    CommandRun run = offline("financials");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("jmasq: No Node is running on UI port")
        .contains("--data-directory");
  }

  @Test
  void a_range_that_is_no_range_is_a_bad_flag() throws Exception {
    NodeDatabase.open(work, Chain.DEV).close();
    CommandRun run =
        offline("financials", "--data-directory", work.toString(), "--payable", "0-10");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().contains("minAge-maxAge|minMASQ-maxMASQ");
  }
}
