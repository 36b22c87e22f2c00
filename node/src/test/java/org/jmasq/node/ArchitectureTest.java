package org.jmasq.node;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.conditions.ArchConditions.accessTargetWhere;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.InstantSource;
import java.util.List;
import java.util.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The rules of the layout that the compiler cannot check: what the pure core may use, where time
 * and threads come from, and which way the node's packages depend on each other (the graph in
 * {@code docs/ARCHITECTURE.md}).
 */
@AnalyzeClasses(
    packages = "org.jmasq",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {
  /** The packages of the core module. */
  private static final String[] CORE = {
    "org.jmasq.accountant..",
    "org.jmasq.automap..",
    "org.jmasq.blockchain..",
    "org.jmasq.cores..",
    "org.jmasq.crypto..",
    "org.jmasq.identity..",
    "org.jmasq.neighborhood..",
    "org.jmasq.payload..",
    "org.jmasq.time..",
    "org.jmasq.wire..",
  };

  private static final String RUNTIME = "org.jmasq.node.runtime..";

  @ArchTest
  static final ArchRule core_opens_no_sockets_or_channels =
      noClasses()
          .that()
          .resideInAnyPackage(CORE)
          .should()
          .dependOnClassesThat(
              belongToAnyOf(Socket.class, ServerSocket.class, DatagramSocket.class)
                  .or(resideInAnyPackage("java.net.http..", "java.nio.channels..")))
          .because(
              "core is pure logic that the simulator and the tests drive without a network;"
                  + " only node's adapters do I/O");

  @ArchTest
  static final ArchRule core_has_no_threads_or_executors =
      noClasses()
          .that()
          .resideInAnyPackage(CORE)
          .should()
          .dependOnClassesThat(
              belongToAnyOf(Thread.class, ScheduledExecutorService.class, ThreadFactory.class)
                  .or(
                      resideInAPackage("java.util.concurrent")
                          .and(simpleNameStartingWith("Executor"))))
          .because(
              "core's engines are driven by whoever owns them (a node mailbox, the simulator),"
                  + " so that they run the same in one process with thousands of peers");

  @ArchTest
  static final ArchRule core_uses_no_jdbc_or_web3j =
      noClasses()
          .that()
          .resideInAnyPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.sql..", "org.web3j..")
          .because(
              "the database and the chain are node's adapters; core's accountant is pure maths"
                  + " over values");

  @ArchTest
  static final ArchRule core_reads_no_wall_clock_and_starts_no_thread =
      noClasses()
          .that()
          .resideInAnyPackage(CORE)
          .should(accessTargetWhere(readsTheWallClockOrMakesThreads()))
          .because("core takes its time from an injected clock, so a test can move it by hand");

  @ArchTest
  static final ArchRule only_the_runtime_reads_the_wall_clock_or_makes_threads =
      noClasses()
          .that()
          .resideInAPackage("org.jmasq.node..")
          .and()
          .resideOutsideOfPackage(RUNTIME)
          .should(accessTargetWhere(readsTheWallClockOrMakesThreads()))
          .because(
              "every subsystem takes its clock, timers and threads from NodeRuntime, so that the"
                  + " same code runs on the system clock and on ManualRuntime in tests"
                  + " (System.nanoTime stays allowed: it only bounds blocking waits)");

  @ArchTest
  static final ArchRule every_node_package_has_a_place_in_the_dependency_graph =
      classes()
          .that()
          .resideInAPackage("org.jmasq.node..")
          .should()
          .resideInAnyPackage(
              "org.jmasq.node",
              "org.jmasq.node.entry..",
              "org.jmasq.node.proxyserver..",
              "org.jmasq.node.proxyclient..",
              "org.jmasq.node.neighborhood..",
              "org.jmasq.node.link..",
              "org.jmasq.node.hopper..",
              "org.jmasq.node.stream..",
              "org.jmasq.node.accountant..",
              "org.jmasq.node.datadir..",
              "org.jmasq.node.blockchain..",
              "org.jmasq.node.database..",
              "org.jmasq.node.ui..",
              "org.jmasq.node.automap..",
              "org.jmasq.node.http..",
              "org.jmasq.node.geo..",
              RUNTIME)
          .because(
              "a new package must be added to the dependency graph below and to"
                  + " docs/ARCHITECTURE.md");

  @ArchTest
  static final ArchRule node_packages_depend_only_in_the_documented_direction =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("Node")
          .definedBy("org.jmasq.node")
          .layer("Entry")
          .definedBy("org.jmasq.node.entry..")
          .layer("ProxyServer")
          .definedBy("org.jmasq.node.proxyserver..")
          .layer("ProxyClient")
          .definedBy("org.jmasq.node.proxyclient..")
          .layer("Neighborhood")
          .definedBy("org.jmasq.node.neighborhood..")
          .layer("Link")
          .definedBy("org.jmasq.node.link..")
          .layer("Hopper")
          .definedBy("org.jmasq.node.hopper..")
          .layer("Stream")
          .definedBy("org.jmasq.node.stream..")
          .layer("Accountant")
          .definedBy("org.jmasq.node.accountant..")
          .layer("DataDir")
          .definedBy("org.jmasq.node.datadir..")
          .layer("Blockchain")
          .definedBy("org.jmasq.node.blockchain..")
          .layer("Database")
          .definedBy("org.jmasq.node.database..")
          .layer("Ui")
          .definedBy("org.jmasq.node.ui..")
          .layer("Automap")
          .definedBy("org.jmasq.node.automap..")
          .layer("Http")
          .definedBy("org.jmasq.node.http..")
          .layer("Geo")
          .definedBy("org.jmasq.node.geo..")
          .layer("Runtime")
          .definedBy(RUNTIME)
          .whereLayer("Node")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Entry")
          .mayOnlyAccessLayers("ProxyServer", "Runtime")
          .whereLayer("ProxyServer")
          .mayOnlyAccessLayers("Hopper", "Stream", "Runtime")
          .whereLayer("ProxyClient")
          .mayOnlyAccessLayers("Hopper", "Stream", "Runtime")
          .whereLayer("Neighborhood")
          .mayOnlyAccessLayers("ProxyServer", "Link", "Hopper", "Runtime")
          .whereLayer("Link")
          .mayOnlyAccessLayers("Hopper", "Runtime")
          .whereLayer("Hopper")
          .mayNotAccessAnyLayer()
          .whereLayer("Stream")
          .mayNotAccessAnyLayer()
          .whereLayer("Accountant")
          .mayOnlyAccessLayers("Blockchain", "Database", "Runtime")
          .whereLayer("DataDir")
          .mayOnlyAccessLayers("Blockchain", "Database")
          .whereLayer("Blockchain")
          .mayOnlyAccessLayers("Http")
          .whereLayer("Database")
          .mayNotAccessAnyLayer()
          .whereLayer("Ui")
          .mayOnlyAccessLayers("Accountant", "Blockchain", "Database", "Runtime")
          .whereLayer("Automap")
          .mayOnlyAccessLayers("Runtime", "Http")
          .whereLayer("Http")
          .mayNotAccessAnyLayer()
          .whereLayer("Geo")
          .mayNotAccessAnyLayer()
          .whereLayer("Runtime")
          .mayNotAccessAnyLayer()
          .because(
              "the composition root wires the subsystems; below it each package sees only what it"
                  + " uses, and no two packages depend on each other (docs/ARCHITECTURE.md)");

  /**
   * Reads of the wall clock ({@code Instant.now()}, {@code System.currentTimeMillis()}, {@code
   * InstantSource.system()}, {@code Clock.system*()}) and ways to make threads, called or
   * referenced: any {@code Thread} constructor, {@code Thread.ofPlatform()}, {@code
   * Thread.ofVirtual()}, {@code Thread.startVirtualThread}, anything of {@code Executors}, a new
   * {@code ThreadPoolExecutor} or {@code ScheduledThreadPoolExecutor}, a new {@code ForkJoinPool}
   * or its {@code commonPool()}, a new {@code java.util.Timer}, and the {@code CompletableFuture}
   * and {@code CompletionStage} methods that run on the common pool ({@code *Async} and {@code
   * delayedExecutor} called without an {@code Executor}).
   *
   * <p>{@code System.nanoTime()} is allowed: it reads no wall clock, and it only bounds how long a
   * blocking wait may last (a {@code SendWindow} waiting for acknowledgements, a runtime waiting
   * for its mailboxes), never when something is due.
   */
  private static DescribedPredicate<JavaAccess<?>> readsTheWallClockOrMakesThreads() {
    return DescribedPredicate.describe(
        "a read of the wall clock or the making of a thread or executor",
        access -> {
          AccessTarget target = access.getTarget();
          JavaClass owner = target.getOwner();
          String name = target.getName();
          List<JavaClass> parameters =
              target instanceof AccessTarget.CodeUnitAccessTarget unit
                  ? unit.getRawParameterTypes()
                  : List.of();
          boolean noArguments =
              target instanceof AccessTarget.CodeUnitAccessTarget && parameters.isEmpty();
          boolean constructor = name.equals("<init>");
          // Instant.now(), LocalDate.now(), ZonedDateTime.now(), ...: every java.time reading of
          // the system clock has this shape.
          return owner.getPackageName().equals("java.time") && name.equals("now") && noArguments
              || owner.isEquivalentTo(java.util.Date.class) && constructor && parameters.isEmpty()
              || owner.isAssignableTo(java.util.Calendar.class) && name.equals("getInstance")
              || owner.isEquivalentTo(System.class) && name.equals("currentTimeMillis")
              || owner.isEquivalentTo(InstantSource.class) && name.equals("system")
              || owner.isEquivalentTo(Clock.class) && name.startsWith("system")
              || owner.isAssignableTo(Thread.class) && constructor
              || owner.isEquivalentTo(Thread.class)
                  && (name.equals("ofPlatform")
                      || name.equals("ofVirtual")
                      || name.equals("startVirtualThread"))
              || owner.isEquivalentTo(Executors.class)
              || owner.isAssignableTo(ThreadPoolExecutor.class) && constructor
              || owner.isAssignableTo(ForkJoinPool.class)
                  && (constructor || name.equals("commonPool"))
              || owner.isAssignableTo(Timer.class) && constructor
              || owner.isAssignableTo(CompletionStage.class)
                  && (name.endsWith("Async") || name.equals("delayedExecutor"))
                  && parameters.stream().noneMatch(p -> p.isAssignableTo(Executor.class))
              || owner.isAssignableTo(CompletableFuture.class)
                  && (name.equals("orTimeout") || name.equals("completeOnTimeout"))
              || owner.isAssignableTo(java.util.Collection.class) && name.equals("parallelStream")
              || owner.isAssignableTo(java.util.stream.BaseStream.class) && name.equals("parallel");
        });
  }

  /** Core's test fixtures reach node's tests as a test-jar; they are tests, not core. */
  static final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(com.tngtech.archunit.core.importer.Location location) {
      return !location.matches(java.util.regex.Pattern.compile(".*-tests\\.jar.*"));
    }
  }
}
