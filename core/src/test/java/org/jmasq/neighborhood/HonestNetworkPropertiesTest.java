package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Honest Gossip is never banned, and nobody ever has more than five full neighbors. */
class HonestNetworkPropertiesTest {

  @Property(tries = 12)
  void random_honest_networks_with_churn_produce_zero_bans_and_no_degree_above_five(
      @ForAll @IntRange(min = 3, max = 18) int size,
      @ForAll long seed,
      @ForAll @IntRange(max = 3) int kills) {
    Random random = new Random(seed);
    TestMesh mesh = new TestMesh(500);
    mesh.joinAll(size, random);
    for (int r = 0; r < 150; r++) {
      mesh.round();
    }
    for (int k = 0; k < kills && k < size - 1; k++) {
      mesh.kill(1 + random.nextInt(size - 1));
    }
    for (int r = 0; r < 700; r++) {
      mesh.round();
      for (int i = 0; i < mesh.nodes.size(); i++) {
        assertThat(mesh.degree(i)).isLessThanOrEqualTo(5);
      }
    }

    assertThat(mesh.bans).isEmpty();
  }
}
