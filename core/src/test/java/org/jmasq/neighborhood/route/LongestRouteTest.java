package org.jmasq.neighborhood.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jmasq.cores.Component;
import org.jmasq.cores.Route;
import org.jmasq.cores.RoutePlan;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.junit.jupiter.api.Test;

/** The route length cap is the longest round trip the finder can build, and no longer. */
class LongestRouteTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void the_longest_round_trip_the_finder_can_build_fills_a_route_exactly() throws Exception {
    int overHops = RouteQuery.MAX_MIN_HOPS + RouteFinder.EXTRA_HOPS_FOR_COUNTRY;
    int backHops = overHops + RouteFinder.BACK_LEG_SLACK;
    List<PublicKey> over = keys(overHops + 1);
    List<PublicKey> back = new ArrayList<>(List.of(over.get(overHops)));
    back.addAll(keys(backHops - 1));
    back.add(over.get(0));

    Route sealed =
        RoutePlan.roundTrip(
                over,
                Component.PROXY_CLIENT,
                back,
                Component.PROXY_SERVER,
                key -> Optional.empty(),
                1,
                RANDOM)
            .seal();

    assertThat(sealed.size()).isEqualTo(Route.MAX_HOPS).isEqualTo(22);
  }

  private static List<PublicKey> keys(int n) {
    List<PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(NodeKeyPair.generate(RANDOM).publicKey());
    }
    return keys;
  }
}
