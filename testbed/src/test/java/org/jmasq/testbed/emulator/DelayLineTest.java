package org.jmasq.testbed.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DelayLineTest {

  private static final long MS = 1_000_000;
  private static final List<Ipv4Prefix> TESTBED =
      List.of(Ipv4Prefix.parse("192.0.2.0/24"), Ipv4Prefix.parse("100.128.0.0/16"));
  private static final Ipv4Address A = Ipv4Address.parse("192.0.2.1");
  private static final Ipv4Address B = Ipv4Address.parse("192.0.2.2");

  /** A random source that answers {@code nextDouble} from a script, to decide losses exactly. */
  private static final class ScriptedRandom implements RandomGenerator {
    private final double[] doubles;
    private int next;

    ScriptedRandom(double... doubles) {
      this.doubles = doubles;
    }

    @Override
    public double nextDouble() {
      return doubles[next++];
    }

    @Override
    public long nextLong() {
      throw new UnsupportedOperationException("only nextDouble is scripted");
    }
  }

  private static DelayLine line(ConditionsTable table, RandomGenerator random) {
    return new DelayLine(TESTBED, table, random, 256 * 1024, 1000);
  }

  private static DelayLine line(ConditionsTable table) {
    return line(table, new ScriptedRandom());
  }

  @Test
  void a_packet_is_released_after_its_pairs_one_way_delay_and_not_before() {
    DelayLine line = line(ConditionsTable.of(LinkConditions.NONE).with(A, B, delay(40)));
    byte[] packet = Packets.ipv4("192.0.2.1", "192.0.2.2", 100);

    assertThat(line.offer(packet, 1000 * MS)).isEqualTo(new Verdict.Scheduled(1040 * MS));
    assertThat(line.nextRelease()).isEqualTo(OptionalLong.of(1040 * MS));
    assertThat(line.due(1040 * MS - 1)).isEmpty();
    assertThat(line.due(1040 * MS)).containsExactly(packet);
    assertThat(line.nextRelease()).isEmpty();
    assertThat(line.counters()).isEqualTo(new EmulatorCounters(1, 0, 0, 0, 0, 0, 1, 0));
  }

  @Test
  void the_reply_pays_the_same_delay_as_the_request() {
    DelayLine line = line(ConditionsTable.of(LinkConditions.NONE).with(A, B, delay(25)));

    assertThat(line.offer(Packets.ipv4("192.0.2.2", "192.0.2.1", 60), 0))
        .isEqualTo(new Verdict.Scheduled(25 * MS));
  }

  @Test
  void a_pair_not_listed_gets_the_default() {
    DelayLine line = line(ConditionsTable.of(delay(10)).with(A, B, delay(40)));

    assertThat(line.offer(Packets.ipv4("192.0.2.1", "100.128.0.5", 60), 0))
        .isEqualTo(new Verdict.Scheduled(10 * MS));
  }

  @Test
  void at_zero_delay_a_packet_is_due_at_once() {
    DelayLine line = line(ConditionsTable.of(LinkConditions.NONE));
    byte[] packet = Packets.ipv4("192.0.2.1", "192.0.2.2", 60);

    line.offer(packet, 7 * MS);

    assertThat(line.due(7 * MS)).containsExactly(packet);
  }

  @Test
  void a_capped_link_serializes_packets_behind_each_other_then_delays_them() {
    // 8 Mbit/s: a 1000-byte packet takes 1 ms on the wire.
    DelayLine line =
        line(ConditionsTable.of(LinkConditions.NONE).with(A, B, delay(10).withRate(8_000_000)));

    assertThat(line.offer(Packets.ipv4("192.0.2.1", "192.0.2.2", 1000), 0))
        .isEqualTo(new Verdict.Scheduled(11 * MS));
    assertThat(line.offer(Packets.ipv4("192.0.2.1", "192.0.2.2", 1000), 0))
        .isEqualTo(new Verdict.Scheduled(12 * MS));
    assertThat(line.offer(Packets.ipv4("192.0.2.1", "192.0.2.2", 500), MS / 2))
        .isEqualTo(new Verdict.Scheduled(12 * MS + MS / 2));
    // After the link has gone idle, a packet starts at once again.
    assertThat(line.offer(Packets.ipv4("192.0.2.1", "192.0.2.2", 1000), 100 * MS))
        .isEqualTo(new Verdict.Scheduled(111 * MS));
  }

  @Test
  void the_two_directions_of_a_pair_do_not_queue_behind_each_other() {
    DelayLine line =
        line(ConditionsTable.of(LinkConditions.NONE).with(A, B, delay(0).withRate(8_000_000)));

    line.offer(Packets.ipv4("192.0.2.1", "192.0.2.2", 1000), 0);

    assertThat(line.offer(Packets.ipv4("192.0.2.2", "192.0.2.1", 1000), 0))
        .isEqualTo(new Verdict.Scheduled(MS));
  }

  @Test
  void a_capped_links_queue_drops_what_would_overflow_it_like_a_router() {
    // 8 Mbit/s and 256 KiB of queue: 262 packets of 1000 bytes fit, the next is dropped.
    DelayLine line =
        line(ConditionsTable.of(LinkConditions.NONE).with(A, B, delay(0).withRate(8_000_000)));
    for (int i = 0; i < 262; i++) {
      assertThat(line.offer(Packets.ipv4("192.0.2.1", "192.0.2.2", 1000), 0))
          .isInstanceOf(Verdict.Scheduled.class);
    }

    assertThat(line.offer(Packets.ipv4("192.0.2.1", "192.0.2.2", 1000), 0))
        .isEqualTo(new Verdict.Dropped(Verdict.Reason.QUEUE_FULL));
    // Once one packet's time on the wire has passed, one more fits.
    assertThat(line.offer(Packets.ipv4("192.0.2.1", "192.0.2.2", 1000), MS))
        .isInstanceOf(Verdict.Scheduled.class);
    assertThat(line.counters().queueFull()).isEqualTo(1);
  }

  @Test
  void packets_of_one_direction_leave_in_the_order_they_came_even_when_the_delay_shrinks() {
    DelayLine line = line(ConditionsTable.of(delay(50)));
    byte[] first = Packets.ipv4("192.0.2.1", "192.0.2.2", 60);
    byte[] second = Packets.ipv4("192.0.2.1", "192.0.2.2", 61);

    line.offer(first, 0);
    line.table(ConditionsTable.of(delay(5)));

    assertThat(line.offer(second, MS)).isEqualTo(new Verdict.Scheduled(50 * MS));
    assertThat(line.due(50 * MS)).containsExactly(first, second);
  }

  @Test
  void packets_of_different_pairs_are_released_by_their_own_times() {
    Ipv4Address c = Ipv4Address.parse("192.0.2.3");
    DelayLine line =
        line(ConditionsTable.of(LinkConditions.NONE).with(A, B, delay(30)).with(A, c, delay(10)));
    byte[] slow = Packets.ipv4("192.0.2.1", "192.0.2.2", 60);
    byte[] fast = Packets.ipv4("192.0.2.1", "192.0.2.3", 60);

    line.offer(slow, 0);
    line.offer(fast, MS);

    assertThat(line.due(11 * MS)).containsExactly(fast);
    assertThat(line.nextRelease()).isEqualTo(OptionalLong.of(30 * MS));
    assertThat(line.due(40 * MS)).containsExactly(slow);
  }

  @Test
  void a_packet_is_lost_when_the_draw_falls_under_the_pairs_loss() {
    DelayLine line =
        line(
            ConditionsTable.of(LinkConditions.NONE).with(A, B, delay(0).withLoss(0.05)),
            new ScriptedRandom(0.049, 0.05, 0.9));

    assertThat(line.offer(Packets.ipv4("192.0.2.1", "192.0.2.2", 60), 0))
        .isEqualTo(new Verdict.Dropped(Verdict.Reason.LOST));
    assertThat(line.offer(Packets.ipv4("192.0.2.1", "192.0.2.2", 60), 0))
        .isInstanceOf(Verdict.Scheduled.class);
    assertThat(line.offer(Packets.ipv4("192.0.2.1", "192.0.2.2", 60), 0))
        .isInstanceOf(Verdict.Scheduled.class);
    assertThat(line.counters().lost()).isEqualTo(1);
  }

  @Test
  void a_lossless_pair_draws_no_randomness() {
    // The scripted source has nothing to give: a draw would throw.
    DelayLine line = line(ConditionsTable.of(LinkConditions.NONE), new ScriptedRandom());

    assertThat(line.offer(Packets.ipv4("192.0.2.1", "192.0.2.2", 60), 0))
        .isInstanceOf(Verdict.Scheduled.class);
  }

  @Test
  void loss_over_many_packets_comes_near_its_fraction() {
    DelayLine line =
        line(ConditionsTable.of(LinkConditions.NONE.withLoss(0.05)), new SplittableRandom(42));
    for (int i = 0; i < 100_000; i++) {
      line.offer(Packets.ipv4("192.0.2.1", "192.0.2.2", 20), i);
      line.due(i);
    }

    assertThat(line.counters().lost()).isBetween(4_700L, 5_300L);
  }

  @Test
  void a_packet_that_is_not_ipv4_is_dropped_and_never_released() {
    DelayLine line = line(ConditionsTable.of(LinkConditions.NONE));
    byte[] ipv6 = new byte[48];
    ipv6[0] = 0x60;

    assertThat(line.offer(ipv6, 0)).isEqualTo(new Verdict.Dropped(Verdict.Reason.MALFORMED));
    assertThat(line.offer(new byte[0], 0)).isEqualTo(new Verdict.Dropped(Verdict.Reason.MALFORMED));
    assertThat(line.due(Long.MAX_VALUE / 2)).isEmpty();
    assertThat(line.counters().malformed()).isEqualTo(2);
  }

  @Test
  void a_packet_from_or_to_an_address_outside_the_testbed_is_dropped_and_never_released() {
    DelayLine line = line(ConditionsTable.of(LinkConditions.NONE));

    assertThat(line.offer(Packets.ipv4("192.0.2.1", "198.51.100.7", 60), 0))
        .isEqualTo(new Verdict.Dropped(Verdict.Reason.FOREIGN));
    assertThat(line.offer(Packets.ipv4("10.0.0.1", "192.0.2.1", 60), 0))
        .isEqualTo(new Verdict.Dropped(Verdict.Reason.FOREIGN));
    assertThat(line.due(Long.MAX_VALUE / 2)).isEmpty();
    assertThat(line.counters()).isEqualTo(new EmulatorCounters(2, 0, 2, 0, 0, 0, 0, 0));
  }

  @Test
  void a_line_that_holds_its_most_packets_drops_the_next() {
    DelayLine line =
        new DelayLine(TESTBED, ConditionsTable.of(delay(100)), new ScriptedRandom(), 65_535, 2);
    line.offer(Packets.ipv4("192.0.2.1", "192.0.2.2", 60), 0);
    line.offer(Packets.ipv4("192.0.2.2", "192.0.2.1", 60), 0);

    assertThat(line.offer(Packets.ipv4("192.0.2.1", "192.0.2.2", 60), 0))
        .isEqualTo(new Verdict.Dropped(Verdict.Reason.OVERLOADED));
    assertThat(line.counters().held()).isEqualTo(2);
  }

  private static LinkConditions delay(long millis) {
    return LinkConditions.delay(Duration.ofMillis(millis));
  }
}
