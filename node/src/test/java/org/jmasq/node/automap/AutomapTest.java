package org.jmasq.node.automap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jmasq.automap.MappingProtocol;
import org.jmasq.node.runtime.ManualRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AutomapTest {
  private static final int PORT = 5555;
  private final ManualRuntime runtime = new ManualRuntime();
  private final ScriptedRouter pcp = new ScriptedRouter(MappingProtocol.PCP, runtime.clock());
  private final ScriptedRouter pmp = new ScriptedRouter(MappingProtocol.PMP, runtime.clock());
  private final ScriptedRouter igd = new ScriptedRouter(MappingProtocol.IGDP, runtime.clock());
  private final List<AutomapEvent> events = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    runtime.close();
  }

  private Automap started(PortMapper... mappers) throws Exception {
    Automap automap = new Automap(runtime, List.of(mappers), PORT, events::add);
    automap.start().get(10, TimeUnit.SECONDS);
    return automap;
  }

  private void advance(Duration by) throws InterruptedException {
    runtime.advanceInSteps(by.dividedBy(by.toSeconds()), (int) by.toSeconds());
  }

  private List<Class<?>> kinds() {
    return events.stream().<Class<?>>map(Object::getClass).toList();
  }

  private void assertThatTheLastEventIsTheMoveTo(String ip) throws Exception {
    assertThat(events.getLast())
        .isEqualTo(
            new AutomapEvent.PublicIpChanged(
                InetAddress.getByName("100.128.0.1"), InetAddress.getByName(ip)));
  }

  @Test
  void the_first_protocol_that_works_maps_the_port_in_the_order_given() throws Exception {
    pcp.down = true;
    started(pcp, pmp, igd);
    assertThat(pcp.calls).containsExactly("map 5555 600");
    assertThat(pmp.calls).containsExactly("map 5555 600");
    assertThat(igd.calls).isEmpty();
    assertThat(events).hasSize(1);
    Mapping mapping = ((AutomapEvent.Mapped) events.get(0)).mapping();
    assertThat(mapping.protocol()).isEqualTo(MappingProtocol.PMP);
    assertThat(mapping.publicIp()).isEqualTo(InetAddress.getByName("100.128.0.1"));
  }

  @Test
  void when_no_protocol_works_the_start_fails_naming_each() throws Exception {
    pcp.down = true;
    pmp.down = true;
    igd.down = true;
    Automap automap = new Automap(runtime, List.of(pcp, pmp, igd), PORT, events::add);
    assertThatThrownBy(() -> automap.start().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(AutomapException.class)
        .hasMessageContaining("pcp: PCP is down")
        .hasMessageContaining("pmp: PMP is down")
        .hasMessageContaining("igdp: IGDP is down");
  }

  @Test
  void the_mapping_is_renewed_at_half_the_lifetime_the_router_granted() throws Exception {
    pmp.grant = Duration.ofSeconds(300);
    started(pmp);
    advance(Duration.ofSeconds(149));
    assertThat(pmp.calls.stream().filter(c -> c.startsWith("map"))).hasSize(1);
    advance(Duration.ofSeconds(1));
    assertThat(pmp.calls.stream().filter(c -> c.startsWith("map"))).hasSize(2);
    assertThat(kinds()).containsExactly(AutomapEvent.Mapped.class, AutomapEvent.Renewed.class);
    advance(Duration.ofSeconds(150));
    assertThat(pmp.calls.stream().filter(c -> c.startsWith("map"))).hasSize(3);
  }

  @Test
  void a_router_whose_epoch_started_again_gets_the_mapping_again_at_the_next_poll()
      throws Exception {
    started(pcp);
    advance(Duration.ofSeconds(20));
    pcp.restart();
    assertThat(pcp.holding()).isFalse();
    advance(Duration.ofSeconds(40));
    assertThat(pcp.holding()).isTrue();
    assertThat(kinds())
        .containsExactly(
            AutomapEvent.Mapped.class,
            AutomapEvent.RouterRestarted.class,
            AutomapEvent.Mapped.class);
  }

  @Test
  void a_router_that_restarted_and_ran_a_while_is_caught_by_its_short_epoch() throws Exception {
    pmp.grant = Duration.ofSeconds(7200);
    pmp.restart();
    started(pmp);
    // Its epoch went from 0 at the start; it restarts 30 s later, so that at the poll of 120 s
    // its epoch (90 s) has not gone back, but falls short of the time passed.
    advance(Duration.ofSeconds(30));
    pmp.restart();
    pmp.down = true;
    advance(Duration.ofSeconds(30));
    pmp.down = false;
    advance(Duration.ofSeconds(60));
    assertThat(pmp.holding()).isTrue();
    assertThat(events).anyMatch(e -> e instanceof AutomapEvent.RouterRestarted);
  }

  @Test
  void an_igd_router_that_lost_the_entry_gets_it_again() throws Exception {
    started(igd);
    igd.restart();
    advance(Duration.ofSeconds(60));
    assertThat(igd.holding()).isTrue();
    assertThat(igd.calls).containsExactly("map 5555 600", "publicIp", "holds", "map 5555 600");
  }

  @Test
  void a_new_public_ip_is_reported_at_the_next_poll() throws Exception {
    started(pcp);
    pcp.publicIp = "100.128.7.7";
    advance(Duration.ofSeconds(60));
    assertThatTheLastEventIsTheMoveTo("100.128.7.7");
  }

  @Test
  void a_check_brought_forward_learns_a_new_public_ip_before_the_poll() throws Exception {
    Automap automap = started(pcp);
    pcp.publicIp = "100.128.7.7";
    automap.checkSoon();
    automap.current().get(10, TimeUnit.SECONDS);
    assertThatTheLastEventIsTheMoveTo("100.128.7.7");
  }

  @Test
  void checks_brought_forward_ask_the_router_once_in_ten_seconds_and_one_asked_sooner_waits()
      throws Exception {
    Automap automap = started(pcp);
    for (int i = 0; i < 5; i++) {
      automap.checkSoon();
    }
    automap.current().get(10, TimeUnit.SECONDS);
    assertThat(pcp.calls.stream().filter("publicIp"::equals)).hasSize(1);
    advance(Duration.ofSeconds(9));
    automap.checkSoon();
    automap.current().get(10, TimeUnit.SECONDS);
    assertThat(pcp.calls.stream().filter("publicIp"::equals)).hasSize(1);
    advance(Duration.ofSeconds(1));
    automap.current().get(10, TimeUnit.SECONDS);
    assertThat(pcp.calls.stream().filter("publicIp"::equals))
        .as("the check asked 9 s after the last one, made once the 10 s are over")
        .hasSize(2);
    automap.checkSoon();
    automap.current().get(10, TimeUnit.SECONDS);
    assertThat(pcp.calls.stream().filter("publicIp"::equals)).hasSize(2);
  }

  @Test
  void a_failed_renewal_is_retried_with_every_protocol_after_a_while() throws Exception {
    pcp.grant = Duration.ofSeconds(120);
    started(pcp, igd);
    pcp.down = true;
    advance(Duration.ofSeconds(60));
    assertThat(events.getLast()).isInstanceOf(AutomapEvent.Failed.class);
    advance(Duration.ofSeconds(30));
    assertThat(igd.holding()).isTrue();
    assertThat(events.getLast())
        .isInstanceOfSatisfying(
            AutomapEvent.Mapped.class,
            m -> assertThat(m.mapping().protocol()).isEqualTo(MappingProtocol.IGDP));
  }

  @Test
  void a_graceful_stop_removes_the_mapping_and_ends_the_renewals() throws Exception {
    Automap automap = started(pmp);
    automap.stop();
    assertThat(pmp.holding()).isFalse();
    assertThat(pmp.calls).containsExactly("map 5555 600", "unmap 5555");
    assertThat(events.getLast()).isInstanceOf(AutomapEvent.Removed.class);
    runtime.advance(Duration.ofSeconds(1000));
    assertThat(pmp.calls).hasSize(2);
    automap.close();
  }
}
