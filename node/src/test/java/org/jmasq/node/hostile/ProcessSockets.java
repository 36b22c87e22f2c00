package org.jmasq.node.hostile;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The TCP connections this process holds open file descriptors for, as the kernel lists them
 * ({@code /proc/self/fd} joined with {@code /proc/net/tcp} and {@code tcp6}): a test that runs a
 * Node and its attacker in one process counts the Node's own sockets by their local address. Linux
 * only.
 */
final class ProcessSockets {
  /** One connection, from this process's side (listening sockets are left out). */
  record Connection(InetSocketAddress local, InetSocketAddress remote) {}

  private static final String LISTEN = "0A";

  private ProcessSockets() {}

  static List<Connection> open() throws IOException {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException e) {
          // closed while the directory was read: no longer open
        }
      }
    }
    List<Connection> connections = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) {
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
        String[] fields = line.trim().split("\\s+");
        if (!fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
          connections.add(new Connection(address(fields[1]), address(fields[2])));
        }
      }
    }
    return connections;
  }

  /** How many connections this process holds whose local end is {@code local}. */
  static long at(InetSocketAddress local) throws IOException {
    return open().stream().filter(c -> c.local().equals(local)).count();
  }

  /** How many of them come from {@code remoteIp}. */
  static long at(InetSocketAddress local, InetAddress remoteIp) throws IOException {
    return open().stream()
        .filter(c -> c.local().equals(local) && c.remote().getAddress().equals(remoteIp))
        .count();
  }

  /** {@code 0100007F:1F90}: the address in 32-bit words of host (little-endian) order, the port. */
  private static InetSocketAddress address(String text) throws IOException {
    String[] parts = text.split(":");
    byte[] words = HexFormat.of().parseHex(parts[0]);
    byte[] bytes = new byte[words.length];
    for (int i = 0; i < words.length; i += 4) {
      for (int j = 0; j < 4; j++) {
        bytes[i + j] = words[i + 3 - j];
      }
    }
    // An IPv4-mapped IPv6 address comes back as the IPv4 address it carries.
    return new InetSocketAddress(InetAddress.getByAddress(bytes), Integer.parseInt(parts[1], 16));
  }
}
