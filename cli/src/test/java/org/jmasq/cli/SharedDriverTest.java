package org.jmasq.cli;

import static com.tngtech.archunit.core.domain.AccessTarget.Predicates.declaredIn;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jmasq.neighborhood.Neighborhood;
import org.jmasq.neighborhood.NeighborhoodDriver;
import org.junit.jupiter.api.Test;

/**
 * The simulator and the real Node run the Neighborhood engine through the same {@link
 * NeighborhoodDriver}, so the simulator's Gossip figures describe the Node that ships: no other
 * class feeds the engine or flushes it.
 */
class SharedDriverTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          // Core's test fixtures (FuzzContract) reach cli's tests as a test-jar: tests, not core.
          .withImportOption(
              location -> !location.matches(java.util.regex.Pattern.compile(".*-tests\\.jar.*")))
          .importPackages("org.jmasq");

  /** The engine's inputs, and flush: what decides when Gossip goes out. */
  private static final String ENGINE_INPUTS =
      "start|gossipReceived|gossipFailureReceived|tcpConnected|tcpFailed|neighborLost"
          + "|exitCouldNotResolve|setMinHops|tick|flush";

  @Test
  void only_the_driver_feeds_the_neighborhood_engine_or_flushes_it() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(Neighborhood.class.getName())
        .and()
        .doNotHaveFullyQualifiedName(NeighborhoodDriver.class.getName())
        .should()
        .callMethodWhere(
            target(declaredIn(Neighborhood.class)).and(target(nameMatching(ENGINE_INPUTS))))
        .because("the flush policy lives in NeighborhoodDriver alone")
        .check(MAIN);
  }

  @Test
  void the_real_node_drains_its_mailbox_through_the_driver() {
    drainsThroughTheDriver("org.jmasq.node.neighborhood.NeighborhoodService");
  }

  @Test
  void the_simulator_drains_every_node_through_the_driver() {
    drainsThroughTheDriver("org.jmasq.sim.SimNetwork");
  }

  private static void drainsThroughTheDriver(String className) {
    classes()
        .that()
        .haveFullyQualifiedName(className)
        .should()
        .callConstructor(NeighborhoodDriver.class, Neighborhood.class)
        .andShould()
        .callMethod(NeighborhoodDriver.class, "mailboxDrained")
        .check(MAIN);
  }
}
