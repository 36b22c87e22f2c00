package org.jmasq.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jmasq.testbed.HostProcess;

/**
 * One {@code jmasq node} process on a host of a testbed, started by {@link TestbedNetwork}. Its
 * standard output and its log share one file, readable by its owner only, in the testbed's run
 * directory; what the Node says about itself (descriptor, stage, routes) is read from there.
 */
public final class TestbedNode {
  private static final String DESCRIPTOR = "JMasq Node masq://";
  private static final String STAGE = "JMasq Node connection stage: ";

  private final String host;
  private final boolean user;
  private final HostProcess process;
  private final Path dataDirectory;

  TestbedNode(String host, boolean user, HostProcess process, Path dataDirectory) {
    this.host = host;
    this.user = user;
    this.process = process;
    this.dataDirectory = dataDirectory;
  }

  /** The testbed host the Node runs on. */
  public String host() {
    return host;
  }

  /** Whether this is the user's Node (originate-only, with the proxy). */
  public boolean isUser() {
    return user;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return process.log();
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** The Node's {@code masq://} descriptor, once it has printed it. */
  public Optional<String> descriptor() throws IOException {
    return lines().stream()
        .filter(l -> l.startsWith(DESCRIPTOR))
        .findFirst()
        .map(l -> l.substring("JMasq Node ".length()).trim());
  }

  /** The last connection stage the Node printed ({@code NotConnected} before any). */
  public String stage() throws IOException {
    String stage = "NotConnected";
    for (String line : lines()) {
      if (line.startsWith(STAGE)) {
        stage = line.substring(STAGE.length()).trim();
      }
    }
    return stage;
  }

  /**
   * The first 8 bytes of the Node's public key in hex, as Nodes name each other in their logs (a
   * route's hops, for example); empty before the descriptor.
   */
  public Optional<String> shortKey() throws IOException {
    return descriptor()
        .map(
            d -> {
              String key = d.substring(d.indexOf(':', "masq://".length()) + 1, d.indexOf('@'));
              return HexFormat.of().formatHex(Base64.getUrlDecoder().decode(key), 0, 8);
            });
  }

  /** Every line of the Node's log so far. */
  public List<String> lines() throws IOException {
    try {
      return Files.readAllLines(process.log());
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  /**
   * Waits for the first line of the Node's log, from line {@code from} on, that {@code pattern}
   * finds something in, and returns its match; throws when the time runs out.
   */
  public MatchResult awaitLine(Pattern pattern, int from, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> lines = lines();
      for (int i = from; i < lines.size(); i++) {
        Matcher m = pattern.matcher(lines.get(i));
        if (m.find()) {
          return m.toMatchResult();
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(
            this + " logged nothing that matches " + pattern + " within " + timeout);
      }
      Thread.sleep(100);
    }
  }

  /** The Node's last few lines, to say why it stopped. */
  String tail() throws IOException {
    List<String> lines = lines();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }

  /** Asks the Node to stop as Ctrl-C would, waits a little, then kills it. */
  public void stop() {
    process.process().destroy();
    try {
      if (!process.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.stop();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.stop();
    }
  }

  @Override
  public String toString() {
    return (user ? "the user's Node" : "Node") + " on " + host;
  }
}
