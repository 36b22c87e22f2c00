package org.jmasq.testbed.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ValuesTest {

  private static final Ipv4Address A = Ipv4Address.parse("192.0.2.1");
  private static final Ipv4Address B = Ipv4Address.parse("192.0.2.2");
  private static final Ipv4Address C = Ipv4Address.parse("203.0.113.9");

  @Test
  void an_address_reads_and_prints_as_a_dotted_quad() {
    assertThat(Ipv4Address.parse("203.0.113.255").toString()).isEqualTo("203.0.113.255");
    assertThat(Ipv4Address.parse("255.255.255.255").bits()).isEqualTo(-1);
    for (String bad : new String[] {"1.2.3", "1.2.3.256", "1.2.3.-4", "1..2.3", "a.b.c.d"}) {
      assertThatThrownBy(() -> Ipv4Address.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void a_prefix_holds_its_block_and_nothing_else() {
    Ipv4Prefix documentation = Ipv4Prefix.parse("198.51.100.0/24");

    assertThat(documentation.contains(Ipv4Address.parse("198.51.100.200"))).isTrue();
    assertThat(documentation.contains(Ipv4Address.parse("198.51.101.1"))).isFalse();
    assertThat(Ipv4Prefix.parse("0.0.0.0/0").contains(C)).isTrue();
    assertThatThrownBy(() -> Ipv4Prefix.parse("198.51.100.1/24"))
        .hasMessageContaining("no host bits");
    assertThatThrownBy(() -> Ipv4Prefix.parse("198.51.100.0/33"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_pair_is_the_same_either_way_round() {
    assertThat(HostPair.of(A, B)).isEqualTo(HostPair.of(B, A));
    assertThatThrownBy(() -> new HostPair(B, A)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void conditions_outside_their_ranges_are_refused() {
    assertThatThrownBy(() -> LinkConditions.delay(Duration.ofMillis(151)))
        .hasMessageContaining("0~150 ms");
    assertThatThrownBy(() -> LinkConditions.delay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LinkConditions.NONE.withLoss(0.051)).hasMessageContaining("0~0.05");
    assertThatThrownBy(() -> LinkConditions.NONE.withLoss(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LinkConditions.NONE.withRate(7_999))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(LinkConditions.delay(Duration.ofMillis(150)).withLoss(0.05).withRate(8_000))
        .isEqualTo(new LinkConditions(Duration.ofMillis(150), 0.05, OptionalLong.of(8_000)));
  }

  @Test
  void serialization_takes_the_packets_bits_over_the_rate_rounded_up() {
    LinkConditions eightMegabit = LinkConditions.NONE.withRate(8_000_000);

    assertThat(eightMegabit.serializationNanos(1000)).isEqualTo(1_000_000);
    assertThat(eightMegabit.serializationNanos(1)).isEqualTo(1_000);
    assertThat(LinkConditions.NONE.withRate(3_000_000).serializationNanos(1)).isEqualTo(2_667);
    assertThat(LinkConditions.NONE.serializationNanos(65_535)).isZero();
  }

  @Test
  void a_table_gives_a_pairs_own_conditions_both_ways_and_the_default_to_the_rest() {
    LinkConditions slow = LinkConditions.delay(Duration.ofMillis(40));
    LinkConditions lossy = LinkConditions.NONE.withLoss(0.01);
    ConditionsTable table = ConditionsTable.of(lossy).with(A, B, slow);

    assertThat(table.between(A, B)).isEqualTo(slow);
    assertThat(table.between(B, A)).isEqualTo(slow);
    assertThat(table.between(A, C)).isEqualTo(lossy);
    assertThat(table.withDefault(LinkConditions.NONE).between(C, B)).isEqualTo(LinkConditions.NONE);
    assertThat(table.withDefault(LinkConditions.NONE).between(A, B)).isEqualTo(slow);
  }

  @Test
  void every_command_reads_back_as_it_was_written() {
    LinkConditions link = LinkConditions.delay(Duration.ofNanos(40_000_123)).withLoss(0.0312);
    for (ControlCommand command :
        new ControlCommand[] {
          new ControlCommand.SetPair(A, C, link),
          new ControlCommand.SetPair(A, C, link.withRate(8_000_000)),
          new ControlCommand.SetDefault(LinkConditions.NONE),
          new ControlCommand.QueryCounters()
        }) {
      assertThat(ControlCommand.decode(command.encode())).isEqualTo(command);
    }
  }

  @Test
  void a_command_that_is_not_one_is_refused_with_what_was_expected() {
    assertThatThrownBy(() -> ControlCommand.decode("")).hasMessageContaining("expected");
    assertThatThrownBy(() -> ControlCommand.decode("pair 192.0.2.1 192.0.2.2 0 0"))
        .hasMessageContaining("expected: pair <a> <b>");
    assertThatThrownBy(() -> ControlCommand.decode("default x 0 unlimited"))
        .hasMessageContaining("numbers");
    assertThatThrownBy(() -> ControlCommand.decode("default 0 0.5 unlimited"))
        .hasMessageContaining("0~0.05");
    assertThatThrownBy(() -> ControlCommand.decode("counters " + "x".repeat(300)))
        .hasMessageContaining("<= 200");
  }

  @Test
  void counters_read_back_as_they_were_written() {
    EmulatorCounters counters = new EmulatorCounters(10, 1, 2, 3, 0, 0, 4, 0);

    assertThat(EmulatorCounters.decode(counters.encode())).isEqualTo(counters);
    assertThat(counters.accepted()).isEqualTo(7);
    assertThatThrownBy(() -> EmulatorCounters.decode("received=1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
