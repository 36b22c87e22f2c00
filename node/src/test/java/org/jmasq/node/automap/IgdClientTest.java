package org.jmasq.node.automap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jmasq.automap.IgdSoap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class IgdClientTest {
  private static final IgdClient.Timing QUICK =
      new IgdClient.Timing(Duration.ofMillis(500), Duration.ofSeconds(5));
  private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http = HttpClient.newBuilder().executor(io).build();

  @AfterEach
  void close() {
    http.close();
    io.close();
  }

  private IgdClient client(FakeIgdRouter router) throws AutomapException {
    return new IgdClient(InetAddress.getLoopbackAddress(), router.ssdpAddress(), http, QUICK);
  }

  @Test
  void the_device_is_found_by_ssdp_and_the_port_mapped_through_soap() throws Exception {
    try (FakeIgdRouter router = new FakeIgdRouter()) {
      IgdClient client = client(router);
      Mapping mapping = client.map(5555, Duration.ofSeconds(600));
      assertThat(mapping.publicIp()).isEqualTo(InetAddress.getByName("100.128.0.1"));
      assertThat(mapping.lifetime()).isEqualTo(Duration.ofSeconds(600));
      assertThat(router.leases).containsEntry(5555, 600L);
      assertThat(router.actions.get(0))
          .startsWith("AddPortMapping <NewRemoteHost></NewRemoteHost><NewExternalPort>5555")
          .contains("<NewInternalClient>127.0.0.1</NewInternalClient>");
      assertThat(client.holds(mapping)).isTrue();
      client.unmap(mapping);
      assertThat(router.leases).isEmpty();
      assertThat(client.holds(mapping)).isFalse();
    }
  }

  @Test
  void a_router_that_restarted_on_another_port_is_found_again_and_has_lost_the_mapping()
      throws Exception {
    try (FakeIgdRouter router = new FakeIgdRouter()) {
      IgdClient client = client(router);
      Mapping mapping = client.map(5555, Duration.ofSeconds(600));
      router.restart();
      assertThat(client.holds(mapping)).isFalse();
      assertThat(client.publicIp().ip()).isEqualTo(mapping.publicIp());
    }
  }

  @Test
  void a_router_that_takes_only_permanent_leases_gets_one() throws Exception {
    try (FakeIgdRouter router = new FakeIgdRouter()) {
      router.onlyPermanent = true;
      Mapping mapping = client(router).map(5555, Duration.ofSeconds(600));
      assertThat(mapping.permanent()).isTrue();
      assertThat(router.leases).containsEntry(5555, 0L);
    }
  }

  @Test
  void a_conflict_is_a_refusal_that_says_another_host_holds_the_port() throws Exception {
    try (FakeIgdRouter router = new FakeIgdRouter()) {
      router.addError = IgdSoap.CONFLICT_IN_MAPPING_ENTRY;
      assertThatThrownBy(() -> client(router).map(5555, Duration.ofSeconds(600)))
          .isInstanceOfSatisfying(
              AutomapException.class,
              e -> assertThat(e.reason()).isEqualTo(AutomapException.Reason.REFUSED))
          .hasMessageContaining("718")
          .hasMessageContaining("another host");
    }
  }

  @Test
  @Timeout(30)
  void a_router_that_stalls_in_its_answer_fails_the_call_within_its_time() throws Exception {
    try (FakeIgdRouter router = new FakeIgdRouter()) {
      router.stallDescription = true;
      IgdClient client = client(router);
      long start = System.nanoTime();

      assertThatThrownBy(() -> client.map(5555, Duration.ofSeconds(600)))
          .isInstanceOf(AutomapException.class)
          .hasMessageContaining("no whole answer");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("the call's time (5 s), not the router's stall (30 s)")
          .isLessThan(Duration.ofSeconds(20));
    }
  }

  @Test
  void without_an_ssdp_answer_the_search_ends_in_its_wait() throws Exception {
    try (FakeIgdRouter router = new FakeIgdRouter()) {
      router.ssdpSilent = true;
      assertThatThrownBy(() -> client(router).publicIp())
          .isInstanceOfSatisfying(
              AutomapException.class,
              e -> assertThat(e.reason()).isEqualTo(AutomapException.Reason.NO_ANSWER));
    }
  }

  @Test
  void an_answer_that_points_to_another_host_is_not_followed() throws Exception {
    try (FakeIgdRouter router = new FakeIgdRouter()) {
      router.ssdpLocationHost = "192.0.2.1";
      assertThatThrownBy(() -> client(router).publicIp())
          .isInstanceOfSatisfying(
              AutomapException.class,
              e -> assertThat(e.reason()).isEqualTo(AutomapException.Reason.NO_ANSWER));
      assertThat(router.actions).isEmpty();
    }
  }
}
