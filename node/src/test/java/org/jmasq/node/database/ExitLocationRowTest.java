package org.jmasq.node.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jmasq.identity.Chain;
import org.jmasq.neighborhood.route.ExitPreferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExitLocationRowTest {
  @TempDir Path dataDirectory;

  @Test
  void a_new_database_keeps_no_choice_and_a_kept_one_is_read_back_after_reopening()
      throws Exception {
    ExitPreferences chosen = ExitPreferences.parse("CZ,PL|SK", false);
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      assertThat(ExitLocationRow.load(db.config())).isEmpty();
      ExitLocationRow.store(db.config(), chosen);
    }

    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      assertThat(ExitLocationRow.load(db.config())).contains(chosen);
    }
  }

  @Test
  void the_row_reads_both_modes_and_ignores_what_it_cannot_read() {
    assertThat(ExitLocationRow.read("fallback;")).contains(ExitPreferences.NONE);
    assertThat(ExitLocationRow.read("strict;FR")).contains(ExitPreferences.parse("FR", false));
    assertThat(ExitLocationRow.read("FR")).isEmpty();
    assertThat(ExitLocationRow.read("maybe;FR")).isEmpty();
    assertThat(ExitLocationRow.read("strict;FRA")).isEmpty();
  }
}
