package org.jmasq.node.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.jmasq.identity.Chain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database password's key derivation: Argon2id at OWASP's parameters for what is written now,
 * and a database whose secrets were written the old way (PBKDF2-HMAC-SHA256 at 10,240 iterations,
 * format {@code 1:}) opens with its password and is re-encrypted on that first open. The old format
 * is written here as the previous release wrote it, independently of {@link SecretCipher}.
 */
class PasswordKdfMigrationTest {
  private static final byte[] CONSUMING_KEY =
      HexFormat.of().parseHex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
  private static final byte[] NODE_KEY = "node secret".getBytes(StandardCharsets.UTF_8);
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dataDirectory;

  /** A value sealed as the previous release sealed it: PBKDF2 (10,240), AES-GCM, row as AAD. */
  private static String sealedTheOldWay(byte[] plain, String password, String row)
      throws Exception {
    byte[] salt = new byte[16];
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(salt);
    RANDOM.nextBytes(nonce);
    byte[] key =
        SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 10_240, 256))
            .getEncoded();
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    cipher.updateAAD(row.getBytes(StandardCharsets.UTF_8));
    byte[] sealed = cipher.doFinal(plain);
    return "1:"
        + HexFormat.of().formatHex(salt)
        + HexFormat.of().formatHex(nonce)
        + HexFormat.of().formatHex(sealed);
  }

  private Connection raw() throws Exception {
    return DriverManager.getConnection(
        "jdbc:sqlite:" + dataDirectory.resolve(NodeDatabase.FILE_NAME));
  }

  /** A database with a password and two secrets, all in the old format. */
  private void makeOldDatabase(String password) throws Exception {
    NodeDatabase.open(dataDirectory, Chain.DEV).close();
    byte[] example = new byte[32];
    RANDOM.nextBytes(example);
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put(
        ConfigTable.EXAMPLE_ENCRYPTED,
        sealedTheOldWay(example, password, ConfigTable.EXAMPLE_ENCRYPTED));
    rows.put(
        ConfigTable.CONSUMING_WALLET_PRIVATE_KEY,
        sealedTheOldWay(CONSUMING_KEY, password, ConfigTable.CONSUMING_WALLET_PRIVATE_KEY));
    rows.put(
        ConfigTable.LAST_CRYPTDE, sealedTheOldWay(NODE_KEY, password, ConfigTable.LAST_CRYPTDE));
    try (Connection c = raw();
        PreparedStatement u = c.prepareStatement("UPDATE config SET value = ? WHERE name = ?")) {
      for (Map.Entry<String, String> row : rows.entrySet()) {
        u.setString(1, row.getValue());
        u.setString(2, row.getKey());
        u.executeUpdate();
      }
    }
  }

  /** The stored text of each secret that is set, by row. */
  private Map<String, String> storedSecrets() throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    try (Connection c = raw();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT name, value FROM config WHERE encrypted = 1 AND value IS NOT NULL");
        ResultSet r = q.executeQuery()) {
      while (r.next()) {
        out.put(r.getString(1), r.getString(2));
      }
    }
    return out;
  }

  @Test
  void a_database_written_with_the_old_kdf_opens_with_its_password_and_is_re_encrypted()
      throws Exception {
    makeOldDatabase("pw");
    assertThat(storedSecrets().values()).hasSize(3).allMatch(v -> v.startsWith("1:"));

    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV, Optional.of("pw"))) {
      assertThat(db.config().secret(ConfigTable.CONSUMING_WALLET_PRIVATE_KEY, "pw"))
          .hasValueSatisfying(k -> assertThat(k).isEqualTo(CONSUMING_KEY));
    }

    assertThat(storedSecrets().keySet())
        .containsExactlyInAnyOrder(
            ConfigTable.EXAMPLE_ENCRYPTED,
            ConfigTable.CONSUMING_WALLET_PRIVATE_KEY,
            ConfigTable.LAST_CRYPTDE);
    assertThat(storedSecrets().values()).allMatch(v -> v.startsWith("2:"));
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV, Optional.of("pw"))) {
      assertThat(db.config().checkPassword("pw")).isTrue();
      assertThat(db.config().checkPassword("other")).isFalse();
      assertThat(db.config().secret(ConfigTable.LAST_CRYPTDE, "pw"))
          .hasValueSatisfying(k -> assertThat(k).isEqualTo(NODE_KEY));
    }
  }

  @Test
  void a_wrong_password_or_none_leaves_the_old_values_as_they_were() throws Exception {
    makeOldDatabase("pw");
    Map<String, String> before = storedSecrets();

    assertThatThrownBy(() -> NodeDatabase.open(dataDirectory, Chain.DEV, Optional.of("wrong")))
        .isInstanceOf(WrongPasswordException.class);
    NodeDatabase.open(dataDirectory, Chain.DEV).close();

    assertThat(storedSecrets()).isEqualTo(before);
  }

  @Test
  void changing_the_password_of_an_old_database_re_encrypts_every_secret_with_argon2id()
      throws Exception {
    makeOldDatabase("old");
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      db.config().changePassword(Optional.of("old"), "new");
      assertThat(db.config().secret(ConfigTable.CONSUMING_WALLET_PRIVATE_KEY, "new"))
          .hasValueSatisfying(k -> assertThat(k).isEqualTo(CONSUMING_KEY));
    }
    assertThat(storedSecrets().values()).hasSize(3).allMatch(v -> v.startsWith("2:"));
  }

  @Test
  void a_value_is_sealed_under_argon2id_with_19_mib_2_passes_and_1_lane() throws Exception {
    String stored;
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      db.config().changePassword(Optional.empty(), "pw");
      db.config().setSecret(ConfigTable.LAST_CRYPTDE, NODE_KEY, "pw");
    }
    stored = storedSecrets().get(ConfigTable.LAST_CRYPTDE);
    assertThat(stored).startsWith("2:");
    byte[] all = HexFormat.of().parseHex(stored.substring(2));

    // Derived here with the parameters OWASP recommends, not through SecretCipher.
    Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
    argon2.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(19 * 1024)
            .withIterations(2)
            .withParallelism(1)
            .withSalt(Arrays.copyOfRange(all, 0, 16))
            .build());
    byte[] key = new byte[32];
    argon2.generateBytes("pw".getBytes(StandardCharsets.UTF_8), key);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, all, 16, 12));
    cipher.updateAAD(ConfigTable.LAST_CRYPTDE.getBytes(StandardCharsets.UTF_8));

    assertThat(cipher.doFinal(all, 28, all.length - 28)).isEqualTo(NODE_KEY);
  }
}
