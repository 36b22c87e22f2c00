package org.jmasq.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jmasq.identity.Wallet;

/**
 * The devnet's local chain: {@code chain/start.mjs} (ganache and the TestMasq token) in its own
 * process, with the Nodes' consuming wallets funded. Its packages are installed with {@code npm ci}
 * from the lock file on first use. Closing it closes the chain's standard input, which stops it.
 */
public final class DevnetChain implements AutoCloseable {
  private static final Pattern READY =
      Pattern.compile(
          "\\{\"url\":\"([^\"]+)\",\"chainId\":(\\d+),\"token\":\"(0x[0-9a-f]{40})\",\"deployer\":\"(0x[0-9a-f]{40})\"}");

  public final String url;
  public final long chainId;
  public final Wallet token;

  /** The account that deployed the token and holds the rest of its supply. */
  public final Wallet deployer;

  private final Process process;

  private DevnetChain(Process process, Matcher ready) {
    this.process = process;
    this.url = ready.group(1);
    this.chainId = Long.parseLong(ready.group(2));
    this.token = Wallet.parse(ready.group(3));
    this.deployer = Wallet.parse(ready.group(4));
  }

  /**
   * {@code chain/} of the JMasq checkout this devnet runs from: looked for above the jar or classes
   * directory devnet was loaded from, then above the working directory.
   */
  public static Path chainDirectory() throws IOException {
    List<Path> starts = new ArrayList<>();
    try {
      starts.add(
          Path.of(DevnetChain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toAbsolutePath());
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // no usable code location; the working directory remains
    }
    starts.add(Path.of("").toAbsolutePath());
    for (Path start : starts) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        if (Files.exists(dir.resolve("chain/start.mjs"))) {
          return dir.resolve("chain");
        }
      }
    }
    throw new IOException(
        "no chain/start.mjs above " + starts.get(0) + " or the working directory");
  }

  /**
   * Starts the chain, logging to {@code logDirectory}, and gives each of {@code funded} {@code
   * tokens} wei.
   */
  public static DevnetChain start(Path logDirectory, List<Wallet> funded, String tokens)
      throws IOException, InterruptedException {
    List<String> arguments = new ArrayList<>();
    if (!funded.isEmpty()) {
      arguments.add("--fund");
      arguments.add(String.join(",", funded.stream().map(w -> w + ":" + tokens).toList()));
    }
    return start(logDirectory, arguments);
  }

  /**
   * Starts {@code chain/start.mjs} with {@code arguments} (see its header), installing its packages
   * first if needed.
   */
  public static DevnetChain start(Path logDirectory, List<String> arguments)
      throws IOException, InterruptedException {
    Path dir = chainDirectory();
    Files.createDirectories(logDirectory);
    if (!Files.isDirectory(dir.resolve("node_modules"))) {
      Process npm =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(PrivateFiles.create(logDirectory.resolve("npm-ci.log")).toFile())
              .start();
      if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
        npm.destroyForcibly();
        throw new IOException(
            "npm ci in " + dir + " failed; see " + logDirectory.resolve("npm-ci.log"));
      }
    }
    List<String> command = new ArrayList<>(List.of("node", "start.mjs", "--port", "0"));
    command.addAll(arguments);
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectError(PrivateFiles.create(logDirectory.resolve("chain.err")).toFile())
            .start();
    CompletableFuture<String> firstLine =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
              } catch (IOException e) {
                return null;
              }
            });
    String line;
    try {
      line = firstLine.get(120, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IOException(
          "the local chain did not start; see " + logDirectory.resolve("chain.err"));
    }
    Matcher m = line == null ? null : READY.matcher(line);
    if (m == null || !m.matches()) {
      process.destroyForcibly();
      throw new IOException(
          "the local chain said '" + line + "'; see " + logDirectory.resolve("chain.err"));
    }
    return new DevnetChain(process, m);
  }

  /** Closes the chain's standard input, which stops it. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
