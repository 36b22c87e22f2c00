package org.jmasq.node.automap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jmasq.automap.MappingProtocol;
import org.jmasq.automap.NatPmp;
import org.jmasq.automap.ServerEpoch;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

class NatPmpClientTest {
  static final UdpExchange.Timing QUICK =
      new UdpExchange.Timing(Duration.ofMillis(50), 3, Duration.ofSeconds(2));
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

  static Inet4Address publicIp() throws Exception {
    return (Inet4Address) InetAddress.getByName("100.128.0.1");
  }

  /** A NAT-PMP router that grants what it is asked, up to 300 s, at epoch 1000. */
  static Optional<byte[]> router(byte[] request) {
    try {
      return Optional.of(
          NatPmp.encode(
              switch (NatPmp.decodeRequest(request)) {
                case NatPmp.ExternalAddressRequest r ->
                    new NatPmp.ExternalAddressAnswer(1000, publicIp());
                case NatPmp.MapRequest m ->
                    new NatPmp.MapAnswer(
                        1000,
                        m.internalPort(),
                        m.suggestedExternalPort(),
                        Math.min(300, m.lifetimeSeconds()));
              }));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void a_mapping_comes_with_the_public_ip_the_granted_lifetime_and_the_epoch() throws Exception {
    try (FakeUdpRouter router = new FakeUdpRouter(NatPmpClientTest::router)) {
      NatPmpClient client = new NatPmpClient(router.address(), QUICK, clock);
      Mapping mapping = client.map(5555, Duration.ofSeconds(600));
      assertThat(mapping)
          .isEqualTo(
              new Mapping(
                  MappingProtocol.PMP,
                  5555,
                  5555,
                  publicIp(),
                  Duration.ofSeconds(300),
                  Optional.of(new ServerEpoch(1000, clock.instant()))));
      assertThat(NatPmp.decodeRequest(router.received().get(0)))
          .isEqualTo(new NatPmp.MapRequest(5555, 5555, 600));
      assertThat(client.publicIp().ip()).isEqualTo(publicIp());
    }
  }

  @Test
  void the_removal_asks_for_lifetime_zero_and_no_external_port() throws Exception {
    try (FakeUdpRouter router = new FakeUdpRouter(NatPmpClientTest::router)) {
      NatPmpClient client = new NatPmpClient(router.address(), QUICK, clock);
      client.unmap(client.map(5555, Duration.ofSeconds(600)));
      assertThat(NatPmp.decodeRequest(router.received().getLast()))
          .isEqualTo(new NatPmp.MapRequest(5555, 0, 0));
    }
  }

  @Test
  void a_refusal_is_reported_with_its_result() throws Exception {
    try (FakeUdpRouter router =
        new FakeUdpRouter(r -> Optional.of(NatPmp.encode(new NatPmp.Refusal(2, 2, 1000))))) {
      NatPmpClient client = new NatPmpClient(router.address(), QUICK, clock);
      assertThatThrownBy(() -> client.map(5555, Duration.ofSeconds(600)))
          .isInstanceOfSatisfying(
              AutomapException.class,
              e -> assertThat(e.reason()).isEqualTo(AutomapException.Reason.REFUSED))
          .hasMessageContaining("NOT_AUTHORIZED");
    }
  }

  @Test
  void a_silent_router_is_asked_a_bounded_number_of_times_then_given_up() throws Exception {
    try (FakeUdpRouter router = new FakeUdpRouter(r -> Optional.empty())) {
      NatPmpClient client = new NatPmpClient(router.address(), QUICK, clock);
      assertThatThrownBy(client::publicIp)
          .isInstanceOfSatisfying(
              AutomapException.class,
              e -> assertThat(e.reason()).isEqualTo(AutomapException.Reason.NO_ANSWER));
      assertThat(router.received()).hasSize(3);
    }
  }

  @Test
  void a_lost_answer_is_made_good_by_the_retransmit() throws Exception {
    AtomicInteger seen = new AtomicInteger();
    try (FakeUdpRouter router =
        new FakeUdpRouter(r -> seen.incrementAndGet() == 1 ? Optional.empty() : router(r))) {
      NatPmpClient client = new NatPmpClient(router.address(), QUICK, clock);
      assertThat(client.publicIp().ip()).isEqualTo(publicIp());
      assertThat(router.received()).hasSize(2);
    }
  }

  @Test
  void a_garbled_answer_is_malformed() throws Exception {
    try (FakeUdpRouter router =
        new FakeUdpRouter(r -> Optional.of(new byte[] {0, (byte) 128, 0}))) {
      NatPmpClient client = new NatPmpClient(router.address(), QUICK, clock);
      assertThatThrownBy(client::publicIp)
          .isInstanceOfSatisfying(
              AutomapException.class,
              e -> assertThat(e.reason()).isEqualTo(AutomapException.Reason.MALFORMED));
    }
  }
}
