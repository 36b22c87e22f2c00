package org.jmasq.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jmasq.identity.Wallet;

/**
 * The project's local chain ({@code chain/start.mjs}: ganache with the TestMasq token) in its own
 * process. Installs the chain's npm packages from the lock file the first time. Closing it closes
 * the chain's standard input, which stops it.
 */
final class LocalChain implements AutoCloseable {
  private static final Pattern READY = Pattern.compile(
      "\\{\"url\":\"([^\"]+)\",\"chainId\":(\\d+),\"token\":\"(0x[0-9a-f]{40})\",\"deployer\":\"(0x[0-9a-f]{40})\"}");

  final String url;
  final long chainId;
  final Wallet token;
  final Wallet deployer;
  private final Process process;

  private LocalChain(Process process, Matcher ready) {
    this.process = process;
    this.url = ready.group(1);
    this.chainId = Long.parseLong(ready.group(2));
    this.token = Wallet.parse(ready.group(3));
    this.deployer = Wallet.parse(ready.group(4));
  }

  static Path chainDirectory() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("chain/start.mjs"))) {
        return dir.resolve("chain");
      }
    }
    throw new IllegalStateException("no chain/start.mjs above " + Path.of("").toAbsolutePath());
  }

  /** Starts a chain with {@code chainId}, installing its packages with {@code npm ci} if they are missing. */
  static LocalChain start(Path logDirectory, long chainId) throws IOException, InterruptedException {
    Path dir = chainDirectory();
    Files.createDirectories(logDirectory);
    if (!Files.isDirectory(dir.resolve("node_modules"))) {
      Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(logDirectory.resolve("npm-ci.log").toFile())
          .start();
      if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
        npm.destroyForcibly();
        throw new IOException("npm ci in " + dir + " failed; see " + logDirectory.resolve("npm-ci.log"));
      }
    }
    Process process = new ProcessBuilder(List.of("node", "start.mjs", "--port", "0", "--chain-id", Long.toString(chainId)))
        .directory(dir.toFile())
        .redirectError(logDirectory.resolve("chain-stderr.log").toFile())
        .start();
    CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
      try {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
      } catch (IOException e) {
        return null;
      }
    });
    String line;
    try {
      line = firstLine.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IOException("the local chain did not start; see " + logDirectory.resolve("chain-stderr.log"), e);
    }
    Matcher m = line == null ? null : READY.matcher(line);
    if (m == null || !m.matches()) {
      process.destroyForcibly();
      throw new IOException("the local chain said '" + line + "'; see " + logDirectory.resolve("chain-stderr.log"));
    }
    return new LocalChain(process, m);
  }

  @Override
  public void close() throws IOException {
    process.getOutputStream().close();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
