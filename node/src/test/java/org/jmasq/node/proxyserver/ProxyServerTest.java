package org.jmasq.node.proxyserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jmasq.cores.ExpiredCoresPackage;
import org.jmasq.cores.IncipientCoresPackage;
import org.jmasq.cores.RouteOpener;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.node.hopper.Hopper;
import org.jmasq.node.hopper.Transmitter;
import org.jmasq.node.runtime.ManualRuntime;
import org.jmasq.payload.ClientRequest;
import org.jmasq.payload.ClientResponse;
import org.jmasq.payload.DnsResolveFailure;
import org.jmasq.payload.ExitFailure;
import org.jmasq.payload.MessageType;
import org.jmasq.payload.PayloadEnvelopes;
import org.jmasq.payload.ProxyProtocol;
import org.jmasq.payload.SequencedPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ProxyServer of a zero-hop Node with a real Hopper; the test plays the exit: it receives the
 * requests the Hopper expires to the ProxyClient and answers along their remaining routes.
 */
@Timeout(20)
class ProxyServerTest {
  private static final long WAIT_MS = 5_000;
  private static final Target TARGET = new Target("example.com", 80, ProxyProtocol.HTTP);

  private final SecureRandom random = new SecureRandom();
  private final NodeKeyPair mainKeys = NodeKeyPair.generate(random);
  private final NodeKeyPair aliasKeys = NodeKeyPair.generate(random);
  private final ManualRuntime runtime = new ManualRuntime();
  private final BlockingQueue<ExpiredCoresPackage<ClientRequest>> atExit =
      new LinkedBlockingQueue<>();
  private final Hopper[] hopper = new Hopper[1];
  private long responses;
  private volatile boolean firstHopDown;
  private final Transmitter transmitter =
      p -> {
        if (firstHopDown) {
          throw new IOException("first hop down");
        }
        hopper[0].transmit(p);
      };

  private ProxyServer proxyServer(RouteSource routes, Duration connectTimeout) {
    return proxyServer(routes, connectTimeout, WalletStanding.UNKNOWN);
  }

  private ProxyServer proxyServer(
      RouteSource routes, Duration connectTimeout, WalletStanding standing) {
    EnvelopeOpener mainOpener = new EnvelopeOpener(mainKeys, 64);
    RouteOpener routeOpener = new RouteOpener(mainOpener);
    ProxyServer server =
        new ProxyServer(
            mainKeys.publicKey(),
            aliasKeys.publicKey(),
            routes,
            routeOpener,
            transmitter,
            random,
            runtime,
            connectTimeout,
            k -> Optional.empty(),
            ProxyServer.Pricing.FREE,
            Optional.of(standing));
    hopper[0] =
        new Hopper(
            mainKeys.publicKey(),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            routeOpener,
            mainOpener,
            new EnvelopeOpener(aliasKeys, 64),
            (next, bytes) -> {
              throw new IOException("no links");
            },
            new Hopper.Deliveries(
                server::deliver,
                e ->
                    atExit.add(
                        new ExpiredCoresPackage<>(
                            e.immediateNeighbor(),
                            e.payingWallet(),
                            e.remainingRoute(),
                            (ClientRequest) e.payload(),
                            e.payloadLength())),
                gossip -> {},
                server::responseLayers),
            runtime.clock());
    return server;
  }

  private ProxyServer proxyServer() {
    return proxyServer(RouteSource.zeroHop(mainKeys.publicKey()), Duration.ofSeconds(30));
  }

  @AfterEach
  void stopRuntime() {
    runtime.close();
  }

  private ExpiredCoresPackage<ClientRequest> nextRequest() throws InterruptedException {
    ExpiredCoresPackage<ClientRequest> request = atExit.poll(WAIT_MS, TimeUnit.MILLISECONDS);
    assertThat(request).as("a request at the exit").isNotNull();
    return request;
  }

  /** The exit answers {@code request} with {@code message}, along the route the request came by. */
  private void answer(ExpiredCoresPackage<ClientRequest> request, MessageType message)
      throws Exception {
    hopper[0].transmit(
        new IncipientCoresPackage(
            request.remainingRoute(),
            PayloadEnvelopes.seal(
                EnvelopeSealer.to(request.payload().originatorKey(), random), message),
            responses++));
  }

  private static ClientResponse response(
      ExpiredCoresPackage<ClientRequest> request, long sequence, String data, boolean last) {
    return new ClientResponse(
        request.payload().streamKey(),
        new SequencedPacket(data.getBytes(StandardCharsets.US_ASCII), sequence, last));
  }

  @Test
  void without_a_consuming_wallet_a_stream_is_refused_at_once_and_nothing_is_sent()
      throws Exception {
    java.util.List<IncipientCoresPackage> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
    ProxyServer server =
        new ProxyServer(
            mainKeys.publicKey(),
            aliasKeys.publicKey(),
            RouteSource.zeroHop(mainKeys.publicKey()),
            new RouteOpener(new EnvelopeOpener(mainKeys, 64)),
            sent::add,
            random,
            runtime,
            Duration.ofSeconds(30),
            k -> java.util.Optional.empty(),
            ProxyServer.Pricing.FREE,
            java.util.Optional.empty());
    FakeClient client = new FakeClient(1000);

    server.open(client, TARGET, "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

    assertThat(client.failure.get(5, java.util.concurrent.TimeUnit.SECONDS).kind())
        .isEqualTo(StreamFailure.Kind.NO_CONSUMING_WALLET);
    assertThat(client.closed).succeedsWithin(Duration.ofSeconds(5));
    assertThat(sent).isEmpty();
    assertThat(server.openStreams()).isZero();
  }

  /** A consuming wallet that the chain says is unfunded, or funded, as the test sets it. */
  private static final class ScriptedStanding implements WalletStanding {
    volatile boolean unfunded = true;

    @Override
    public Optional<String> unfunded() {
      return unfunded ? Optional.of("Your consuming wallet holds no MASQ.") : Optional.empty();
    }

    @Override
    public long credit() {
      return 1000;
    }
  }

  @Test
  void an_unfunded_wallet_is_refused_at_once_with_402_once_its_streams_used_the_credit()
      throws Exception {
    ScriptedStanding standing = new ScriptedStanding();
    ProxyServer server =
        proxyServer(RouteSource.zeroHop(mainKeys.publicKey()), Duration.ofSeconds(30), standing);
    FakeClient first = new FakeClient(1100);
    server.open(first, TARGET, new byte[0]);
    ExpiredCoresPackage<ClientRequest> request = nextRequest();
    answer(request, response(request, 0, "", false));
    answer(request, response(request, 1, "x".repeat(1000), false));
    assertThat(first.awaitWritten("x".repeat(1000), WAIT_MS)).isTrue();

    FakeClient second = new FakeClient(1101);
    server.open(second, TARGET, new byte[0]);

    assertThat(second.failure.get(5, TimeUnit.SECONDS))
        .isEqualTo(
            new StreamFailure(
                StreamFailure.Kind.CONSUMING_WALLET_UNFUNDED,
                "example.com",
                "Your consuming wallet holds no MASQ."));
    assertThat(atExit).as("nothing sent for the refused stream").isEmpty();
  }

  @Test
  void the_stream_that_uses_up_an_unfunded_wallets_credit_is_closed_within_a_second()
      throws Exception {
    ScriptedStanding standing = new ScriptedStanding();
    ProxyServer server =
        proxyServer(RouteSource.zeroHop(mainKeys.publicKey()), Duration.ofSeconds(30), standing);
    FakeClient client = new FakeClient(1105);
    server.open(client, TARGET, new byte[0]);
    ExpiredCoresPackage<ClientRequest> request = nextRequest();
    answer(request, response(request, 0, "", false));
    runtime.advance(Duration.ofSeconds(1));
    assertThat(client.closed).as("open while within the credit").isNotDone();

    answer(request, response(request, 1, "x".repeat(1000), false));
    runtime.advance(Duration.ofSeconds(1));

    assertThat(client.closed).succeedsWithin(Duration.ofMillis(WAIT_MS));
    assertThat(server.openStreams()).isZero();
  }

  @Test
  void a_funded_wallet_is_never_refused_for_what_its_streams_used() throws Exception {
    ScriptedStanding standing = new ScriptedStanding();
    standing.unfunded = false;
    ProxyServer server =
        proxyServer(RouteSource.zeroHop(mainKeys.publicKey()), Duration.ofSeconds(30), standing);
    FakeClient first = new FakeClient(1102);
    server.open(first, TARGET, new byte[0]);
    ExpiredCoresPackage<ClientRequest> request = nextRequest();
    answer(request, response(request, 0, "", false));
    answer(request, response(request, 1, "x".repeat(2000), false));
    assertThat(first.awaitWritten("x".repeat(2000), WAIT_MS)).isTrue();

    server.open(new FakeClient(1103), TARGET, new byte[0]);

    nextRequest();
  }

  @Test
  void a_stream_of_an_unfunded_wallet_that_is_never_answered_fails_as_unfunded_not_timed_out()
      throws Exception {
    ProxyServer server =
        proxyServer(
            RouteSource.zeroHop(mainKeys.publicKey()),
            Duration.ofSeconds(20),
            new ScriptedStanding());
    FakeClient client = new FakeClient(1104);

    server.open(client, TARGET, new byte[0]);
    nextRequest(); // dropped on its route, as a serving Node past the credit does
    runtime.advance(Duration.ofSeconds(20));

    assertThat(client.failure)
        .succeedsWithin(Duration.ofMillis(WAIT_MS))
        .extracting(StreamFailure::kind)
        .isEqualTo(StreamFailure.Kind.CONSUMING_WALLET_UNFUNDED);
  }

  @Test
  void a_new_stream_sends_its_first_data_to_the_exit_as_request_zero_from_the_alias_key()
      throws Exception {
    ProxyServer server = proxyServer();
    FakeClient client = new FakeClient(1001);

    server.open(client, TARGET, "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

    ClientRequest request = nextRequest().payload();
    assertThat(request.packet())
        .isEqualTo(
            new SequencedPacket(
                "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0, false));
    assertThat(request.targetHostname()).contains("example.com");
    assertThat(request.targetPort()).isEqualTo(80);
    assertThat(request.protocol()).isEqualTo(ProxyProtocol.HTTP);
    assertThat(request.originatorKey())
        .as("responses go to the alias key, not the main key")
        .isEqualTo(aliasKeys.publicKey());
    assertThat(client.connected).isNotDone();
    assertThat(server.openStreams()).isEqualTo(1);
  }

  @Test
  void the_first_response_connects_the_client_and_later_ones_are_written_in_order()
      throws Exception {
    ProxyServer server = proxyServer();
    FakeClient client = new FakeClient(1002);
    server.open(client, TARGET, new byte[0]);
    ExpiredCoresPackage<ClientRequest> request = nextRequest();

    answer(request, response(request, 0, "", false));
    assertThat(client.connected).isDone();
    answer(request, response(request, 2, "world", false));
    answer(request, response(request, 1, "hello ", false));

    assertThat(client.awaitWritten("hello world", WAIT_MS))
        .as("written: '%s'", client.written())
        .isTrue();
  }

  @Test
  void what_the_client_sends_follows_as_numbered_requests_and_its_close_as_last_data()
      throws Exception {
    ProxyServer server = proxyServer();
    FakeClient client = new FakeClient(1003);
    server.open(client, TARGET, new byte[0]);
    ExpiredCoresPackage<ClientRequest> first = nextRequest();
    answer(first, response(first, 0, "", false));

    client.sends("abc");
    ClientRequest second = nextRequest().payload();
    client.ends();
    ClientRequest last = nextRequest().payload();

    assertThat(second.packet())
        .isEqualTo(new SequencedPacket("abc".getBytes(StandardCharsets.US_ASCII), 1, false));
    assertThat(second.streamKey()).isEqualTo(first.payload().streamKey());
    assertThat(last.packet()).isEqualTo(new SequencedPacket(new byte[0], 2, true));
    assertThat(client.closed).succeedsWithin(Duration.ofMillis(WAIT_MS));
    assertThat(server.openStreams()).as("forgotten before the client is closed").isZero();
  }

  @Test
  void a_last_data_response_is_written_and_then_the_client_is_closed() throws Exception {
    ProxyServer server = proxyServer();
    FakeClient client = new FakeClient(1004);
    server.open(client, TARGET, new byte[0]);
    ExpiredCoresPackage<ClientRequest> request = nextRequest();

    answer(request, response(request, 0, "", false));
    answer(request, response(request, 1, "bye", true));

    assertThat(client.closed).succeedsWithin(Duration.ofMillis(WAIT_MS));
    assertThat(client.written()).isEqualTo("bye");
    assertThat(server.openStreams()).as("forgotten before the client is closed").isZero();
  }

  @Test
  void a_response_that_comes_back_on_another_streams_route_is_dropped() throws Exception {
    ProxyServer server = proxyServer();
    FakeClient mine = new FakeClient(1005);
    // Another identity: its stream gets a route of its own.
    FakeClient other = new FakeClient(1006, StreamIsolation.of(new byte[] {'b'}, new byte[] {'p'}));
    server.open(mine, TARGET, new byte[0]);
    ExpiredCoresPackage<ClientRequest> myRequest = nextRequest();
    server.open(other, TARGET, new byte[0]);
    ExpiredCoresPackage<ClientRequest> otherRequest = nextRequest();
    assertThat(myRequest.payload().streamKey()).isNotEqualTo(otherRequest.payload().streamKey());

    answer(otherRequest, response(myRequest, 0, "", false));

    assertThat(mine.connected).isNotDone();
    assertThat(other.connected).isNotDone();
    answer(myRequest, response(myRequest, 0, "", false));
    assertThat(mine.connected).isDone();
  }

  @Test
  void a_dns_failure_from_the_exit_fails_the_client_as_a_dns_failure_and_closes_it()
      throws Exception {
    ProxyServer server = proxyServer();
    FakeClient client = new FakeClient(1007);
    server.open(client, TARGET, new byte[0]);
    ExpiredCoresPackage<ClientRequest> request = nextRequest();

    answer(request, new DnsResolveFailure(request.payload().streamKey()));

    assertThat(client.failure.getNow(null))
        .isEqualTo(new StreamFailure(StreamFailure.Kind.DNS_FAILURE, "example.com", ""));
    assertThat(client.closed).isDone();
    assertThat(server.openStreams()).isZero();
  }

  @ParameterizedTest(name = "{0} becomes {1}")
  @CsvSource({
    "REFUSED_BY_POLICY,  REFUSED_BY_POLICY",
    "CONNECTION_REFUSED, CONNECTION_REFUSED",
    "UNREACHABLE,        UNREACHABLE",
    "TIMED_OUT,          TIMED_OUT",
  })
  void an_exit_failure_reaches_the_client_with_its_reason_and_detail(
      ExitFailure.Reason reason, StreamFailure.Kind kind) throws Exception {
    ProxyServer server = proxyServer();
    FakeClient client = new FakeClient(1008);
    server.open(client, TARGET, new byte[0]);
    ExpiredCoresPackage<ClientRequest> request = nextRequest();

    answer(request, new ExitFailure(request.payload().streamKey(), reason, "the detail"));

    assertThat(client.failure.getNow(null))
        .isEqualTo(new StreamFailure(kind, "example.com", "the detail"));
    assertThat(client.closed).isDone();
  }

  @Test
  void without_a_route_the_client_waits_ten_seconds_then_is_failed_and_nothing_is_sent()
      throws Exception {
    ProxyServer server = proxyServer((host, size) -> Optional.empty(), Duration.ofSeconds(30));
    FakeClient client = new FakeClient(1009);

    server.open(client, TARGET, new byte[0]);
    runtime.advanceInSteps(Duration.ofMillis(250), 39);
    assertThat(client.failure).as("still waiting for a route after 9.75 s").isNotDone();
    runtime.advanceInSteps(Duration.ofMillis(250), 1);

    assertThat(client.failure)
        .succeedsWithin(Duration.ofMillis(WAIT_MS))
        .isEqualTo(
            new StreamFailure(StreamFailure.Kind.NO_ROUTE, "example.com", "no route within 10 s"));
    assertThat(client.closed).succeedsWithin(Duration.ofMillis(WAIT_MS));
    assertThat(atExit).isEmpty();
    assertThat(server.openStreams()).isZero();
  }

  @Test
  void when_only_the_exit_countries_stand_in_the_way_the_client_is_failed_at_once_naming_them()
      throws Exception {
    String why = "No exit is reachable in CZ; exits are reachable in DE, FR.";
    RouteSource routes =
        new RouteSource() {
          @Override
          public Optional<RouteLegs> findRoute(String host, int payloadSize) {
            return Optional.empty();
          }

          @Override
          public Optional<String> exitCountryShortfall() {
            return Optional.of(why);
          }
        };
    ProxyServer server = proxyServer(routes, Duration.ofSeconds(30));
    FakeClient client = new FakeClient(1010);

    server.open(client, TARGET, new byte[0]);

    // No time passes: the client is not kept waiting for a route that cannot come.
    assertThat(client.failure)
        .succeedsWithin(Duration.ofMillis(WAIT_MS))
        .isEqualTo(new StreamFailure(StreamFailure.Kind.NO_EXIT_IN_COUNTRY, "example.com", why));
    assertThat(atExit).isEmpty();
  }

  @Test
  void a_route_found_while_the_client_waits_carries_its_stream() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean found =
        new java.util.concurrent.atomic.AtomicBoolean();
    RouteSource zeroHop = RouteSource.zeroHop(mainKeys.publicKey());
    ProxyServer server =
        proxyServer(
            (host, size) -> found.get() ? zeroHop.findRoute(host, size) : Optional.empty(),
            Duration.ofSeconds(30));
    FakeClient client = new FakeClient(1017);
    server.open(client, TARGET, "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    runtime.advanceInSteps(Duration.ofMillis(250), 4);

    found.set(true);
    // A query still in flight on its I/O thread lets a tick pass without asking again: step on
    // until the request goes out, within the 10 s the client waits.
    ExpiredCoresPackage<ClientRequest> request = null;
    for (int step = 0; request == null && step < 20; step++) {
      runtime.advanceInSteps(Duration.ofMillis(250), 1);
      request = atExit.poll(WAIT_MS / 10, TimeUnit.MILLISECONDS);
    }
    assertThat(request).as("the request, once a route is found").isNotNull();
    assertThat(request.payload().packet().sequenceNumber()).isZero();
    assertThat(client.failure).isNotDone();
  }

  @Test
  void when_the_first_hop_cannot_be_reached_the_client_is_failed_as_no_route() {
    ProxyServer server = proxyServer();
    firstHopDown = true;
    FakeClient client = new FakeClient(1010);

    server.open(client, TARGET, new byte[0]);

    assertThat(client.failure.getNow(null))
        .extracting(StreamFailure::kind)
        .isEqualTo(StreamFailure.Kind.NO_ROUTE);
    assertThat(client.closed).isDone();
    assertThat(server.openStreams()).isZero();
  }

  @Test
  void a_stream_the_exit_never_confirms_fails_as_timed_out() throws Exception {
    ProxyServer server =
        proxyServer(RouteSource.zeroHop(mainKeys.publicKey()), Duration.ofSeconds(20));
    FakeClient client = new FakeClient(1011);

    server.open(client, TARGET, new byte[0]);
    nextRequest(); // and the exit stays silent
    runtime.advance(Duration.ofSeconds(19));
    assertThat(client.failure).as("not before the connect timeout").isNotDone();
    runtime.advance(Duration.ofSeconds(1));

    assertThat(client.failure)
        .succeedsWithin(Duration.ofMillis(WAIT_MS))
        .extracting(StreamFailure::kind)
        .isEqualTo(StreamFailure.Kind.TIMED_OUT);
    assertThat(client.closed).succeedsWithin(Duration.ofMillis(WAIT_MS));
    assertThat(server.openStreams()).isZero();
  }

  @Test
  void a_timed_out_client_is_told_on_a_thread_of_its_own_not_on_the_timers() throws Exception {
    ProxyServer server =
        proxyServer(RouteSource.zeroHop(mainKeys.publicKey()), Duration.ofSeconds(20));
    FakeClient client = new FakeClient(1017);
    server.open(client, TARGET, new byte[0]);
    nextRequest();

    runtime.advance(Duration.ofSeconds(20)); // the timers run on this thread

    assertThat(client.failure).succeedsWithin(Duration.ofMillis(WAIT_MS));
    assertThat(client.toldOn).isNotSameAs(Thread.currentThread());
    assertThat(client.toldOn.getName()).startsWith("fail-");
  }

  @Test
  void a_confirmed_stream_does_not_time_out() throws Exception {
    ProxyServer server =
        proxyServer(RouteSource.zeroHop(mainKeys.publicKey()), Duration.ofSeconds(20));
    FakeClient client = new FakeClient(1012);
    server.open(client, TARGET, new byte[0]);
    ExpiredCoresPackage<ClientRequest> request = nextRequest();
    answer(request, response(request, 0, "", false));

    runtime.advance(Duration.ofSeconds(60));

    assertThat(client.failure).isNotDone();
    assertThat(client.closed).isNotDone();
    assertThat(server.openStreams()).isEqualTo(1);
  }

  @Test
  void a_stream_whose_route_lost_a_node_is_closed_within_a_second() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean stands =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    RouteSource zeroHop = RouteSource.zeroHop(mainKeys.publicKey());
    RouteSource routes =
        new RouteSource() {
          @Override
          public Optional<RouteLegs> findRoute(String host, int payloadSize) {
            return zeroHop.findRoute(host, payloadSize);
          }

          @Override
          public boolean stillStands(RouteLegs legs) {
            return stands.get();
          }
        };
    ProxyServer server = proxyServer(routes, Duration.ofSeconds(20));
    FakeClient confirmed = new FakeClient(1015);
    FakeClient waiting = new FakeClient(1016);
    server.open(confirmed, TARGET, new byte[0]);
    ExpiredCoresPackage<ClientRequest> request = nextRequest();
    answer(request, response(request, 0, "", false));
    server.open(waiting, TARGET, new byte[0]);
    nextRequest();
    runtime.advance(Duration.ofSeconds(1));
    assertThat(server.openStreams()).as("both routes stand").isEqualTo(2);

    stands.set(false);
    runtime.advance(Duration.ofSeconds(1));

    assertThat(confirmed.closed).succeedsWithin(Duration.ofMillis(WAIT_MS));
    assertThat(confirmed.failure).as("a connected client only sees its close").isNotDone();
    assertThat(waiting.failure)
        .succeedsWithin(Duration.ofMillis(WAIT_MS))
        .extracting(StreamFailure::kind)
        .isEqualTo(StreamFailure.Kind.NO_ROUTE);
    assertThat(waiting.closed).succeedsWithin(Duration.ofMillis(WAIT_MS));
    assertThat(server.openStreams()).isZero();
  }

  @Test
  void closing_the_proxy_server_closes_every_stream() throws Exception {
    ProxyServer server = proxyServer();
    FakeClient a = new FakeClient(1013);
    FakeClient b = new FakeClient(1014);
    server.open(a, TARGET, new byte[0]);
    server.open(b, TARGET, new byte[0]);

    server.close();

    assertThat(a.closed).isDone();
    assertThat(b.closed).isDone();
    assertThat(server.openStreams()).isZero();
  }

  @Test
  void a_route_that_lost_a_node_takes_no_new_stream_though_the_finder_names_its_nodes_again()
      throws Exception {
    PublicKey self = mainKeys.publicKey();
    RouteSource.RouteLegs legs =
        new RouteSource.RouteLegs(java.util.List.of(self, self), java.util.List.of(self, self));
    java.util.concurrent.atomic.AtomicBoolean stands =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    RouteSource routes =
        new RouteSource() {
          @Override
          public Optional<RouteLegs> findRoute(String host, int payloadSize) {
            return Optional.of(legs);
          }

          @Override
          public boolean stillStands(RouteLegs l) {
            return stands.get();
          }
        };
    ProxyServer server = proxyServer(routes, Duration.ofSeconds(30));
    server.open(new FakeClient(1101), TARGET, new byte[0]);
    nextRequest();
    server.open(new FakeClient(1102), TARGET, new byte[0]);
    nextRequest();
    assertThat(server.routesBuilt()).as("the second stream joined the first's route").isEqualTo(1);

    stands.set(false);
    runtime.advance(Duration.ofSeconds(1)); // the route check
    stands.set(true);
    server.open(new FakeClient(1103), TARGET, new byte[0]);
    nextRequest();

    assertThat(server.routesBuilt()).as("a new route for the next stream").isEqualTo(2);
  }
}
