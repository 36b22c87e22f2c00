package org.jmasq.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One Node of a devnet: a {@code jmasq node} child process on its own loopback address. Its
 * standard output is copied to {@code node.log} in its data directory and watched for the lines
 * devnet cares about (descriptor, stage); its standard error goes to {@code node.err}. Both are
 * readable by their owner only. Its secrets reach it in its environment, never in its arguments.
 */
final class DevnetNode {
  final int index;
  final String ip;
  final Path directory;
  private final Process process;
  private volatile String descriptor;
  private volatile String stage = "NotConnected";

  private DevnetNode(
      int index, String ip, Path directory, Process process, Consumer<DevnetNode> onChange) {
    this.index = index;
    this.ip = ip;
    this.directory = directory;
    this.process = process;
    Thread.ofVirtual().name("devnet-node-" + index).start(() -> watch(onChange));
  }

  static DevnetNode start(
      int index,
      String ip,
      Path directory,
      List<String> nodeArgs,
      Map<String, String> secrets,
      Consumer<DevnetNode> onChange)
      throws IOException {
    Process process = processBuilder(directory, nodeArgs, secrets).start();
    return new DevnetNode(index, ip, directory, process, onChange);
  }

  /**
   * How a Node's process is made. Its command line, which every user of the machine can read
   * ({@code ps}), holds no secret: {@code secrets} ({@code MASQ_*} variables, see {@link
   * EnvironmentDefaults}) go in its environment, which only its user can read. The {@code MASQ_*}
   * variables of devnet's own environment are not passed on: devnet says everything its Nodes use.
   * Its log files are made 0600 first.
   */
  static ProcessBuilder processBuilder(
      Path directory, List<String> nodeArgs, Map<String, String> secrets) throws IOException {
    Files.createDirectories(directory);
    PrivateFiles.create(directory.resolve("node.log"));
    ProcessBuilder builder =
        new ProcessBuilder(command(nodeArgs))
            .redirectError(PrivateFiles.create(directory.resolve("node.err")).toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    passSecrets(builder.environment(), secrets);
    return builder;
  }

  /**
   * The command that runs {@code jmasq node nodeArgs} in a new JVM like this one, on this JVM's
   * class path; the testbed starts it on its hosts too.
   */
  static List<String> command(List<String> nodeArgs) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xss512k");
    command.add("-XX:+UseSerialGC");
    // sqlite-jdbc loads its native library; allowing it keeps the JVM from warning on stderr.
    command.add("--enable-native-access=ALL-UNNAMED");
    // Extra JVM options for every Node (profiling, heap limits), space-separated.
    String extra = System.getenv("JMASQ_NODE_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("node");
    command.addAll(nodeArgs);
    return command;
  }

  /** Drops the inherited {@code MASQ_*} variables from a Node's environment and adds its own. */
  static void passSecrets(Map<String, String> environment, Map<String, String> secrets) {
    environment.keySet().removeIf(name -> name.startsWith("MASQ_"));
    environment.putAll(secrets);
  }

  private void watch(Consumer<DevnetNode> onChange) {
    try (BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter log =
            new PrintWriter(Files.newBufferedWriter(directory.resolve("node.log")), true)) {
      String line;
      while ((line = reader.readLine()) != null) {
        log.println(line);
        if (line.startsWith("JMasq Node masq://")) {
          descriptor = line.substring("JMasq Node ".length()).trim();
          onChange.accept(this);
        } else if (line.startsWith("JMasq Node connection stage: ")) {
          stage = line.substring("JMasq Node connection stage: ".length()).trim();
          onChange.accept(this);
        }
      }
    } catch (IOException e) {
      // The child's output closed: it has exited, which the status line reports.
    }
    onChange.accept(this);
  }

  String descriptor() {
    return descriptor;
  }

  String stage() {
    return stage;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** The exit code of a Node that has ended. */
  int exitCode() {
    return process.exitValue();
  }

  /** Why the Node ended: its last line of log, or its exit code when it said nothing. */
  String lastError() {
    String exit = process.isAlive() ? "still running" : "exit code " + process.exitValue();
    try {
      List<String> lines = Files.readAllLines(directory.resolve("node.err"));
      return lines.isEmpty()
          ? exit + ", nothing in " + directory.resolve("node.err")
          : lines.get(lines.size() - 1) + " (" + exit + ")";
    } catch (IOException e) {
      return exit;
    }
  }

  /** Asks the Node to stop as Ctrl-C would, then insists. */
  void stop() {
    process.destroy();
  }

  void awaitStopped() throws InterruptedException {
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
