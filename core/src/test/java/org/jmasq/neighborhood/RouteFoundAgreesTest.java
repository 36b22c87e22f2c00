package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jmasq.neighborhood.route.ExitPreferences;
import org.jmasq.neighborhood.route.RouteQuery;

/**
 * The stage a Node reports and the routes it finds agree: whenever a Node says RouteFound, a real
 * request (any size, any host) finds a route at that moment, through joins, churn and healing. A
 * user who starts browsing at the announcement must not be told there is no route.
 */
class RouteFoundAgreesTest {

  @Property(tries = 10)
  void a_node_that_says_route_found_finds_a_route_for_a_real_request(
      @ForAll @IntRange(min = 6, max = 16) int size,
      @ForAll long seed,
      @ForAll @IntRange(max = 3) int kills) {
    checkAgreement(size, seed, kills);
  }

  /**
   * Found by the property: a Node not next to the one killed kept saying RouteFound after Gossip
   * had taken its only route away.
   */
  @Example
  void a_route_lost_further_out_ends_route_found() {
    checkAgreement(6, 0, 1);
  }

  private static void checkAgreement(int size, long seed, int kills) {
    Random random = new Random(seed);
    TestMesh mesh = new TestMesh(600);
    mesh.joinAll(size, random);
    int killedAt = 100 + random.nextInt(200);
    for (int r = 0; r < 700; r++) {
      if (r == killedAt) {
        for (int k = 0; k < kills; k++) {
          mesh.kill(1 + random.nextInt(size - 1));
        }
      }
      mesh.round();
      for (int i = 0; i < mesh.nodes.size(); i++) {
        Neighborhood node = mesh.nodes.get(i);
        if (mesh.alive.get(i) && node.stage() == ConnectionStage.ROUTE_FOUND) {
          RouteQuery request =
              new RouteQuery(
                  RouteQuery.DEFAULT_MIN_HOPS,
                  random.nextInt(70_000),
                  Optional.of("example.com"),
                  ExitPreferences.NONE);
          assertThat(node.findRoute(request))
              .as("round %d, node %d says RouteFound", r, i)
              .isPresent();
        }
      }
    }
  }
}
