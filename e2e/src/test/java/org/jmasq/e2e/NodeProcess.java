package org.jmasq.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code jmasq} command line running in its own JVM, as a user would start it. Standard output is
 * collected line by line; standard error goes to a file in the data directory for post-mortems.
 */
final class NodeProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("SOCKS5 and HTTP proxy on ([0-9.]+):(\\d+)");

  private final Process process;
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final Path stderr;
  private volatile int proxyPort = -1;
  private final Thread collector;

  private NodeProcess(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.collector = Thread.ofVirtual().start(this::collect);
  }

  /** Runs {@code jmasq <args>} with this test JVM's Java and class path. */
  static NodeProcess start(Path workDir, String... args) throws IOException {
    return start(workDir, java.util.Map.of(), args);
  }

  /** Runs {@code jmasq <args>} with {@code environment} added to this JVM's environment. */
  static NodeProcess start(Path workDir, java.util.Map<String, String> environment, String... args)
      throws IOException {
    Files.createDirectories(workDir);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("org.jmasq.cli.Main");
    command.addAll(List.of(args));
    Path stderr = workDir.resolve("stderr.log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().putAll(environment);
    return new NodeProcess(builder.start(), stderr);
  }

  /**
   * Runs {@code jmasq <args>} to its end, as a one-shot command, and returns what it printed; it
   * must exit with 0 within a minute.
   */
  static String run(Path workDir, String... args) throws IOException, InterruptedException {
    try (NodeProcess command = start(workDir, args)) {
      int exit = command.awaitExit(Duration.ofSeconds(60));
      if (exit != 0) {
        throw new IllegalStateException(
            "jmasq "
                + String.join(" ", args)
                + " exited with "
                + exit
                + ":\n"
                + command.diagnostics());
      }
      return String.join("\n", command.stdout());
    }
  }

  /** Starts a zero-hop Node on a free proxy port and waits until it says it is ready. */
  static NodeProcess zeroHop(Path dataDirectory, String... extraArgs)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "node",
                "--neighborhood-mode",
                "zero-hop",
                "--data-directory",
                dataDirectory.toString(),
                "--proxy-port",
                "0",
                "--log-level",
                "info"));
    args.addAll(List.of(extraArgs));
    NodeProcess node = start(dataDirectory, args.toArray(String[]::new));
    node.awaitReady(Duration.ofSeconds(30));
    return node;
  }

  private void collect() {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        Matcher m = READY.matcher(line);
        if (m.find()) {
          proxyPort = Integer.parseInt(m.group(2));
        }
        stdout.add(line);
        synchronized (this) {
          notifyAll();
        }
      }
    } catch (IOException e) {
      stdout.add("<stdout closed: " + e.getMessage() + ">");
    }
  }

  synchronized void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (proxyPort < 0) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the Node exited with "
                + process.exitValue()
                + " before it was ready:\n"
                + diagnostics());
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        throw new IllegalStateException(
            "the Node was not ready within " + timeout + ":\n" + diagnostics());
      }
      wait(Math.min(left, 200));
    }
  }

  /** Waits for a line of standard output that {@code pattern} finds, and returns the match. */
  synchronized Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    while (true) {
      List<String> lines = stdout();
      for (; seen < lines.size(); seen++) {
        Matcher m = pattern.matcher(lines.get(seen));
        if (m.find()) {
          return m;
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the process exited with "
                + process.exitValue()
                + " before printing "
                + pattern
                + ":\n"
                + diagnostics());
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        throw new IllegalStateException(
            "no line matching " + pattern + " within " + timeout + ":\n" + diagnostics());
      }
      wait(Math.min(left, 200));
    }
  }

  int proxyPort() {
    return proxyPort;
  }

  String proxy() {
    return "127.0.0.1:" + proxyPort;
  }

  List<String> stdout() {
    return List.copyOf(stdout);
  }

  String stderr() {
    try {
      return Files.readString(stderr);
    } catch (IOException e) {
      return "<no stderr: " + e.getMessage() + ">";
    }
  }

  String diagnostics() {
    return "stdout:\n" + String.join("\n", stdout) + "\nstderr:\n" + stderr();
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits for the process to exit and returns its exit code, or -1 when it did not exit in time.
   * Once it has exited, its whole standard output has been collected too.
   */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return -1;
    }
    collector.join(Duration.ofSeconds(5));
    return process.exitValue();
  }

  /** Types {@code line} and Enter on the process's standard input, as a user at a prompt. */
  void type(String line) throws IOException {
    process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().flush();
  }

  /** Sends SIGINT, as Ctrl-C in a terminal does. */
  void interrupt() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
