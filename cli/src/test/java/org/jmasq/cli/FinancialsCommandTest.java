package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jmasq.identity.Chain;
import org.jmasq.node.database.NodeDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinancialsCommandTest {
  @TempDir Path work;

  @Test
  void an_empty_database_shows_zero_totals() throws Exception {
    NodeDatabase.open(work, Chain.DEV).close();
    CommandRun run =
        CommandRun.of(
            "financials", "--data-directory", work.toString(), "--chain", "dev", "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("\"totalPayableWei\":\"0\"")
        .contains("\"totalReceivableWei\":\"0\"");
  }

  @Test
  void a_database_of_another_chain_is_refused_with_one_line_and_left_as_it_was() throws Exception {
    NodeDatabase.open(work, Chain.DEV).close();
    CommandRun.assertRefused(
        work,
        1,
        "belongs to the chain 'dev', not 'base-sepolia'",
        () ->
            CommandRun.of(
                "financials", "--data-directory", work.toString(), "--chain", "base-sepolia"));
  }

  @Test
  void a_directory_without_a_database_is_a_bad_flag() {
    CommandRun run =
        CommandRun.of("financials", "--data-directory", work.resolve("none").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().startsWith("jmasq: no Node database in");
  }
}
