package org.jmasq.node.automap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.jmasq.automap.Nonce;
import org.jmasq.automap.Pcp;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

class PcpClientTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

  /** A PCP router that grants up to 300 s at epoch 77, from 100.128.0.1. */
  static Optional<byte[]> router(byte[] bytes) {
    try {
      Pcp.MapRequest request = Pcp.decodeRequest(bytes);
      return Optional.of(
          Pcp.encode(
              new Pcp.MapAnswer(
                  Math.min(300, request.lifetimeSeconds()),
                  77,
                  request.nonce(),
                  Pcp.TCP,
                  request.internalPort(),
                  request.lifetimeSeconds() == 0 ? 0 : request.internalPort(),
                  InetAddress.getByName("100.128.0.1"))));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private PcpClient client(FakeUdpRouter router) throws AutomapException {
    return new PcpClient(router.address(), NatPmpClientTest.QUICK, clock, new Random(1));
  }

  @Test
  void a_mapping_its_renewal_and_its_removal_share_one_nonce_and_name_this_host() throws Exception {
    try (FakeUdpRouter router = new FakeUdpRouter(PcpClientTest::router)) {
      PcpClient client = client(router);
      Mapping mapping = client.map(5555, Duration.ofSeconds(600));
      assertThat(mapping.publicIp()).isEqualTo(InetAddress.getByName("100.128.0.1"));
      assertThat(mapping.lifetime()).isEqualTo(Duration.ofSeconds(300));
      assertThat(mapping.epoch().orElseThrow().serverSeconds()).isEqualTo(77);
      client.map(5555, Duration.ofSeconds(600));
      client.unmap(mapping);
      Pcp.MapRequest first = Pcp.decodeRequest(router.received().get(0));
      Pcp.MapRequest removal = Pcp.decodeRequest(router.received().get(2));
      assertThat(first.clientAddress()).isEqualTo(InetAddress.getLoopbackAddress());
      assertThat(first.lifetimeSeconds()).isEqualTo(600);
      assertThat(Pcp.decodeRequest(router.received().get(1)).nonce()).isEqualTo(first.nonce());
      assertThat(removal.nonce()).isEqualTo(first.nonce());
      assertThat(removal.lifetimeSeconds()).isZero();
    }
  }

  @Test
  void without_a_mapping_the_public_ip_is_asked_with_a_lifetime_zero_map_of_another_port()
      throws Exception {
    try (FakeUdpRouter router = new FakeUdpRouter(PcpClientTest::router)) {
      PcpClient client = client(router);
      assertThat(client.publicIp().ip()).isEqualTo(InetAddress.getByName("100.128.0.1"));
      client.map(5555, Duration.ofSeconds(600));
      Pcp.MapRequest probe = Pcp.decodeRequest(router.received().get(0));
      assertThat(probe.lifetimeSeconds()).isZero();
      assertThat(probe.internalPort()).isEqualTo(PcpClient.PROBE_PORT);
      assertThat(probe.nonce()).isNotEqualTo(Pcp.decodeRequest(router.received().get(1)).nonce());
    }
  }

  @Test
  void with_a_mapping_the_public_ip_is_asked_by_renewing_it() throws Exception {
    try (FakeUdpRouter router = new FakeUdpRouter(PcpClientTest::router)) {
      PcpClient client = client(router);
      client.map(5555, Duration.ofSeconds(600));
      assertThat(client.publicIp().ip()).isEqualTo(InetAddress.getByName("100.128.0.1"));
      assertThat(Pcp.decodeRequest(router.received().get(1)))
          .isEqualTo(Pcp.decodeRequest(router.received().get(0)));
    }
  }

  @Test
  void a_nat_pmp_only_router_and_an_error_answer_are_refusals() throws Exception {
    try (FakeUdpRouter natPmpOnly =
            new FakeUdpRouter(r -> Optional.of(Pcp.encode(new Pcp.OtherVersion(0))));
        FakeUdpRouter full =
            new FakeUdpRouter(r -> Optional.of(Pcp.encode(new Pcp.ErrorAnswer(1, 8, 30, 5))))) {
      assertThatThrownBy(() -> client(natPmpOnly).map(5555, Duration.ofSeconds(600)))
          .isInstanceOfSatisfying(
              AutomapException.class,
              e -> assertThat(e.reason()).isEqualTo(AutomapException.Reason.REFUSED))
          .hasMessageContaining("version 0");
      assertThatThrownBy(() -> client(full).map(5555, Duration.ofSeconds(600)))
          .hasMessageContaining("NO_RESOURCES");
    }
  }

  @Test
  void an_answer_with_another_nonce_is_not_taken() throws Exception {
    try (FakeUdpRouter router =
        new FakeUdpRouter(
            r ->
                Optional.of(
                    Pcp.encode(
                        new Pcp.MapAnswer(
                            300,
                            1,
                            new Nonce(new byte[12]),
                            Pcp.TCP,
                            5555,
                            5555,
                            InetAddress.getLoopbackAddress()))))) {
      assertThatThrownBy(() -> client(router).map(5555, Duration.ofSeconds(600)))
          .isInstanceOfSatisfying(
              AutomapException.class,
              e -> assertThat(e.reason()).isEqualTo(AutomapException.Reason.MALFORMED));
    }
  }

  @Test
  void a_silent_router_is_given_up_after_the_retries() throws Exception {
    try (FakeUdpRouter router = new FakeUdpRouter(r -> Optional.empty())) {
      assertThatThrownBy(() -> client(router).map(5555, Duration.ofSeconds(600)))
          .isInstanceOfSatisfying(
              AutomapException.class,
              e -> assertThat(e.reason()).isEqualTo(AutomapException.Reason.NO_ANSWER));
      assertThat(router.received()).hasSize(3);
    }
  }
}
