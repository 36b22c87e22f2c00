package org.jmasq.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jmasq.testbed.emulator.DelayEmulator;
import org.jmasq.testbed.emulator.EmulatorCounters;
import org.jmasq.testbed.emulator.Ipv4Address;
import org.jmasq.testbed.emulator.LinkConditions;

/**
 * A running testbed: namespaces for an internet, hosts and home routers, built from a {@link
 * TestbedPlan}, checked sealed, and torn down at {@link #close}, on a failed build, and on Ctrl-C
 * (a shutdown hook). After close nothing of it is left: no namespace, no veth, no process, no file.
 * Commands run on a host only through {@code ip netns exec}. Methods may be called from any thread,
 * one at a time.
 */
public final class Testbed implements AutoCloseable {

  private final RunDirectory run;
  private final CommandRunner runner;
  private final Topology topology;
  private final NetworkBuilder network;
  private final Map<String, Router> routers;
  private final Map<String, HomeRouter> homeRouters = new LinkedHashMap<>();
  private final List<HostProcess> started = new ArrayList<>();
  private final Object teardownLock = new Object();
  private boolean tornDown; // guarded by teardownLock
  private final Thread shutdownHook;
  private int wanChanges;
  private DelayEmulator emulator; // guarded by this

  private Testbed(RunDirectory run, CommandRunner runner, Topology topology) {
    this.run = run;
    this.runner = runner;
    this.topology = topology;
    this.network = new NetworkBuilder(runner, topology);
    this.routers = new LinkedHashMap<>(topology.routers());
    this.shutdownHook =
        Thread.ofPlatform().name("testbed-teardown").unstarted(this::teardownOnExit);
  }

  /**
   * Builds the plan's namespaces, links, NAT and miniupnpd daemons, then runs the safety check.
   * Anything made is removed again if a step fails.
   */
  public static Testbed build(TestbedPlan plan) throws TestbedException {
    Prerequisites.check(!plan.routers().isEmpty());
    RunDirectory run;
    try {
      run = RunDirectory.claim();
    } catch (IOException e) {
      throw new MissingPrerequisiteException(
          "The testbed cannot write its run directory under " + RunDirectory.base() + ": " + e);
    }
    CommandRunner runner = new CommandRunner(run.scratch());
    Testbed testbed;
    try {
      // The leftovers of killed runs go first: their names and addresses are not ours to share.
      Namespaces.sweep(runner);
      List<Ipv4Prefix> rootRoutes =
          RouteLine.parseAll(runner.run("ip", "-4", "route", "show", "table", "all")).stream()
              .flatMap(r -> r.destination().stream())
              .toList();
      testbed = new Testbed(run, runner, Topology.assign(plan, run.prefix(), rootRoutes));
    } catch (TestbedException | RuntimeException e) {
      RunDirectory.delete(run.dir());
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(testbed.shutdownHook);
    // Built under the teardown's lock: a Ctrl-C during the build waits for it to end (each step
    // is a command with a timeout) and then removes everything, rather than racing it.
    synchronized (testbed.teardownLock) {
      try {
        testbed.network.build();
        for (Router router : testbed.routers.values()) {
          HomeRouter home = new HomeRouter(runner, router, run.dir());
          testbed.homeRouters.put(router.name(), home);
          home.createRuleset();
          home.start();
        }
        testbed.checkSealed();
        return testbed;
      } catch (TestbedException | RuntimeException e) {
        try {
          testbed.close();
        } catch (IllegalStateException leftovers) {
          e.addSuppressed(leftovers);
        }
        throw e;
      }
    }
  }

  /**
   * Removes the namespaces, processes and files of earlier runs whose owning process is dead, never
   * a live run's. Returns the prefixes of the runs removed.
   */
  public static List<String> sweepLeftovers() throws TestbedException {
    Prerequisites.check(false);
    Path scratch;
    try {
      Files.createDirectories(RunDirectory.base());
      scratch = Files.createTempDirectory(RunDirectory.base(), "sweep");
    } catch (IOException e) {
      throw new MissingPrerequisiteException(
          "The testbed cannot write under " + RunDirectory.base());
    }
    try {
      return Namespaces.sweep(new CommandRunner(scratch));
    } finally {
      RunDirectory.delete(scratch);
    }
  }

  /** The safety check: throws {@link NotSealedException} if anything leads out of the testbed. */
  public void checkSealed() throws TestbedException {
    new SealCheck(runner, topology, run.prefix()).check();
  }

  /** The prefix every namespace of this run starts with, such as {@code jt4242x0-}. */
  public String prefix() {
    return run.prefix();
  }

  /** The internet namespace, where public hosts' and routers' links meet and are routed. */
  public String internetNamespace() {
    return topology.internet();
  }

  public Collection<Host> hosts() {
    return topology.hosts().values();
  }

  public Host host(String name) {
    Host host = topology.hosts().get(name);
    if (host == null) {
      throw new IllegalArgumentException("host: " + name + " (not in this testbed)");
    }
    return host;
  }

  public synchronized Collection<Router> routers() {
    return List.copyOf(routers.values());
  }

  public synchronized Router router(String name) {
    Router router = routers.get(name);
    if (router == null) {
      throw new IllegalArgumentException("router: " + name + " (not in this testbed)");
    }
    return router;
  }

  /** Where a host's packets come from as the internet sees them: its own or its router's WAN. */
  public Ipv4 internetAddressOf(String hostName) {
    Host host = host(hostName);
    return host.router().map(r -> router(r).wanAddress()).orElse(host.address());
  }

  /** The run's directory: routers' configs and logs, and the logs of started processes. */
  public Path directory() {
    return run.dir();
  }

  /** Runs a command on a host (or router, or {@code net}) and waits up to a minute for it. */
  public ExecResult exec(String name, String... command) throws TestbedException {
    return exec(name, Duration.ofMinutes(1), List.of(command));
  }

  public ExecResult exec(String name, Duration timeout, List<String> command)
      throws TestbedException {
    CommandRunner.Result result =
        runner.attempt(timeout, CommandRunner.inNamespace(namespaceOf(name), command));
    return new ExecResult(result.exitCode(), result.stdout(), result.stderr());
  }

  /** Starts a long-running command on a host; it is killed at close if it still runs. */
  public HostProcess start(String name, String... command) throws TestbedException {
    return start(name, environment -> {}, List.of(command));
  }

  /**
   * Starts a long-running command on a host with an edited copy of this process's environment
   * (where secrets go: a command line is readable by every user of the machine, an environment only
   * by its owner). Its output goes to a log readable by its owner only; it is killed at close if it
   * still runs.
   */
  public synchronized HostProcess start(
      String name, Consumer<Map<String, String>> environment, List<String> command)
      throws TestbedException {
    List<String> full = CommandRunner.inNamespace(namespaceOf(name), command);
    Path log = run.dir().resolve(name + "." + started.size() + ".log");
    try {
      Files.createFile(
          log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      ProcessBuilder builder =
          new ProcessBuilder(full)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      environment.accept(builder.environment());
      HostProcess handle = new HostProcess(name, builder.start(), log);
      started.add(handle);
      return handle;
    } catch (IOException e) {
      throw new CommandFailedException(full, -1, "cannot start: " + e.getMessage());
    }
  }

  /**
   * Starts the delay emulator in the internet namespace, every pair of hosts with {@code defaults},
   * and runs the safety check again. It passes on only the testbed's packets (public ranges,
   * routers' WANs, gateways); {@link #close} stops it.
   */
  public synchronized void emulate(LinkConditions defaults) throws TestbedException {
    if (emulator != null) {
      throw new IllegalStateException("the emulator already runs");
    }
    try {
      emulator =
          DelayEmulator.start(
              topology.internet(),
              run.dir(),
              emulatorTun(run.prefix()),
              EmulatorNetworks.of(topology));
      emulator.setDefault(defaults);
    } catch (IOException e) {
      throw new CommandFailedException(List.of("emulator"), -1, e.getMessage());
    }
    checkSealed();
  }

  /** Gives every pair of hosts not set on its own these conditions, from now on. */
  public synchronized void defaultConditions(LinkConditions conditions) throws TestbedException {
    try {
      running().setDefault(conditions);
    } catch (IOException e) {
      throw new CommandFailedException(List.of("emulator", "default"), -1, e.getMessage());
    }
  }

  /**
   * Gives the link between two hosts these conditions, both ways, from now on. A host behind a
   * router is reached at its router's WAN address, so its conditions are its router's.
   */
  public synchronized void conditions(String hostA, String hostB, LinkConditions conditions)
      throws TestbedException {
    try {
      running()
          .setPair(
              Ipv4Address.parse(internetAddressOf(hostA).toString()),
              Ipv4Address.parse(internetAddressOf(hostB).toString()),
              conditions);
    } catch (IOException e) {
      throw new CommandFailedException(List.of("emulator", "pair"), -1, e.getMessage());
    }
  }

  /** What the emulator has done to the testbed's packets so far. */
  public synchronized EmulatorCounters emulatorCounters() throws TestbedException {
    try {
      return running().counters();
    } catch (IOException e) {
      throw new CommandFailedException(List.of("emulator", "counters"), -1, e.getMessage());
    }
  }

  /**
   * The emulator's TUN: names of a namespace's interfaces are its own, but one that names the run
   * tells its emulator from another run's in a process list ({@code --tun jt4242x0t}).
   */
  static String emulatorTun(String prefix) {
    return prefix.replace("-", "") + "t";
  }

  private DelayEmulator running() {
    if (emulator == null) {
      throw new IllegalStateException("the emulator does not run: call emulate first");
    }
    return emulator;
  }

  /** Waits until something on a host listens on a TCP port; throws when the time runs out. */
  public void awaitTcpListening(String name, int port, Duration timeout) throws TestbedException {
    Instant deadline = Instant.now().plus(timeout);
    List<String> probe = List.of("ss", "-H", "-l", "-n", "-t", "sport", "=", ":" + port);
    while (exec(name, Duration.ofSeconds(5), probe).stdout().isBlank()) {
      if (Instant.now().isAfter(deadline)) {
        throw new CommandFailedException(
            CommandRunner.inNamespace(namespaceOf(name), probe), -1, "nothing listens");
      }
      Namespaces.pause();
    }
  }

  /** Cuts a host's link ({@code ip link set eth0 down}) or restores it. */
  public void setLinkUp(String hostName, boolean up) throws TestbedException {
    network.setLink(host(hostName), up);
  }

  /** Kills the router's miniupnpd, drops every mapping it made, and starts it again. */
  public synchronized void restartRouter(String name) throws TestbedException {
    router(name);
    HomeRouter home = homeRouters.get(name);
    home.stop();
    home.start();
  }

  /**
   * Gives a router a new WAN address in 100.128.1.0/24 and returns it. Existing connections through
   * its NAT break, as with a real change of public IP; miniupnpd reads the new address from the
   * interface.
   */
  public synchronized Ipv4 changeWanAddress(String name) throws TestbedException {
    Router router = router(name);
    Ipv4 address = Topology.WAN_RANGE.network().plus(256 + Topology.FIRST_HOST + wanChanges++);
    network.moveWan(router, address);
    routers.put(name, router.withWanAddress(address));
    return address;
  }

  /**
   * Tears the testbed down; throws if something could not be removed (a later sweep retries). The
   * hook stays registered until the teardown is over: a SIGTERM that lands in the middle of it
   * (closing stdin and signalling often come together) then waits for it instead of halting the JVM
   * halfway.
   */
  @Override
  public void close() {
    List<String> failures = teardown();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is on its way out; the hook finds the work done.
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("testbed teardown left: " + String.join("; ", failures));
    }
  }

  /** The shutdown hook: on the way out there is no caller left to throw to, only stderr. */
  private void teardownOnExit() {
    List<String> failures = teardown();
    if (!failures.isEmpty()) {
      System.err.println("testbed teardown left: " + String.join("; ", failures));
    }
  }

  /** Runs once; a second caller waits for the first to finish, then returns. */
  private List<String> teardown() {
    synchronized (teardownLock) {
      if (tornDown) {
        return List.of();
      }
      tornDown = true;
      synchronized (this) {
        if (emulator != null) {
          try {
            emulator.close();
          } catch (IOException e) {
            // The namespace's removal below takes the TUN and its rules with it.
          }
        }
        started.forEach(HostProcess::stop);
        homeRouters.values().stream()
            .map(HomeRouter::daemon)
            .flatMap(d -> Optional.ofNullable(d).stream())
            .forEach(Process::destroyForcibly);
      }
      List<String> failures = Namespaces.remove(runner, topology.namespaces());
      if (!failures.isEmpty()) {
        // The directory names the owner; it stays for the sweep while namespaces are left.
        return failures;
      }
      return RunDirectory.delete(run.dir()).map(List::of).orElse(List.of());
    }
  }

  private String namespaceOf(String name) {
    if (name.equals(TestbedPlan.INTERNET)) {
      return topology.internet();
    }
    if (topology.hosts().containsKey(name)) {
      return topology.hosts().get(name).namespace();
    }
    return router(name).namespace();
  }
}
