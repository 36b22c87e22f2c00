package org.jmasq.node.proxyserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.jmasq.accountant.RouteCharges;
import org.jmasq.cores.Component;
import org.jmasq.cores.RoutePlan;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.payload.StreamAck;
import org.jmasq.payload.StreamKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SharedRouteTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  @Timeout(30)
  void many_streams_sending_at_once_hand_over_the_routes_packages_in_tag_order() throws Exception {
    PublicKey self = NodeKeyPair.generate(RANDOM).publicKey();
    RoutePlan plan =
        RoutePlan.roundTrip(
            List.of(self, self),
            Component.PROXY_CLIENT,
            List.of(self, self),
            Component.PROXY_SERVER,
            k -> Optional.empty(),
            0,
            RANDOM);
    SharedRoute route =
        new SharedRoute(
            new RouteSource.RouteLegs(List.of(self, self), List.of(self, self)),
            StreamIsolation.NONE,
            plan,
            EnvelopeSealer.to(self, RANDOM),
            0,
            RouteCharges.free(),
            Instant.EPOCH);
    List<Long> counters = new ArrayList<>();
    // The transmitter takes its time, as a link's full queue does: the threads pile up on it.
    org.jmasq.node.hopper.Transmitter transmitter =
        p -> {
          long counter = p.tag();
          Thread.onSpinWait();
          synchronized (counters) {
            counters.add(counter);
          }
        };
    int threads = 8;
    int each = 500;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      StreamKey key = StreamKey.of(new byte[StreamKey.LENGTH]);
      senders.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      start.await();
                      for (int i = 0; i < each; i++) {
                        route.send(
                            transmitter,
                            new StreamAck(key, self, i, StreamAck.DEFAULT_WINDOW),
                            Optional.empty());
                      }
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  }));
    }
    start.countDown();
    for (Thread t : senders) {
      t.join();
    }

    assertThat(counters).hasSize(threads * each);
    for (int i = 0; i < counters.size(); i++) {
      assertThat(counters.get(i)).as("package %d", i).isEqualTo((long) i);
    }
  }
}
