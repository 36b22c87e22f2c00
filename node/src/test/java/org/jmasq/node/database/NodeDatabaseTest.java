package org.jmasq.node.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeDatabaseTest {
  private static final Wallet ALICE = Wallet.parse("0x" + "a1".repeat(20));
  @TempDir Path dataDirectory;

  private List<String> tables(Path file) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
      while (r.next()) {
        names.add(r.getString(1));
      }
    }
    return names;
  }

  @Test
  void a_new_database_and_its_log_are_readable_by_their_owner_only() throws Exception {
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      db.config().set("rate_pack", "1|2|3|4");
      for (String name : List.of(NodeDatabase.FILE_NAME, NodeDatabase.FILE_NAME + "-wal")) {
        assertThat(java.nio.file.Files.getPosixFilePermissions(dataDirectory.resolve(name)))
            .as(name)
            .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      }
    }
  }

  @Test
  void a_new_database_is_migrated_from_empty_to_the_latest_schema() throws Exception {
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      assertThat(db.schemaVersion()).isEqualTo(Migrations.LATEST);
      assertThat(db.config().get(ConfigTable.SCHEMA_VERSION))
          .contains(Integer.toString(Migrations.LATEST));
      assertThat(db.config().get(ConfigTable.CHAIN_NAME)).contains("dev");
      assertThat(db.config().get("payment_thresholds"))
          .contains("1000000000|1200|1200|500000000|21600|500000000");
      assertThat(db.config().get("scan_intervals")).contains("600|600|600");
      assertThat(db.config().get("rate_pack")).contains("53844|53844|107688|107688");
    }
    assertThat(tables(dataDirectory.resolve(NodeDatabase.FILE_NAME)))
        .containsExactly("banned", "config", "payable", "pending_payable", "receivable");
  }

  @Test
  void a_database_of_schema_version_one_gains_the_mnemonic_seed_row_and_keeps_its_data()
      throws Exception {
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      db.payables().addDebt(ALICE, Wei.of(77), Instant.ofEpochSecond(5));
    }
    // Turn the file back into what version 1 made: no mnemonic_seed row, version 1 in both places.
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:sqlite:" + dataDirectory.resolve(NodeDatabase.FILE_NAME));
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM config WHERE name IN ('mnemonic_seed', 'exit_location')");
      s.execute("UPDATE config SET value = '1' WHERE name = 'schema_version'");
      s.execute("PRAGMA user_version = 1");
    }

    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      assertThat(db.schemaVersion()).isEqualTo(Migrations.LATEST);
      assertThat(db.config().get(ConfigTable.SCHEMA_VERSION))
          .contains(Integer.toString(Migrations.LATEST));
      assertThat(db.payables().get(ALICE).orElseThrow().balance()).isEqualTo(Wei.of(77));
      db.config().changePassword(java.util.Optional.empty(), "pw");
      assertThat(db.config().secret(ConfigTable.MNEMONIC_SEED, "pw")).isEmpty();
    }
  }

  @Test
  void
      a_wrong_password_is_refused_before_an_older_schema_is_migrated_and_the_file_is_left_as_it_was()
          throws Exception {
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      db.config().changePassword(java.util.Optional.empty(), "pw");
    }
    Path file = dataDirectory.resolve(NodeDatabase.FILE_NAME);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM config WHERE name IN ('mnemonic_seed', 'exit_location')");
      s.execute("UPDATE config SET value = '1' WHERE name = 'schema_version'");
      s.execute("PRAGMA user_version = 1");
    }
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(
            () -> NodeDatabase.open(dataDirectory, Chain.DEV, java.util.Optional.of("guess")))
        .isInstanceOf(WrongPasswordException.class)
        .hasMessage("The database password is wrong; nothing was changed");

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    try (NodeDatabase db =
        NodeDatabase.open(dataDirectory, Chain.DEV, java.util.Optional.of("pw"))) {
      assertThat(db.schemaVersion())
          .as("migrated once the password is right")
          .isEqualTo(Migrations.LATEST);
    }
  }

  @Test
  void the_database_uses_write_ahead_logging() throws Exception {
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      assertThat(db.journalMode()).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void a_missing_data_directory_is_created() throws Exception {
    Path nested = dataDirectory.resolve("a/b/dev");
    try (NodeDatabase db = NodeDatabase.open(nested, Chain.DEV)) {
      assertThat(db.file()).isEqualTo(nested.resolve(NodeDatabase.FILE_NAME));
    }
    assertThat(nested.resolve(NodeDatabase.FILE_NAME)).exists();
  }

  @Test
  void reopening_keeps_the_data_and_migrates_nothing_again() throws Exception {
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      db.payables().addDebt(ALICE, Wei.of(77), Instant.ofEpochSecond(5));
    }
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      assertThat(db.payables().get(ALICE).orElseThrow().balance()).isEqualTo(Wei.of(77));
      assertThat(db.schemaVersion()).isEqualTo(Migrations.LATEST);
    }
  }

  @Test
  void opening_with_another_chain_is_refused_clearly_and_leaves_the_file_untouched()
      throws Exception {
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      db.payables().addDebt(ALICE, Wei.of(1), Instant.ofEpochSecond(5));
    }
    Path file = dataDirectory.resolve(NodeDatabase.FILE_NAME);
    FileSnapshot before = FileSnapshot.of(file);
    Thread.sleep(5);

    assertThatThrownBy(() -> NodeDatabase.open(dataDirectory, Chain.BASE_MAINNET))
        .isInstanceOf(WrongChainException.class)
        .hasMessageContaining("belongs to the chain 'dev', not 'base-mainnet'")
        .hasMessageContaining("--chain dev")
        .hasMessageContaining("left unchanged");

    assertThat(FileSnapshot.of(file)).isEqualTo(before);
  }

  @Test
  void a_file_that_is_not_a_database_is_refused_with_its_name_and_left_alone() throws Exception {
    Path file = dataDirectory.resolve(NodeDatabase.FILE_NAME);
    Files.writeString(
        file, "this is not SQLite, and it is long enough to have a header of sorts.......");
    FileSnapshot before = FileSnapshot.of(file);
    assertThatThrownBy(() -> NodeDatabase.open(dataDirectory, Chain.DEV))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining(file.toString());
    assertThat(FileSnapshot.of(file)).isEqualTo(before);
  }

  @Test
  void a_schema_newer_than_this_build_is_refused_and_left_alone() throws Exception {
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      assertThat(db.schemaVersion()).isEqualTo(Migrations.LATEST);
    }
    Path file = dataDirectory.resolve(NodeDatabase.FILE_NAME);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = " + (Migrations.LATEST + 1));
    }
    FileSnapshot before = FileSnapshot.of(file);
    assertThatThrownBy(() -> NodeDatabase.open(dataDirectory, Chain.DEV))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("newer than this JMasq understands");
    assertThat(FileSnapshot.of(file)).isEqualTo(before);
  }

  @Test
  void a_failure_inside_an_atomic_step_undoes_every_dao_call_in_it() throws Exception {
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      assertThatThrownBy(
              () ->
                  db.atomically(
                      "two steps",
                      () -> {
                        long rowid =
                            db.pendingPayables()
                                .record(
                                    "0x" + "cd".repeat(32),
                                    ALICE,
                                    Wei.of(5),
                                    1,
                                    Wei.of(1),
                                    Instant.EPOCH);
                        db.payables().markPending(ALICE, rowid);
                      }))
          .isInstanceOf(DatabaseException.class)
          .hasMessageContaining("No debt to " + ALICE);
      assertThat(db.pendingPayables().all()).isEmpty();
      db.payables().addDebt(ALICE, Wei.of(1), Instant.EPOCH);
      assertThat(db.payables().all()).hasSize(1);
    }
  }

  @Test
  void pending_payments_are_recorded_counted_failed_and_deleted() throws Exception {
    String hash = "0x" + "ab".repeat(32);
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      SqlitePendingPayableDao pending = db.pendingPayables();
      long rowid =
          pending.record(hash, ALICE, Wei.MAX, 7, Wei.ofGwei(3), Instant.ofEpochSecond(10));
      pending.incrementAttempt(rowid);
      pending.markFailed(rowid, "ERROR");
      PendingPayable p = pending.all().get(0);
      assertThat(p.rowid()).isEqualTo(rowid);
      assertThat(p.transactionHash()).isEqualTo(hash);
      assertThat(p.creditor()).isEqualTo(ALICE);
      assertThat(p.amount()).isEqualTo(Wei.MAX);
      assertThat(p.nonce()).isEqualTo(7);
      assertThat(p.gasPrice()).isEqualTo(Wei.ofGwei(3));
      assertThat(p.attempt()).isEqualTo(2);
      assertThat(p.processError()).contains("ERROR");
      assertThatThrownBy(
              () ->
                  pending.record(
                      hash, ALICE, Wei.of(1), 8, Wei.ofGwei(3), Instant.ofEpochSecond(11)))
          .isInstanceOf(DatabaseException.class)
          .hasMessageContaining(hash);
      pending.delete(rowid);
      assertThat(pending.all()).isEmpty();
      assertThatThrownBy(
              () -> pending.record("0xAB", ALICE, Wei.of(1), 9, Wei.ofGwei(3), Instant.EPOCH))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
