package org.jmasq.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small values a Node keeps between runs in its data directory: the clandestine port it chose
 * and the neighbors it had. Files are replaced atomically, so a crash leaves the old or the new
 * value, never half of one.
 */
final class NodeFiles {
  private static final Logger log = LoggerFactory.getLogger(NodeFiles.class);
  private static final String CLANDESTINE_PORT = "clandestine-port";
  private static final String PAST_NEIGHBORS = "past-neighbors";

  private final Path directory;

  NodeFiles(Path directory) {
    this.directory = directory;
  }

  /** The kept clandestine port, or a new random one in 1025–9999 (kept once it is bound). */
  int clandestinePort(SecureRandom random) throws IOException {
    Path file = directory.resolve(CLANDESTINE_PORT);
    if (Files.exists(file)) {
      try {
        int port = Integer.parseInt(Files.readString(file).trim());
        if (port >= 1025 && port <= 65535) {
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

  List<NodeDescriptor> pastNeighbors(Chain chain) {
    Path file = directory.resolve(PAST_NEIGHBORS);
    List<NodeDescriptor> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
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
    } catch (IOException e) {
      log.warn("Cannot read past neighbors: {}", e.getMessage());
    }
    return out;
  }

  void keepPastNeighbors(List<NodeDescriptor> neighbors) {
    StringBuilder text = new StringBuilder();
    neighbors.forEach(d -> text.append(d).append('\n'));
    try {
      write(PAST_NEIGHBORS, text.toString());
    } catch (IOException e) {
      log.warn("Cannot keep past neighbors: {}", e.getMessage());
    }
  }

  private void write(String name, String content) throws IOException {
    Path target = directory.resolve(name);
    Path temporary = directory.resolve(name + ".tmp");
    Files.writeString(temporary, content, StandardCharsets.UTF_8);
    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
