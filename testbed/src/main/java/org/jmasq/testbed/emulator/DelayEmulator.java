package org.jmasq.testbed.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Puts the delay emulator into an internet namespace and takes it out again: a TUN device, a
 * routing table whose default route is the TUN, the policy rules that send what arrives from the
 * hosts' links through it (and what comes back from it by the main table), and the emulator's own
 * process, with socat as its child. Every pair starts with {@link LinkConditions#NONE}.
 *
 * <p>The namespace must already route: forwarding on, a /32 route to each host. Not thread-safe for
 * control: one caller at a time ({@link #setPair}, {@link #setDefault}, {@link #counters} wait for
 * the emulator's answer).
 */
public final class DelayEmulator implements AutoCloseable {

  /** The routing table that sends everything to the TUN; the namespace's own, so any number. */
  static final String TABLE = "100";

  /** Rule priorities, ahead of the main table's (32766) and after the local table's (0). */
  static final String FROM_TUN_PRIORITY = "100";

  static final String THROUGH_TUN_PRIORITY = "101";

  private final String namespace;
  private final String tun;
  private final Process emulator;
  private final Writer control;
  private final BufferedReader answers;
  private boolean closed;

  private DelayEmulator(
      String namespace, String tun, Process emulator, Writer control, BufferedReader answers) {
    this.namespace = namespace;
    this.tun = tun;
    this.emulator = emulator;
    this.control = control;
    this.answers = answers;
  }

  /**
   * Starts the emulator in {@code internetNamespace}.
   *
   * @param workDir where the emulator's log ({@code emulator.log}) goes
   * @param tunName the TUN's name, at most 15 characters, unique on the machine while it lives
   * @param testbedNetworks the testbed's addresses: a packet from or to any other is dropped
   */
  public static DelayEmulator start(
      String internetNamespace, Path workDir, String tunName, List<Ipv4Prefix> testbedNetworks)
      throws IOException {
    if (tunName.isEmpty() || tunName.length() > 15 || !tunName.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("tunName: " + tunName + " (expected: 1~15 safe chars)");
    }
    if (testbedNetworks.isEmpty()) {
      throw new IllegalArgumentException("testbedNetworks: empty");
    }
    Files.createDirectories(workDir);
    try {
      routeThroughTun(internetNamespace, tunName);
      Process emulator = launch(internetNamespace, workDir, tunName, testbedNetworks);
      BufferedReader answers =
          new BufferedReader(
              new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8));
      String ready = answers.readLine();
      if (!"ready".equals(ready)) {
        emulator.getOutputStream().close();
        stop(emulator);
        throw new IOException(
            "the emulator did not start (it said " + ready + "; see " + log(workDir) + ")");
      }
      return new DelayEmulator(
          internetNamespace,
          tunName,
          emulator,
          new OutputStreamWriter(emulator.getOutputStream(), StandardCharsets.UTF_8),
          answers);
    } catch (IOException | RuntimeException e) {
      undo(internetNamespace, tunName);
      throw e;
    }
  }

  /** Gives the pair of {@code a} and {@code b} these conditions, both ways, from now on. */
  public void setPair(Ipv4Address a, Ipv4Address b, LinkConditions conditions) throws IOException {
    expectOk(ask(new ControlCommand.SetPair(a, b, conditions)));
  }

  /** Gives every pair not set on its own these conditions, from now on. */
  public void setDefault(LinkConditions conditions) throws IOException {
    expectOk(ask(new ControlCommand.SetDefault(conditions)));
  }

  /** What the emulator has done so far. */
  public EmulatorCounters counters() throws IOException {
    String answer = ask(new ControlCommand.QueryCounters());
    if (!answer.startsWith("counters ")) {
      throw new IOException("the emulator answered: " + answer);
    }
    return EmulatorCounters.decode(answer.substring("counters ".length()));
  }

  /** The TUN device's name. */
  public String tunName() {
    return tun;
  }

  /** The emulator's process (socat is its child), to check that nothing outlives {@link #close}. */
  public ProcessHandle process() {
    return emulator.toHandle();
  }

  /** Stops the emulator and socat, and removes the TUN, its table and its rules. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      control.close();
    } catch (IOException e) {
      // Already gone: stop() below makes sure.
    }
    stop(emulator);
    undo(namespace, tun);
  }

  private synchronized String ask(ControlCommand command) throws IOException {
    if (closed) {
      throw new IllegalStateException("the emulator is closed");
    }
    control.write(command.encode() + "\n");
    control.flush();
    String answer = answers.readLine();
    if (answer == null) {
      throw new IOException("the emulator ended");
    }
    return answer;
  }

  private static void expectOk(String answer) throws IOException {
    if (!answer.equals("ok")) {
      throw new IOException("the emulator answered: " + answer);
    }
  }

  private static void routeThroughTun(String ns, String tun) throws IOException {
    Commands.run(Commands.in(ns, "ip", "tuntap", "add", "dev", tun, "mode", "tun"));
    Commands.run(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
    // Packets come back from the TUN with the hosts' addresses, which the TUN does not route to.
    Commands.run(Commands.in(ns, "sysctl", "-q", "-w", "net.ipv4.conf." + tun + ".rp_filter=0"));
    // No IPv6 on the TUN: the kernel would send its own solicitations through the emulator.
    Commands.run(Commands.in(ns, "sysctl", "-q", "-w", "net.ipv6.conf." + tun + ".disable_ipv6=1"));
    Commands.run(List.of("ip", "-n", ns, "link", "set", tun, "up"));
    Commands.run(List.of("ip", "-n", ns, "route", "add", "default", "dev", tun, "table", TABLE));
    Commands.run(
        List.of(
            "ip",
            "-n",
            ns,
            "rule",
            "add",
            "pref",
            FROM_TUN_PRIORITY,
            "iif",
            tun,
            "lookup",
            "main"));
    Commands.run(
        List.of("ip", "-n", ns, "rule", "add", "pref", THROUGH_TUN_PRIORITY, "lookup", TABLE));
  }

  private static Process launch(String ns, Path workDir, String tun, List<Ipv4Prefix> networks)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "ip",
            "netns",
            "exec",
            ns,
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m",
            "-XX:+UseSerialGC",
            "-cp",
            emulatorClassPath(),
            EmulatorMain.class.getName(),
            "--tun",
            tun));
    for (Ipv4Prefix network : networks) {
      command.add("--network");
      command.add(network.toString());
    }
    return new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(log(workDir).toFile()))
        .start();
  }

  private static String emulatorClassPath() throws IOException {
    // The emulator needs only this package: where its classes are, a directory or a jar, is enough.
    try {
      return Path.of(EmulatorMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      throw new IOException("cannot find the emulator's classes", e);
    }
  }

  private static Path log(Path workDir) {
    return workDir.resolve("emulator.log");
  }

  private static void stop(Process emulator) {
    // Its input closed, the emulator ends socat and itself; force both if it does not.
    try {
      if (emulator.waitFor(5, TimeUnit.SECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    emulator.descendants().forEach(ProcessHandle::destroyForcibly);
    emulator.destroyForcibly();
    emulator.onExit().join();
  }

  /** Removes what {@link #routeThroughTun} added, whatever of it exists; each step on its own. */
  private static void undo(String ns, String tun) {
    List<List<String>> steps =
        List.of(
            List.of("ip", "-n", ns, "rule", "del", "pref", THROUGH_TUN_PRIORITY),
            List.of("ip", "-n", ns, "rule", "del", "pref", FROM_TUN_PRIORITY),
            List.of("ip", "-n", ns, "route", "flush", "table", TABLE),
            List.of("ip", "-n", ns, "link", "del", tun));
    for (List<String> step : steps) {
      try {
        Commands.run(step);
      } catch (IOException e) {
        // Not there (never added, or the namespace is gone): nothing to remove.
      }
    }
  }
}
