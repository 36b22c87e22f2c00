package org.jmasq.node.proxyclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Wallet;
import org.jmasq.payload.StreamKey;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

class StreamMemoryTest {
  private static final Optional<Wallet> NOBODY = Optional.empty();
  private static final Optional<Wallet> PAYER =
      Optional.of(Wallet.parse("0x00000000000000000000000000000000000000aa"));

  private final ManualClock clock = new ManualClock(Instant.parse("2024-01-01T00:00:00Z"));
  private final StreamMemory memory = new StreamMemory(clock, 3, 2);

  private static StreamMemory.Id id(int originator, int key) {
    byte[] k = new byte[PublicKey.LENGTH];
    k[0] = (byte) originator;
    byte[] s = new byte[StreamKey.LENGTH];
    s[0] = (byte) key;
    return StreamMemory.Id.of(PublicKey.of(k), StreamKey.of(s));
  }

  @Test
  void a_closed_stream_is_remembered_for_ten_minutes_after_it_closed() {
    assertThat(memory.open(NOBODY)).isEmpty();
    assertThat(memory.wasClosed(id(1, 1))).isFalse();
    clock.advance(Duration.ofHours(1));

    memory.closed(id(1, 1), NOBODY);

    assertThat(memory.wasClosed(id(1, 1))).isTrue();
    assertThat(memory.wasClosed(id(2, 1))).as("another originator's stream").isFalse();
    assertThat(memory.wasClosed(id(1, 2))).as("another stream key").isFalse();
    clock.advance(StreamMemory.MEMORY.minusSeconds(1));
    assertThat(memory.wasClosed(id(1, 1))).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(memory.wasClosed(id(1, 1))).isFalse();
  }

  @Test
  void a_stream_that_could_not_be_remembered_is_refused_before_it_opens() {
    assertThat(memory.open(NOBODY)).isEmpty();
    assertThat(memory.open(NOBODY)).isEmpty();
    memory.closed(id(1, 1), NOBODY);
    assertThat(memory.open(NOBODY)).isEmpty();

    assertThat(memory.open(NOBODY)).get().asString().contains("its most");

    clock.advance(StreamMemory.MEMORY);
    assertThat(memory.open(NOBODY)).as("the closed one is forgotten").isEmpty();
    assertThat(memory.remembered()).isZero();
  }

  @Test
  void when_full_a_new_stream_takes_the_place_of_the_largest_payers_oldest_closed_stream() {
    Optional<Wallet> honest =
        Optional.of(Wallet.parse("0x00000000000000000000000000000000000000bb"));
    assertThat(memory.open(PAYER)).isEmpty();
    assertThat(memory.open(PAYER)).isEmpty();
    memory.closed(id(1, 1), PAYER);
    memory.closed(id(1, 2), PAYER);
    assertThat(memory.open(NOBODY)).isEmpty();

    assertThat(memory.open(honest)).as("the newcomer").isEmpty();

    assertThat(memory.wasClosed(id(1, 1))).as("the hoarder's oldest, forgotten").isFalse();
    assertThat(memory.wasClosed(id(1, 2))).isTrue();
  }

  @Test
  void one_payer_holds_at_most_its_share_open_and_closed() {
    assertThat(memory.open(PAYER)).isEmpty();
    assertThat(memory.open(PAYER)).isEmpty();
    memory.closed(id(1, 1), PAYER);

    assertThat(memory.open(PAYER)).get().asString().contains("payer");
    assertThat(memory.open(NOBODY)).isEmpty();

    clock.advance(StreamMemory.MEMORY);
    assertThat(memory.open(PAYER)).isEmpty();
  }
}
