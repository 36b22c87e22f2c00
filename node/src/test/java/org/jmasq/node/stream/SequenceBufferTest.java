package org.jmasq.node.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jmasq.payload.SequencedPacket;
import org.junit.jupiter.api.Test;

/** Putting one direction of a stream back in sequence order. */
class SequenceBufferTest {
  private final SequenceBuffer buffer = new SequenceBuffer();

  private static SequencedPacket packet(long sequence) {
    return new SequencedPacket(new byte[] {(byte) sequence}, sequence, false);
  }

  private List<Long> drain() {
    List<Long> out = new ArrayList<>();
    Optional<SequencedPacket> next;
    while ((next = buffer.poll()).isPresent()) {
      out.add(next.get().sequenceNumber());
    }
    return out;
  }

  @Test
  void a_new_buffer_waits_for_packet_zero() {
    assertThat(buffer.nextExpected()).isZero();
    assertThat(buffer.isEmpty()).isTrue();
    assertThat(buffer.poll()).isEmpty();
  }

  @Test
  void
      a_packet_too_far_ahead_of_the_awaited_one_is_refused_so_made_up_numbers_cannot_grow_the_buffer() {
    assertThat(buffer.add(packet(SequenceBuffer.MAX_AHEAD - 1))).isTrue();
    assertThat(buffer.add(packet(SequenceBuffer.MAX_AHEAD))).isFalse();
    assertThat(buffer.add(packet(Long.MAX_VALUE))).isFalse();
    assertThat(buffer.add(packet(0))).isTrue();
    assertThat(buffer.poll()).isPresent();
    assertThat(buffer.add(packet(SequenceBuffer.MAX_AHEAD)))
        .as("the window moves with the awaited packet")
        .isTrue();
  }

  @Test
  void packets_that_arrive_out_of_order_come_out_in_order() {
    for (long s : new long[] {3, 1, 0, 4, 2}) {
      assertThat(buffer.add(packet(s))).isTrue();
    }
    assertThat(drain()).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(buffer.nextExpected()).isEqualTo(5);
    assertThat(buffer.isEmpty()).isTrue();
  }

  @Test
  void a_gap_holds_back_everything_after_it_until_it_is_filled() {
    buffer.add(packet(0));
    buffer.add(packet(2));
    buffer.add(packet(3));
    assertThat(drain()).containsExactly(0L);
    assertThat(buffer.isEmpty()).isFalse();
    assertThat(buffer.nextExpected()).isEqualTo(1);
    buffer.add(packet(1));
    assertThat(drain()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void a_duplicate_of_a_waiting_packet_is_refused() {
    assertThat(buffer.add(packet(1))).isTrue();
    assertThat(buffer.add(packet(1))).isFalse();
    buffer.add(packet(0));
    assertThat(drain()).containsExactly(0L, 1L);
  }

  @Test
  void a_packet_that_was_already_delivered_is_refused() {
    buffer.add(packet(0));
    buffer.add(packet(1));
    drain();
    assertThat(buffer.add(packet(0))).isFalse();
    assertThat(buffer.add(packet(1))).isFalse();
    assertThat(buffer.isEmpty()).isTrue();
  }

  @Test
  void the_first_copy_of_a_duplicated_packet_is_the_one_delivered() {
    buffer.add(new SequencedPacket(new byte[] {1}, 0, false));
    buffer.add(new SequencedPacket(new byte[] {2}, 0, true));
    assertThat(buffer.poll()).contains(new SequencedPacket(new byte[] {1}, 0, false));
  }
}
