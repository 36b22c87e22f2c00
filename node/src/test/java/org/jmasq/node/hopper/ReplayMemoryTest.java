package org.jmasq.node.hopper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jmasq.crypto.Envelope;
import org.jmasq.identity.Wallet;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

class ReplayMemoryTest {
  private static final Duration HORIZON = Duration.ofMinutes(5);
  private static final Optional<Wallet> NOBODY = Optional.empty();
  private static final Optional<Wallet> PAYER =
      Optional.of(Wallet.parse("0x00000000000000000000000000000000000000aa"));

  private final ManualClock clock = new ManualClock(Instant.parse("2024-01-01T00:00:00Z"));
  private final ReplayMemory memory = new ReplayMemory(clock, 3, 2, HORIZON);

  private static Envelope.SealerId sealer(int n) {
    return new Envelope.SealerId(n, n, n, n, n);
  }

  private Optional<String> see(int hop, long tag) {
    return memory.remember(sealer(hop), tag, NOBODY);
  }

  @Test
  void a_new_package_is_remembered_and_the_same_one_again_is_refused() {
    assertThat(see(1, 0)).isEmpty();
    assertThat(see(1, 1)).isEmpty();

    assertThat(see(1, 0)).get().asString().contains("a replay");
    assertThat(see(1, 1)).get().asString().contains("a replay");
  }

  @Test
  void packages_out_of_order_within_the_window_are_all_new_once() {
    for (long counter : new long[] {0, 5, 2, 1, 4, 3}) {
      assertThat(see(1, counter)).as("#" + counter).isEmpty();
    }
    assertThat(see(1, 2)).isPresent();
  }

  @Test
  void a_sessions_first_packages_may_arrive_out_of_order_too() {
    for (long tag : new long[] {1005, 1003, 1004, 1000}) {
      assertThat(see(1, tag)).as("tag %d", tag).isEmpty();
    }
    assertThat(see(1, 1003)).get().asString().contains("a replay");
    assertThat(see(1, 1005 - ReplayMemory.WINDOW)).get().asString().contains("not within");
  }

  @Test
  void a_package_further_behind_than_the_window_is_refused() {
    assertThat(see(1, 0)).isEmpty();
    assertThat(see(1, ReplayMemory.WINDOW)).isEmpty();

    assertThat(see(1, 0)).get().asString().contains("too far behind");
    assertThat(see(1, 1)).as("just inside the window").isEmpty();
  }

  @Test
  void a_full_memory_refuses_new_sessions_until_one_is_past_the_horizon() {
    assertThat(see(1, 0)).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(see(2, 0)).isEmpty();
    assertThat(see(3, 0)).isEmpty();

    assertThat(see(4, 0)).get().asString().contains("full");
    assertThat(see(2, 1)).as("known sessions go on").isEmpty();

    clock.advance(Duration.ofMinutes(3));
    assertThat(see(4, 0)).get().asString().contains("full");
    clock.advance(Duration.ofMinutes(1));
    assertThat(see(4, 0)).as("session 1 was last seen five minutes ago").isEmpty();
    assertThat(memory.sessions()).isEqualTo(3);
  }

  @Test
  void when_full_a_newcomer_takes_the_oldest_place_of_the_payer_holding_the_most() {
    Optional<Wallet> honest =
        Optional.of(Wallet.parse("0x00000000000000000000000000000000000000bb"));
    assertThat(memory.remember(sealer(1), 0, PAYER)).isEmpty();
    assertThat(memory.remember(sealer(2), 0, PAYER)).isEmpty();
    assertThat(see(3, 0)).isEmpty();

    assertThat(memory.remember(sealer(4), 0, honest)).as("the newcomer").isEmpty();

    assertThat(memory.sessions()).isEqualTo(3);
    assertThat(memory.remember(sealer(2), 0, PAYER))
        .as("the hoarder's newer session is still known")
        .get()
        .asString()
        .contains("replay");
    assertThat(memory.remember(sealer(4), 0, honest)).isPresent();
  }

  @Test
  void a_session_is_remembered_for_the_horizon_after_its_last_package_and_then_forgotten() {
    assertThat(see(1, 0)).isEmpty();
    clock.advance(Duration.ofMinutes(4));
    assertThat(see(1, 1)).isEmpty();
    clock.advance(Duration.ofMinutes(4));
    assertThat(see(1, 0)).as("eight minutes after it came").isPresent();

    clock.advance(HORIZON);

    assertThat(see(1, 0)).as("packages carry no time: past the horizon, it is new").isEmpty();
  }

  @Test
  void one_payer_holds_at_most_its_share_of_the_sessions() {
    assertThat(memory.remember(sealer(1), 0, PAYER)).isEmpty();
    assertThat(memory.remember(sealer(2), 0, PAYER)).isEmpty();

    assertThat(memory.remember(sealer(3), 0, PAYER)).get().asString().contains("its most");
    assertThat(memory.remember(sealer(3), 0, NOBODY)).isEmpty();

    clock.advance(HORIZON);
    assertThat(memory.remember(sealer(4), 0, PAYER)).isEmpty();
  }

  @Test
  void tags_are_measured_from_the_sessions_first_across_the_wrap_at_two_to_the_64() {
    for (long tag : new long[] {-2, -1, 0, 1}) {
      assertThat(see(1, tag)).as("tag %d", tag).isEmpty();
    }
    assertThat(see(1, -1)).get().asString().contains("a replay");
    assertThat(see(1, -3)).as("just before the session's first, arrived late").isEmpty();
    assertThat(see(1, -2 - ReplayMemory.WINDOW))
        .as("further below the first than the window")
        .get()
        .asString()
        .contains("not within");
  }

  @Test
  void a_tag_far_ahead_cannot_bring_the_window_round_to_tags_it_passed() {
    assertThat(see(1, 100)).isEmpty();
    assertThat(see(1, 101)).isEmpty();

    assertThat(see(1, 100 + Long.MAX_VALUE))
        .as("2^63 - 1 above the first: with wrapping differences, the next tags would be ahead")
        .get()
        .asString()
        .contains("not within");
    long farthest = 100 - (ReplayMemory.WINDOW - 1) + ReplayMemory.REACH - 1;
    assertThat(see(1, farthest)).as("the farthest a tag may go").isEmpty();

    assertThat(see(1, 100)).get().asString().contains("too far behind");
    assertThat(see(1, 101)).get().asString().contains("too far behind");
    assertThat(see(1, farthest + 1)).get().asString().contains("not within");
  }

  @Test
  void each_hop_session_numbers_its_own_tags() {
    assertThat(see(1, 7)).isEmpty();
    assertThat(see(2, 7)).as("another route's block").isEmpty();
    assertThat(see(1, 7)).isPresent();
  }
}
