package org.jmasq.node.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jmasq.payload.SequencedPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ordered, back-pressured writing of one stream direction, with producer and drainer on real
 * threads.
 */
@Timeout(10)
class OrderedWriterTest {
  private static final long WAIT_SECONDS = 5;

  private static SequencedPacket packet(long sequence, int length, boolean last) {
    byte[] data = new byte[length];
    java.util.Arrays.fill(data, (byte) ('a' + sequence));
    return new SequencedPacket(data, sequence, last);
  }

  private static String text(long sequence, int length) {
    return String.valueOf((char) ('a' + sequence)).repeat(length);
  }

  /** Runs {@code task} on its own platform thread, so the test can watch it block. */
  private static <T> Started<T> start(String name, java.util.concurrent.Callable<T> task) {
    FutureTask<T> future = new FutureTask<>(task);
    Thread thread = Thread.ofPlatform().name(name).daemon().start(future);
    return new Started<>(thread, future);
  }

  private record Started<T>(Thread thread, FutureTask<T> future) {
    T result() throws InterruptedException, ExecutionException, TimeoutException {
      return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Waits until the thread parks (it is then blocked on the writer's condition); fails if it
     * finishes instead.
     */
    void awaitBlocked() {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (thread.getState() != Thread.State.WAITING) {
        if (future.isDone()) {
          fail(thread.getName() + " finished instead of blocking");
        }
        if (System.nanoTime() > deadline) {
          fail(thread.getName() + " never blocked; state " + thread.getState());
        }
        Thread.onSpinWait();
      }
    }
  }

  @Test
  void packets_offered_out_of_order_are_written_in_order_up_to_the_last_one() throws Exception {
    OrderedWriter writer = new OrderedWriter(1 << 20);
    writer.offer(packet(2, 3, true));
    writer.offer(packet(0, 1, false));
    writer.offer(packet(1, 2, false));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(writer.drainTo(out)).isEqualTo(OrderedWriter.End.LAST_DATA);
    assertThat(out.toString(java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("a" + "bb" + "ccc");
  }

  @Test
  void a_duplicate_packet_is_written_once() throws Exception {
    OrderedWriter writer = new OrderedWriter(1 << 20);
    writer.offer(packet(0, 2, false));
    writer.offer(packet(0, 2, false));
    writer.offer(packet(1, 1, false));
    writer.offer(packet(0, 2, false));
    writer.offer(packet(2, 0, true));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.drainTo(out);
    assertThat(out.toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("aab");
  }

  @Test
  void nothing_after_the_last_packet_is_written() throws Exception {
    OrderedWriter writer = new OrderedWriter(1 << 20);
    writer.offer(packet(0, 1, false));
    writer.offer(packet(1, 1, true));
    writer.offer(packet(2, 1, false));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(writer.drainTo(out)).isEqualTo(OrderedWriter.End.LAST_DATA);
    assertThat(out.toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ab");
  }

  @Test
  void an_empty_last_packet_ends_the_drain_without_writing() throws Exception {
    OrderedWriter writer = new OrderedWriter(1 << 20);
    writer.offer(packet(0, 0, true));
    int[] writes = {0};
    OutputStream counting =
        new OutputStream() {
          @Override
          public void write(int b) {
            writes[0]++;
          }

          @Override
          public void write(byte[] b, int off, int len) {
            writes[0]++;
          }
        };
    assertThat(writer.drainTo(counting)).isEqualTo(OrderedWriter.End.LAST_DATA);
    assertThat(writes[0]).isZero();
  }

  @Test
  void the_drain_waits_for_a_missing_packet_and_writes_once_it_arrives() throws Exception {
    OrderedWriter writer = new OrderedWriter(1 << 20);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.offer(packet(1, 1, true));
    Started<OrderedWriter.End> drain = start("drain", () -> writer.drainTo(out));
    drain.awaitBlocked();
    assertThat(out.size()).isZero();
    writer.offer(packet(0, 1, false));
    assertThat(drain.result()).isEqualTo(OrderedWriter.End.LAST_DATA);
    assertThat(out.toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ab");
  }

  @Test
  void a_producer_blocks_while_more_than_the_limit_is_buffered_and_resumes_when_drained()
      throws Exception {
    OrderedWriter writer = new OrderedWriter(10);
    writer.offer(packet(1, 20, false)); // over the limit, held back behind the gap at 0
    Started<Void> producer =
        start(
            "producer",
            () -> {
              writer.offer(packet(2, 5, true));
              return null;
            });
    producer.awaitBlocked();

    writer.offer(packet(0, 1, false)); // fills the gap, so it is taken even over the limit
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Started<OrderedWriter.End> drain = start("drain", () -> writer.drainTo(out));

    producer.result();
    assertThat(drain.result()).isEqualTo(OrderedWriter.End.LAST_DATA);
    assertThat(out.toString(java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo(text(0, 1) + text(1, 20) + text(2, 5));
  }

  @Test
  void a_producer_is_not_blocked_at_exactly_the_limit() throws Exception {
    OrderedWriter writer = new OrderedWriter(10);
    writer.offer(packet(1, 10, false));
    Started<Void> producer =
        start(
            "producer",
            () -> {
              writer.offer(packet(2, 10, false));
              return null;
            });
    producer.result();
  }

  @Test
  void abort_releases_a_blocked_producer_and_ends_the_drain() throws Exception {
    OrderedWriter writer = new OrderedWriter(10);
    writer.offer(packet(1, 20, false));
    Started<Void> producer =
        start(
            "producer",
            () -> {
              writer.offer(packet(2, 5, false));
              return null;
            });
    producer.awaitBlocked();

    writer.abort();

    producer.result();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.offer(packet(0, 1, false));
    assertThat(writer.drainTo(out)).isEqualTo(OrderedWriter.End.ABORTED);
    assertThat(out.size()).isZero();
  }

  @Test
  void abort_wakes_a_drain_that_waits_for_data() throws Exception {
    OrderedWriter writer = new OrderedWriter(10);
    Started<OrderedWriter.End> drain =
        start("drain", () -> writer.drainTo(new ByteArrayOutputStream()));
    drain.awaitBlocked();
    writer.abort();
    assertThat(drain.result()).isEqualTo(OrderedWriter.End.ABORTED);
  }

  @Test
  void a_failing_output_ends_the_drain_with_its_exception() throws Exception {
    OrderedWriter writer = new OrderedWriter(10);
    writer.offer(packet(0, 1, false));
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("broken pipe");
          }
        };
    try {
      writer.drainTo(broken);
      fail("the drain ignored a failed write");
    } catch (IOException e) {
      assertThat(e).hasMessage("broken pipe");
    }
  }

  @Test
  void an_offer_says_whether_the_packet_was_new() throws Exception {
    OrderedWriter writer = new OrderedWriter(1 << 20);

    assertThat(writer.offer(packet(1, 3, false))).isTrue();
    assertThat(writer.offer(packet(1, 3, false))).as("a duplicate").isFalse();
    assertThat(writer.offer(packet(0, 3, false))).isTrue();
    writer.abort();
    assertThat(writer.offer(packet(2, 3, false))).as("after an abort").isFalse();
  }

  @Test
  void a_raised_limit_lets_a_blocked_producer_go_on_and_a_lower_one_changes_nothing()
      throws Exception {
    OrderedWriter writer = new OrderedWriter(10);
    writer.offer(packet(1, 20, false)); // over the limit, held back behind the gap at 0
    Started<Boolean> producer = start("producer", () -> writer.offer(packet(2, 5, false)));
    producer.awaitBlocked();

    writer.raiseLimit(5);
    producer.awaitBlocked();
    assertThat(writer.bufferedBytes()).isEqualTo(20);

    writer.raiseLimit(40);
    assertThat(producer.result()).as("taken once the window's buffer may hold it").isTrue();
    assertThat(writer.bufferedBytes()).isEqualTo(25);
  }
}
