package org.jmasq.node.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jmasq.identity.NodeAddr;
import org.jmasq.node.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Handshake exhaustion: ClientHello bytes dripped a second apart kept a link handshake alive for as
 * long as the attacker liked, and 450 such connections from one IP took every file descriptor. Here
 * hundreds of them, from one address and from fifteen others, are held and re-dialled for 20 s
 * against the Node every other Node debuts to; each is closed within the handshake deadline, the
 * Node holds no more of them than its bounds, and meanwhile an honest Node links to it and the
 * user's traffic flows through it.
 */
@Timeout(180)
class HandshakeExhaustionTest {
  private static final int NET = 33;
  private static final Duration ATTACK = Duration.ofSeconds(20);

  /** The link handshake's deadline. */
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  /** What a closing may lag the deadline by: the timer, an I/O thread, this test's reader. */
  private static final Duration SLACK = Duration.ofSeconds(3);

  private static final int PENDING = 64;
  private static final int PENDING_PER_IP = 4;

  @TempDir Path root;

  private static List<InetAddress> sources(RealNodes nodes) {
    List<InetAddress> sources = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      sources.add(nodes.ip(100));
    }
    // 15 more addresses, each within its own bound: together they fill the Node's handshakes.
    for (int n = 101; n <= 115; n++) {
      for (int i = 0; i < PENDING_PER_IP; i++) {
        sources.add(nodes.ip(n));
      }
    }
    return sources;
  }

  @Test
  void slow_handshakes_are_closed_at_the_deadline_and_bounded_while_honest_nodes_are_served()
      throws Exception {
    try (CountingOrigin origin = new CountingOrigin();
        RealNodes nodes = RealNodes.start(NET, root, 3)) {
      Node target = nodes.standard(0);
      NodeAddr addr = target.descriptor().nodeAddr().orElseThrow();
      InetSocketAddress port = new InetSocketAddress(addr.ip(), addr.ports().get(0));
      // The links other Nodes made to the target before the attack.
      long before = ProcessSockets.at(port);
      AtomicLong held = new AtomicLong();
      AtomicLong heldFromOneIp = new AtomicLong();

      try (SlowHandshakes attack = new SlowHandshakes(port, sources(nodes))) {
        attack.everySecond(
            () -> {
              try {
                held.accumulateAndGet(ProcessSockets.at(port) - before, Math::max);
                heldFromOneIp.accumulateAndGet(ProcessSockets.at(port, nodes.ip(100)), Math::max);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
        long start = System.nanoTime();
        attack.start();
        assertThat(within(attack, Duration.ofSeconds(15), () -> held.get() >= PENDING))
            .as("the attack fills the target's handshakes")
            .isTrue();

        Node honest = nodes.startStandard(50, List.of(target.descriptor()), c -> c);
        assertThat(
                within(
                    attack,
                    Duration.ofSeconds(20),
                    () -> target.traffic().neighbors().contains(honest.descriptor().key())))
            .as("an honest Node links to the target during the attack")
            .isTrue();
        String page = RealNodes.fetchUntilServed(nodes.user(), origin.url("under-attack"), ATTACK);
        assertThat(page).contains(CountingOrigin.PAGE);

        Duration left = ATTACK.minusNanos(System.nanoTime() - start);
        within(attack, left.isNegative() ? Duration.ZERO : left, () -> false);
        attack.stopRedialling();
        boolean allClosed =
            within(attack, DEADLINE.plus(SLACK).plus(SLACK), () -> attack.stillOpen() == 0);

        System.out.printf(
            "opened %d, still open %d, longest lived %d ms, held at most %d (%d from one IP)%n",
            attack.opened(),
            attack.stillOpen(),
            TimeUnit.NANOSECONDS.toMillis(attack.longestLifetimeNanos()),
            held.get(),
            heldFromOneIp.get());
        assertThat(attack.failure()).as("the attacker's own failure").isNull();
        assertThat(attack.opened())
            .as("connections the attacker opened")
            .isGreaterThanOrEqualTo(sources(nodes).size());
        assertThat(allClosed)
            .as("%d of the attacker's connections still open", attack.stillOpen())
            .isTrue();
        assertThat(Duration.ofNanos(attack.longestLifetimeNanos()))
            .as("the longest an attacker's connection lived")
            .isLessThanOrEqualTo(DEADLINE.plus(SLACK));
        assertThat(held.get())
            .as("the most attack connections the target held at once")
            .isLessThanOrEqualTo(PENDING + 8);
        assertThat(heldFromOneIp.get())
            .as("the most the target held from one address")
            .isLessThanOrEqualTo(PENDING_PER_IP + 2);
      }
      assertThat(ProcessSockets.at(port) - before)
          .as("the target's sockets once the attacker is gone, besides the honest Node's link")
          .isLessThanOrEqualTo(1);
    }
  }

  /**
   * Whether {@code condition} holds on one of the attacker's seconds within {@code limit}; the
   * attack goes on meanwhile.
   */
  private static boolean within(SlowHandshakes attack, Duration limit, BooleanSupplier condition)
      throws Exception {
    CompletableFuture<Void> met = new CompletableFuture<>();
    attack.everySecond(
        () -> {
          if (condition.getAsBoolean()) {
            met.complete(null);
          }
        });
    try {
      met.get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    }
  }
}
