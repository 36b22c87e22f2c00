package org.jmasq.node.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeAddr;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.node.database.ConfigTable;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptSecretsTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  @TempDir Path directory;

  private NodeFiles files() {
    return new NodeFiles(directory);
  }

  private static NodeDescriptor neighbor(Chain chain, int lastOctet) throws Exception {
    return new NodeDescriptor(
        chain,
        NodeKeyPair.generate(RANDOM).publicKey(),
        Optional.of(NodeAddr.of(InetAddress.getByName("10.0.0." + lastOctet), 4000 + lastOctet)));
  }

  private NodeDatabase database(Optional<String> password) throws DatabaseException {
    NodeDatabase db = NodeDatabase.open(directory, Chain.DEV);
    if (password.isPresent() && !db.config().hasPassword()) {
      db.config().changePassword(Optional.empty(), password.get());
    }
    return db;
  }

  private KeptSecrets open(NodeDatabase db, Optional<String> password) throws Exception {
    return KeptSecrets.open(files(), db, password, Chain.DEV, RANDOM);
  }

  /** Every byte the database keeps on disk: the file and its write-ahead log. */
  private byte[] databaseBytes() throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (Stream<Path> paths = Files.list(directory)) {
      for (Path p :
          paths
              .filter(p -> p.getFileName().toString().startsWith(NodeDatabase.FILE_NAME))
              .toList()) {
        all.write(Files.readAllBytes(p));
      }
    }
    return all.toByteArray();
  }

  private static boolean contains(byte[] haystack, String needle) {
    return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
  }

  @Test
  void
      with_a_password_the_key_and_the_past_neighbors_are_kept_encrypted_in_the_database_and_in_no_file()
          throws Exception {
    List<NodeDescriptor> neighbors = List.of(neighbor(Chain.DEV, 1), neighbor(Chain.DEV, 2));
    NodeKeyPair keys;
    try (NodeDatabase db = database(Optional.of("pw"))) {
      KeptSecrets kept = open(db, Optional.of("pw"));
      keys = kept.nodeKeys();
      assertThat(kept.pastNeighbors()).isEmpty();
      kept.keepPastNeighbors(neighbors);
      assertThat(contains(databaseBytes(), keys.toSecretString())).as("the key in clear").isFalse();
      assertThat(contains(databaseBytes(), keys.toSecretString().split(",")[1]))
          .as("the signing key in clear")
          .isFalse();
      assertThat(contains(databaseBytes(), "10.0.0.1"))
          .as("a neighbor's address in clear")
          .isFalse();
    }
    assertThat(directory.resolve("node-key")).doesNotExist();
    assertThat(directory.resolve("past-neighbors")).doesNotExist();

    try (NodeDatabase db = database(Optional.of("pw"))) {
      KeptSecrets again = open(db, Optional.of("pw"));
      assertThat(again.nodeKeys().toSecretString()).isEqualTo(keys.toSecretString());
      assertThat(again.pastNeighbors()).hasToString(neighbors.toString());
    }
  }

  @Test
  void
      a_key_and_neighbors_an_earlier_run_kept_in_files_move_into_the_database_when_a_password_is_given()
          throws Exception {
    List<NodeDescriptor> neighbors = List.of(neighbor(Chain.DEV, 3));
    NodeKeyPair keys;
    try (NodeDatabase db = database(Optional.empty())) {
      KeptSecrets kept = open(db, Optional.empty());
      keys = kept.nodeKeys();
      kept.keepPastNeighbors(neighbors);
    }
    Path keyFile = directory.resolve("node-key");
    assertThat(keyFile).exists();
    assertThat(Files.getPosixFilePermissions(keyFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(directory.resolve("past-neighbors")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    try (NodeDatabase db = database(Optional.of("pw"))) {
      KeptSecrets moved = open(db, Optional.of("pw"));
      assertThat(moved.nodeKeys().toSecretString())
          .as("the Node keeps its identity")
          .isEqualTo(keys.toSecretString());
      assertThat(moved.pastNeighbors()).hasToString(neighbors.toString());
    }
    assertThat(keyFile).doesNotExist();
    assertThat(directory.resolve("past-neighbors")).doesNotExist();
    // A half-written copy a killed run left goes too, on the next start.
    Files.writeString(directory.resolve("past-neighbors.tmp"), neighbors.get(0).toString());
    try (NodeDatabase db = database(Optional.of("pw"))) {
      assertThat(open(db, Optional.of("pw")).nodeKeys().toSecretString())
          .isEqualTo(keys.toSecretString());
    }
    assertThat(directory.resolve("past-neighbors.tmp")).doesNotExist();
  }

  @Test
  void after_a_password_change_the_same_key_and_neighbors_open_under_the_new_password()
      throws Exception {
    List<NodeDescriptor> neighbors = List.of(neighbor(Chain.DEV, 4));
    NodeKeyPair keys;
    try (NodeDatabase db = database(Optional.of("old"))) {
      KeptSecrets kept = open(db, Optional.of("old"));
      keys = kept.nodeKeys();
      kept.keepPastNeighbors(neighbors);
      db.config().changePassword(Optional.of("old"), "new");
    }
    try (NodeDatabase db = database(Optional.of("new"))) {
      KeptSecrets reopened = open(db, Optional.of("new"));
      assertThat(reopened.nodeKeys().toSecretString()).isEqualTo(keys.toSecretString());
      assertThat(reopened.pastNeighbors()).hasToString(neighbors.toString());
      assertThatThrownBy(() -> db.config().secret(ConfigTable.LAST_CRYPTDE, "old"))
          .isInstanceOf(DatabaseException.class);
    }
  }

  @Test
  void
      without_the_password_an_encrypted_key_gives_a_key_for_this_run_only_and_that_run_keeps_nothing()
          throws Exception {
    NodeKeyPair keys;
    try (NodeDatabase db = database(Optional.of("pw"))) {
      KeptSecrets kept = open(db, Optional.of("pw"));
      keys = kept.nodeKeys();
      kept.keepPastNeighbors(List.of(neighbor(Chain.DEV, 5)));
    }
    try (NodeDatabase db = NodeDatabase.open(directory, Chain.DEV)) {
      KeptSecrets temporary = open(db, Optional.empty());
      KeptSecrets another = open(db, Optional.empty());
      assertThat(temporary.nodeKeys().publicKey()).isNotEqualTo(keys.publicKey());
      assertThat(another.nodeKeys().publicKey()).isNotEqualTo(temporary.nodeKeys().publicKey());
      assertThat(temporary.pastNeighbors()).isEmpty();
      temporary.keepPastNeighbors(List.of(neighbor(Chain.DEV, 6)));
    }
    assertThat(directory.resolve("node-key")).doesNotExist();
    assertThat(directory.resolve("past-neighbors")).doesNotExist();
    try (NodeDatabase db = database(Optional.of("pw"))) {
      KeptSecrets kept = open(db, Optional.of("pw"));
      assertThat(kept.nodeKeys().toSecretString()).isEqualTo(keys.toSecretString());
      assertThat(kept.pastNeighbors()).hasSize(1);
    }
  }

  @Test
  void a_damaged_kept_key_is_refused_with_a_clear_error() throws Exception {
    try (NodeDatabase db = database(Optional.of("pw"))) {
      db.config()
          .setSecret(ConfigTable.LAST_CRYPTDE, "not a key".getBytes(StandardCharsets.UTF_8), "pw");
      assertThatThrownBy(() -> open(db, Optional.of("pw")))
          .isInstanceOf(DatabaseException.class)
          .hasMessageContaining("Node key")
          .hasMessageContaining("damaged");
    }
  }

  @Test
  void past_neighbors_of_another_chain_and_unreadable_lines_are_skipped() throws Exception {
    NodeDescriptor mine = neighbor(Chain.DEV, 7);
    String text =
        mine + "\n" + neighbor(Chain.BASE_MAINNET, 8) + "\nmasq://dev:not-a-key@1.2.3.4:5\n\n";
    assertThat(KeptSecrets.parseNeighbors(text, Chain.DEV)).hasToString(List.of(mine).toString());
  }
}
