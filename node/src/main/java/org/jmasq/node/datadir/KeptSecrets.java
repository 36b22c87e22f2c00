package org.jmasq.node.datadir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.node.database.ConfigTable;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a Node keeps its key and the neighbors it had.
 *
 * <p>With a database password both are secrets in the database ({@code last_cryptde} and {@code
 * past_neighbors}), encrypted under it, and re-encrypted when the password changes. A key or
 * neighbor list that an earlier run without a password left in files is moved in and the files
 * deleted. Without a password the key stays in a file only its owner can read, as an SSH host key
 * does, so the Node still rejoins as itself; its past neighbors likewise.
 *
 * <p>A database whose key is encrypted, opened without the password, cannot give its key: that run
 * uses a new key it does not keep (the reference does the same), and keeps no neighbors.
 *
 * @param nodeKeys the Node's key pair, as kept (or made and kept now)
 * @param pastNeighbors the neighbors of the last run on this chain, to reconnect to
 * @param keeper keeps the current neighbors; it logs failures and never throws (they only slow a
 *     restart)
 */
public record KeptSecrets(
    NodeKeyPair nodeKeys,
    List<NodeDescriptor> pastNeighbors,
    Consumer<List<NodeDescriptor>> keeper) {
  private static final Logger log = LoggerFactory.getLogger(KeptSecrets.class);

  public KeptSecrets {
    pastNeighbors = List.copyOf(pastNeighbors);
  }

  public void keepPastNeighbors(List<NodeDescriptor> neighbors) {
    keeper.accept(neighbors);
  }

  /** Names the key by its public half only. */
  @Override
  public String toString() {
    return "KeptSecrets[" + nodeKeys.publicKey() + ", " + pastNeighbors.size() + " past neighbors]";
  }

  /** For a Node without a database (zero-hop), or without a password: its key in a file. */
  public static KeptSecrets inFiles(NodeFiles files, Chain chain, SecureRandom random)
      throws IOException {
    return new KeptSecrets(
        files.nodeKeys(random), files.pastNeighbors(chain), files::keepPastNeighbors);
  }

  /**
   * Reads what the data directory keeps. The password, when given, has been checked already (and
   * set, on a database that had none).
   */
  public static KeptSecrets open(
      NodeFiles files,
      NodeDatabase database,
      Optional<String> password,
      Chain chain,
      SecureRandom random)
      throws IOException, DatabaseException {
    if (password.isPresent()) {
      return inDatabase(files, database, password.get(), chain, random);
    }
    if (database.config().holdsSecret(ConfigTable.LAST_CRYPTDE)) {
      log.warn(
          "This Node's key is kept encrypted in {}; without --db-password this run uses a new key, and its neighbors"
              + " will see a new Node",
          database.file());
      return new KeptSecrets(NodeKeyPair.generate(random), List.of(), neighbors -> {});
    }
    return inFiles(files, chain, random);
  }

  private static KeptSecrets inDatabase(
      NodeFiles files, NodeDatabase database, String password, Chain chain, SecureRandom random)
      throws IOException, DatabaseException {
    ConfigTable config = database.config();
    Optional<byte[]> keptKey = config.secret(ConfigTable.LAST_CRYPTDE, password);
    NodeKeyPair keys;
    if (keptKey.isPresent()) {
      keys = parseKey(keptKey.get(), database);
    } else {
      // A key an earlier run kept in a file is this Node's identity: move it in, do not replace it.
      keys = files.hasNodeKey() ? files.nodeKeys(random) : NodeKeyPair.generate(random);
      byte[] secret = keys.toSecretString().getBytes(StandardCharsets.UTF_8);
      config.setSecret(ConfigTable.LAST_CRYPTDE, secret, password);
      Arrays.fill(secret, (byte) 0);
    }
    Optional<byte[]> keptNeighbors = config.secret(ConfigTable.PAST_NEIGHBORS, password);
    List<NodeDescriptor> past;
    if (keptNeighbors.isPresent()) {
      past = parseNeighbors(new String(keptNeighbors.get(), StandardCharsets.UTF_8), chain);
    } else {
      past = files.pastNeighbors(chain);
      if (!past.isEmpty()) {
        config.setSecret(ConfigTable.PAST_NEIGHBORS, encode(past), password);
      }
    }
    // Only once both are safely in the database, and on the disk, do the clear files go.
    if (files.holdsClearSecrets()) {
      database.checkpoint();
      files.deleteNodeKeyAndPastNeighbors();
    }
    return new KeptSecrets(
        keys,
        past,
        neighbors -> {
          try {
            config.setSecret(ConfigTable.PAST_NEIGHBORS, encode(neighbors), password);
          } catch (DatabaseException | RuntimeException e) {
            log.warn("Cannot keep past neighbors: {}", e.getMessage());
          }
        });
  }

  private static NodeKeyPair parseKey(byte[] secret, NodeDatabase database)
      throws DatabaseException {
    try {
      return NodeKeyPair.fromSecretString(new String(secret, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new DatabaseException(
          "The Node key kept in " + database.file() + " is damaged: " + e.getMessage());
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** One descriptor per line, the same text {@link NodeFiles} writes. */
  static byte[] encode(List<NodeDescriptor> neighbors) {
    StringBuilder text = new StringBuilder();
    neighbors.forEach(d -> text.append(d).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The descriptors of {@code chain} in {@code text}; a line that does not parse is skipped. */
  static List<NodeDescriptor> parseNeighbors(String text, Chain chain) {
    List<NodeDescriptor> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        NodeDescriptor d = NodeDescriptor.parse(line.trim());
        if (d.chain() == chain) {
          out.add(d);
        }
      } catch (IllegalArgumentException e) {
        log.warn("Ignoring a past neighbor: {}", e.getMessage());
      }
    }
    return out;
  }
}
