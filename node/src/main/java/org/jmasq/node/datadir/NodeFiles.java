package org.jmasq.node.datadir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small values a Node keeps between runs in files of its data directory: the version of its
 * record, the clandestine port it chose, and, when it has no database password (see {@link
 * KeptSecrets}), its key and the neighbors it had. Files are replaced atomically, so a crash leaves
 * the old or the new value, never half of one, and only their owner can read them.
 */
public final class NodeFiles {
  private static final Logger log = LoggerFactory.getLogger(NodeFiles.class);
  private static final String CLANDESTINE_PORT = "clandestine-port";
  private static final String PAST_NEIGHBORS = "past-neighbors";
  private static final String NODE_KEY = "node-key";
  private static final String RECORD_VERSION = "record-version";

  private final Path directory;

  public NodeFiles(Path directory) {
    this.directory = directory;
  }

  /**
   * The kept clandestine port, or a new random one in 1025–9999 (kept once it is bound). A kept
   * port may be below 1025: it was configured so once (443, say), and the Node stays where its
   * neighbors know it.
   */
  int clandestinePort(SecureRandom random) throws IOException {
    Path file = directory.resolve(CLANDESTINE_PORT);
    if (Files.exists(file)) {
      try {
        int port = Integer.parseInt(Files.readString(file).trim());
        if (port >= 1 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        log.warn("Ignoring an unreadable {}; choosing a new port", file);
      }
    }
    return randomClandestinePort(random);
  }

  /** A port in the reference's range for new Nodes, 1025–9999. */
  static int randomClandestinePort(SecureRandom random) {
    return 1025 + random.nextInt(9999 - 1025 + 1);
  }

  void keepClandestinePort(int port) throws IOException {
    write(CLANDESTINE_PORT, Integer.toString(port));
  }

  /**
   * The Node's key pair, kept between runs so a restarted Node rejoins as itself (its neighbors
   * still know its key at its IP). The file is readable by its owner only.
   */
  NodeKeyPair nodeKeys(SecureRandom random) throws IOException {
    Path file = directory.resolve(NODE_KEY);
    if (hasNodeKey()) {
      try {
        return NodeKeyPair.fromSecretString(Files.readString(file).trim());
      } catch (IllegalArgumentException e) {
        throw new IOException(
            file
                + " does not hold a node key ("
                + e.getMessage()
                + "); move it away to make a new key");
      }
    }
    NodeKeyPair keys = NodeKeyPair.generate(random);
    write(NODE_KEY, keys.toSecretString() + "\n");
    return keys;
  }

  boolean hasNodeKey() {
    return Files.exists(directory.resolve(NODE_KEY));
  }

  /**
   * Whether a key or past neighbors lie in clear in the directory, half-written copies included.
   */
  boolean holdsClearSecrets() {
    return java.util.stream.Stream.of(
            NODE_KEY, PAST_NEIGHBORS, NODE_KEY + ".tmp", PAST_NEIGHBORS + ".tmp")
        .anyMatch(name -> Files.exists(directory.resolve(name)));
  }

  /**
   * Once the key and past neighbors are kept encrypted in the database, their clear files go, with
   * any half-written copy a killed run left.
   */
  void deleteNodeKeyAndPastNeighbors() throws IOException {
    for (String name : java.util.List.of(NODE_KEY, PAST_NEIGHBORS)) {
      Files.deleteIfExists(directory.resolve(name));
      Files.deleteIfExists(directory.resolve(name + ".tmp"));
    }
  }

  /** The version the Node's record should start at: one above the last it published. */
  public long nextRecordVersion() {
    Path file = directory.resolve(RECORD_VERSION);
    try {
      return Files.exists(file)
          ? Math.min(Long.parseLong(Files.readString(file).trim()) + 1, 0xffff_ffffL)
          : 0;
    } catch (IOException | NumberFormatException e) {
      log.warn("Ignoring an unreadable {}", file);
      return 0;
    }
  }

  public void keepRecordVersion(long version) {
    try {
      write(RECORD_VERSION, Long.toString(version));
    } catch (IOException e) {
      log.warn("Cannot keep the record version: {}", e.getMessage());
    }
  }

  List<NodeDescriptor> pastNeighbors(Chain chain) {
    Path file = directory.resolve(PAST_NEIGHBORS);
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return KeptSecrets.parseNeighbors(Files.readString(file, StandardCharsets.UTF_8), chain);
    } catch (IOException e) {
      log.warn("Cannot read past neighbors: {}", e.getMessage());
      return List.of();
    }
  }

  void keepPastNeighbors(List<NodeDescriptor> neighbors) {
    try {
      write(PAST_NEIGHBORS, new String(KeptSecrets.encode(neighbors), StandardCharsets.UTF_8));
    } catch (IOException e) {
      log.warn("Cannot keep past neighbors: {}", e.getMessage());
    }
  }

  private void write(String name, String content) throws IOException {
    Path target = directory.resolve(name);
    Path temporary = directory.resolve(name + ".tmp");
    Files.deleteIfExists(temporary);
    try {
      Files.createFile(
          temporary,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(temporary);
    }
    Files.writeString(temporary, content, StandardCharsets.UTF_8);
    Files.move(
        temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
