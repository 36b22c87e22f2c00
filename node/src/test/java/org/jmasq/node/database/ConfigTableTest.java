package org.jmasq.node.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTableTest {
  private static final byte[] KEY =
      HexFormat.of().parseHex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
  private static final byte[] NODE_KEY =
      "node secret,node secret".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  @TempDir Path dataDirectory;

  private NodeDatabase open() throws DatabaseException {
    return NodeDatabase.open(dataDirectory, Chain.DEV);
  }

  @Test
  void a_new_database_has_no_password_and_refuses_secrets_until_one_is_set() throws Exception {
    try (NodeDatabase db = open()) {
      assertThat(db.config().hasPassword()).isFalse();
      assertThat(db.config().checkPassword("anything")).isFalse();
      assertThatThrownBy(() -> db.config().setSecret(ConfigTable.LAST_CRYPTDE, NODE_KEY, "pw"))
          .isInstanceOf(WrongPasswordException.class)
          .hasMessageContaining("No database password is set");
      db.config().changePassword(Optional.empty(), "pw");
      assertThat(db.config().hasPassword()).isTrue();
      assertThat(db.config().checkPassword("pw")).isTrue();
      assertThat(db.config().checkPassword("PW")).isFalse();
    }
  }

  @Test
  void secrets_round_trip_and_never_appear_in_clear_in_the_file() throws Exception {
    try (NodeDatabase db = open()) {
      db.config().changePassword(Optional.empty(), "pw");
      db.config().keepConsumingKey(KEY, "pw");
      db.config().setSecret(ConfigTable.LAST_CRYPTDE, NODE_KEY, "pw");
      assertThat(db.config().secret(ConfigTable.CONSUMING_WALLET_PRIVATE_KEY, "pw"))
          .hasValueSatisfying(k -> assertThat(k).isEqualTo(KEY));
      assertThat(db.config().secret(ConfigTable.PAST_NEIGHBORS, "pw")).isEmpty();
    }
    byte[] file = Files.readAllBytes(dataDirectory.resolve(NodeDatabase.FILE_NAME));
    String asText = new String(file, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(asText).doesNotContain(HexFormat.of().formatHex(KEY)).doesNotContain("node secret");
    assertThat(indexOf(file, KEY)).isEqualTo(-1);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void a_wrong_password_is_refused_and_the_file_is_untouched() throws Exception {
    try (NodeDatabase db = open()) {
      db.config().changePassword(Optional.empty(), "right");
      db.config().keepConsumingKey(KEY, "right");
    }
    Path file = dataDirectory.resolve(NodeDatabase.FILE_NAME);
    FileSnapshot before = FileSnapshot.of(file);
    Thread.sleep(5);
    try (NodeDatabase db = open()) {
      assertThatThrownBy(
              () -> db.config().secret(ConfigTable.CONSUMING_WALLET_PRIVATE_KEY, "wrong"))
          .isInstanceOf(WrongPasswordException.class)
          .hasMessageContaining("password is wrong");
      assertThatThrownBy(() -> db.config().changePassword(Optional.of("wrong"), "new"))
          .isInstanceOf(WrongPasswordException.class);
      assertThatThrownBy(() -> db.config().setSecret(ConfigTable.PAST_NEIGHBORS, NODE_KEY, "wrong"))
          .isInstanceOf(WrongPasswordException.class);
      assertThatThrownBy(() -> db.config().keepConsumingKey(KEY, "wrong"))
          .isInstanceOf(WrongPasswordException.class);
      assertThatThrownBy(() -> db.config().changePassword(Optional.empty(), "new"))
          .isInstanceOf(WrongPasswordException.class)
          .hasMessageContaining("already set");
    }
    assertThat(FileSnapshot.of(file)).isEqualTo(before);
  }

  @Test
  void a_password_change_re_encrypts_every_secret() throws Exception {
    try (NodeDatabase db = open()) {
      db.config().changePassword(Optional.empty(), "old");
      db.config().keepConsumingKey(KEY, "old");
      db.config().setSecret(ConfigTable.LAST_CRYPTDE, NODE_KEY, "old");
      db.config().setSecret(ConfigTable.PAST_NEIGHBORS, new byte[] {1, 2, 3}, "old");
      String keyBefore = storedValue(db, ConfigTable.CONSUMING_WALLET_PRIVATE_KEY);

      db.config().changePassword(Optional.of("old"), "new");

      assertThat(db.config().checkPassword("old")).isFalse();
      assertThat(db.config().checkPassword("new")).isTrue();
      assertThat(storedValue(db, ConfigTable.CONSUMING_WALLET_PRIVATE_KEY)).isNotEqualTo(keyBefore);
      assertThat(db.config().secret(ConfigTable.CONSUMING_WALLET_PRIVATE_KEY, "new"))
          .hasValueSatisfying(k -> assertThat(k).isEqualTo(KEY));
      assertThat(db.config().secret(ConfigTable.LAST_CRYPTDE, "new"))
          .hasValueSatisfying(k -> assertThat(k).isEqualTo(NODE_KEY));
      assertThat(db.config().secret(ConfigTable.PAST_NEIGHBORS, "new"))
          .hasValueSatisfying(k -> assertThat(k).containsExactly(1, 2, 3));
      assertThatThrownBy(() -> db.config().secret(ConfigTable.LAST_CRYPTDE, "old"))
          .isInstanceOf(WrongPasswordException.class);
    }
  }

  private static String storedValue(NodeDatabase db, String name) throws DatabaseException {
    return db.inTransaction(
        "peek",
        c -> {
          try (var q = c.prepareStatement("SELECT value FROM config WHERE name = ?")) {
            q.setString(1, name);
            try (var r = q.executeQuery()) {
              r.next();
              return r.getString(1);
            }
          }
        });
  }

  @Test
  void a_secret_moved_to_another_row_does_not_decrypt() throws Exception {
    try (NodeDatabase db = open()) {
      db.config().changePassword(Optional.empty(), "pw");
      db.config().setSecret(ConfigTable.LAST_CRYPTDE, NODE_KEY, "pw");
      String sealed = storedValue(db, ConfigTable.LAST_CRYPTDE);
      db.inTransaction(
          "tamper",
          c -> {
            try (var u = c.prepareStatement("UPDATE config SET value = ? WHERE name = ?")) {
              u.setString(1, sealed);
              u.setString(2, ConfigTable.PAST_NEIGHBORS);
              return u.executeUpdate();
            }
          });
      assertThatThrownBy(() -> db.config().secret(ConfigTable.PAST_NEIGHBORS, "pw"))
          .isInstanceOf(DatabaseException.class)
          .hasMessageContaining("damaged");
    }
  }

  @Test
  void the_consuming_key_and_the_earning_wallet_cannot_be_replaced_once_kept() throws Exception {
    Wallet earning = Wallet.parse("0x" + "e1".repeat(20));
    try (NodeDatabase db = open()) {
      db.config().changePassword(Optional.empty(), "pw");
      db.config().keepConsumingKey(KEY, "pw");
      db.config().keepConsumingKey(KEY, "pw");
      byte[] other = KEY.clone();
      other[0] ^= 1;
      assertThatThrownBy(() -> db.config().keepConsumingKey(other, "pw"))
          .isInstanceOf(DatabaseException.class)
          .hasMessageContaining("cannot be replaced");
      db.config().keepEarningWallet(earning);
      db.config().keepEarningWallet(earning);
      assertThatThrownBy(() -> db.config().keepEarningWallet(Wallet.parse("0x" + "e2".repeat(20))))
          .isInstanceOf(DatabaseException.class)
          .hasMessageContaining("cannot be replaced");
      assertThat(db.config().get(ConfigTable.EARNING_WALLET_ADDRESS)).contains(earning.toString());
    }
  }

  @Test
  void the_mnemonic_seed_is_a_secret_kept_once_and_re_encrypted_with_the_others() throws Exception {
    byte[] seed = new byte[64];
    java.util.Arrays.fill(seed, (byte) 7);
    try (NodeDatabase db = open()) {
      db.config().changePassword(Optional.empty(), "old");
      assertThat(db.config().secret(ConfigTable.MNEMONIC_SEED, "old")).isEmpty();
      db.config().keepMnemonicSeed(seed, "old");
      db.config().keepMnemonicSeed(seed, "old");
      byte[] other = seed.clone();
      other[63] ^= 1;
      assertThatThrownBy(() -> db.config().keepMnemonicSeed(other, "old"))
          .isInstanceOf(DatabaseException.class)
          .hasMessageContaining("A different mnemonic seed is already kept");
      assertThatThrownBy(() -> db.config().keepMnemonicSeed(seed, "wrong"))
          .isInstanceOf(WrongPasswordException.class);

      db.config().changePassword(Optional.of("old"), "new");

      assertThat(db.config().secret(ConfigTable.MNEMONIC_SEED, "new"))
          .hasValueSatisfying(s -> assertThat(s).isEqualTo(seed));
    }
    byte[] file = Files.readAllBytes(dataDirectory.resolve(NodeDatabase.FILE_NAME));
    assertThat(indexOf(file, seed)).isEqualTo(-1);
    // Values are stored as text: the seed in clear would be its hex digits.
    String hex = HexFormat.of().formatHex(seed);
    assertThat(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(hex)
        .doesNotContain(hex.toUpperCase());
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + dataDirectory.resolve(NodeDatabase.FILE_NAME));
        java.sql.ResultSet r =
            c.createStatement()
                .executeQuery("SELECT value FROM config WHERE name = 'mnemonic_seed'")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1))
          .as("sealed in the secrets' format (Argon2id)")
          .startsWith("2:")
          .doesNotContain(hex);
    }
  }

  @Test
  void clear_values_and_secrets_are_not_mixed_up() throws Exception {
    try (NodeDatabase db = open()) {
      assertThatThrownBy(() -> db.config().get(ConfigTable.CONSUMING_WALLET_PRIVATE_KEY))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> db.config().set(ConfigTable.LAST_CRYPTDE, "x"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> db.config().get("no_such_row"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no_such_row");
      db.config().set("start_block", "1234");
      assertThat(db.config().get("start_block")).contains("1234");
    }
  }
}
