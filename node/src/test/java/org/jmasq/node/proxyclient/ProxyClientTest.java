package org.jmasq.node.proxyclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jmasq.accountant.ChargeSink;
import org.jmasq.accountant.ProviderCharges;
import org.jmasq.accountant.Service;
import org.jmasq.accountant.ServiceMeter;
import org.jmasq.accountant.Wei;
import org.jmasq.cores.ExpiredCoresPackage;
import org.jmasq.cores.IncipientCoresPackage;
import org.jmasq.cores.Route;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.RatePack;
import org.jmasq.node.runtime.ManualRuntime;
import org.jmasq.payload.ClientRequest;
import org.jmasq.payload.ClientResponse;
import org.jmasq.payload.DnsResolveFailure;
import org.jmasq.payload.ExitFailure;
import org.jmasq.payload.MessageType;
import org.jmasq.payload.PayloadEnvelopes;
import org.jmasq.payload.ProxyProtocol;
import org.jmasq.payload.SequencedPacket;
import org.jmasq.payload.StreamKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The exit on its own: requests are handed to {@link ProxyClient#deliver} as the Hopper would, and
 * a recording transmitter catches the responses, which the test opens with the originator's key.
 */
@Timeout(20)
class ProxyClientTest {
  private static final int WAIT_MS = 5_000;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Route SOME_ROUTE = new Route(List.of(new byte[Route.BLOCK_LENGTH]));

  private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  private final BlockingQueue<IncipientCoresPackage> sent = new LinkedBlockingQueue<>();
  private final HostResolver resolver =
      host -> {
        if (host.equals("server.test")) {
          return List.of(InetAddress.getLoopbackAddress());
        }
        throw new UnknownHostException(host);
      };
  private final ManualRuntime runtime = new ManualRuntime();
  private final ProxyClient exit =
      new ProxyClient(
          runtime, resolver, new ExitPolicy(true), sent::add, RANDOM, Duration.ofSeconds(5));

  ProxyClientTest() throws IOException {
    server.setSoTimeout(WAIT_MS);
  }

  @AfterEach
  void stop() throws IOException {
    exit.close();
    server.close();
    runtime.close();
  }

  /** An originator: its alias key receives the responses. */
  private static final class Originator {
    final NodeKeyPair alias = NodeKeyPair.generate(RANDOM);
    final EnvelopeOpener opener = new EnvelopeOpener(alias, 16);
  }

  private static StreamKey streamKey(int n) {
    byte[] b = new byte[StreamKey.LENGTH];
    b[0] = (byte) n;
    return StreamKey.of(b);
  }

  private ExpiredCoresPackage<ClientRequest> request(
      Originator from, StreamKey key, String host, long sequence, String data, boolean last) {
    ClientRequest request =
        new ClientRequest(
            key,
            new SequencedPacket(data.getBytes(StandardCharsets.US_ASCII), sequence, last),
            Optional.ofNullable(host),
            server.getLocalPort(),
            ProxyProtocol.HTTP,
            from.alias.publicKey());
    return new ExpiredCoresPackage<>(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 1),
        Optional.empty(),
        SOME_ROUTE,
        request,
        0);
  }

  private MessageType nextResponse(Originator to) throws Exception {
    IncipientCoresPackage p = sent.poll(WAIT_MS, TimeUnit.MILLISECONDS);
    assertThat(p).as("a response from the exit").isNotNull();
    assertThat(p.route()).isEqualTo(SOME_ROUTE);
    return PayloadEnvelopes.open(to.opener, p.payload());
  }

  private static ClientResponse responseOf(
      StreamKey key, long sequence, String data, boolean last) {
    return new ClientResponse(
        key, new SequencedPacket(data.getBytes(StandardCharsets.US_ASCII), sequence, last));
  }

  private static String read(Socket socket, int length) throws IOException {
    return new String(socket.getInputStream().readNBytes(length), StandardCharsets.US_ASCII);
  }

  @Test
  void request_zero_opens_the_connection_and_an_empty_response_zero_confirms_it() throws Exception {
    Originator o = new Originator();
    exit.deliver(request(o, streamKey(1), "server.test", 0, "hello", false));

    try (Socket atServer = server.accept()) {
      atServer.setSoTimeout(WAIT_MS);
      assertThat(nextResponse(o)).isEqualTo(responseOf(streamKey(1), 0, "", false));
      assertThat(read(atServer, 5)).isEqualTo("hello");
      assertThat(exit.openStreams()).isEqualTo(1);
    }
  }

  @Test
  void requests_are_written_to_the_server_in_sequence_order() throws Exception {
    Originator o = new Originator();
    exit.deliver(request(o, streamKey(2), "server.test", 0, "a", false));
    exit.deliver(request(o, streamKey(2), "server.test", 3, "d", false));
    exit.deliver(request(o, streamKey(2), "server.test", 2, "c", false));
    exit.deliver(request(o, streamKey(2), "server.test", 1, "b", false));

    try (Socket atServer = server.accept()) {
      atServer.setSoTimeout(WAIT_MS);
      assertThat(read(atServer, 4)).isEqualTo("abcd");
    }
  }

  @Test
  void the_servers_bytes_come_back_numbered_and_its_close_as_last_data() throws Exception {
    Originator o = new Originator();
    exit.deliver(request(o, streamKey(3), "server.test", 0, "", false));
    try (Socket atServer = server.accept()) {
      assertThat(nextResponse(o)).isEqualTo(responseOf(streamKey(3), 0, "", false));
      atServer.getOutputStream().write("reply".getBytes(StandardCharsets.US_ASCII));
      assertThat(nextResponse(o)).isEqualTo(responseOf(streamKey(3), 1, "reply", false));
    }
    assertThat(nextResponse(o)).isEqualTo(responseOf(streamKey(3), 2, "", true));
  }

  @Test
  void the_exit_ends_a_stream_instead_of_sending_more_once_its_payer_is_no_longer_served()
      throws Exception {
    Wallet payer = Wallet.parse("0x" + "aa".repeat(20));
    java.util.concurrent.atomic.AtomicBoolean served =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.atomic.AtomicLong counted = new java.util.concurrent.atomic.AtomicLong();
    ServiceMeter meter =
        new ServiceMeter() {
          @Override
          public void served(Wallet wallet, long bytes) {
            counted.addAndGet(bytes);
          }

          @Override
          public boolean mayServe(Wallet wallet) {
            return served.get();
          }
        };
    ProxyClient billed =
        new ProxyClient(
            runtime,
            resolver,
            new ExitPolicy(true),
            OriginConnector.tcp(),
            sent::add,
            RANDOM,
            Duration.ofSeconds(5),
            new ProviderCharges(RatePack.DEFAULT, Set.of(), ChargeSink.NONE, meter));
    Originator o = new Originator();
    ExpiredCoresPackage<ClientRequest> first =
        request(o, streamKey(9), "server.test", 0, "", false);
    billed.deliver(
        new ExpiredCoresPackage<>(
            first.immediateNeighbor(),
            Optional.of(payer),
            first.remainingRoute(),
            first.payload(),
            0));
    try (Socket atServer = server.accept()) {
      assertThat(nextResponse(o)).isEqualTo(responseOf(streamKey(9), 0, "", false));
      atServer.getOutputStream().write("reply".getBytes(StandardCharsets.US_ASCII));
      assertThat(nextResponse(o)).isEqualTo(responseOf(streamKey(9), 1, "reply", false));
      assertThat(counted.get()).isEqualTo(5);

      served.set(false);
      atServer.getOutputStream().write("more".getBytes(StandardCharsets.US_ASCII));

      assertThat(nextResponse(o)).isEqualTo(responseOf(streamKey(9), 2, "", true));
      assertThat(counted.get()).as("nothing more served").isEqualTo(5);
    } finally {
      billed.close();
    }
  }

  @Test
  void a_last_data_request_closes_the_server_connection() throws Exception {
    Originator o = new Originator();
    exit.deliver(request(o, streamKey(4), "server.test", 0, "x", false));
    try (Socket atServer = server.accept()) {
      atServer.setSoTimeout(WAIT_MS);
      exit.deliver(request(o, streamKey(4), "server.test", 1, "", true));
      assertThat(atServer.getInputStream().readAllBytes())
          .asString(StandardCharsets.US_ASCII)
          .isEqualTo("x");
    }
  }

  @Test
  void a_request_for_a_stream_that_is_not_open_is_ignored_unless_it_is_number_zero()
      throws Exception {
    Originator o = new Originator();
    exit.deliver(request(o, streamKey(5), "server.test", 1, "late", false));
    exit.deliver(request(o, streamKey(5), "server.test", 0, "", true));

    assertThat(exit.openStreams()).isZero();
    assertThat(sent).isEmpty();
  }

  @Test
  void another_originator_reusing_a_stream_key_gets_its_own_stream_and_cannot_write_into_the_first()
      throws Exception {
    Originator alice = new Originator();
    Originator mallory = new Originator();
    StreamKey shared = streamKey(6);

    exit.deliver(request(alice, shared, "server.test", 0, "alice-", false));
    try (Socket aliceAtServer = server.accept()) {
      aliceAtServer.setSoTimeout(WAIT_MS);
      assertThat(read(aliceAtServer, 6)).isEqualTo("alice-");
      exit.deliver(request(mallory, shared, "server.test", 1, "mallory", false));
      exit.deliver(request(mallory, shared, "server.test", 0, "", false));
      try (Socket malloryAtServer = server.accept()) {
        malloryAtServer.setSoTimeout(WAIT_MS);
        exit.deliver(request(mallory, shared, "server.test", 1, "mallory", false));
        exit.deliver(request(alice, shared, "server.test", 1, "again", false));

        assertThat(read(malloryAtServer, 7)).isEqualTo("mallory");
        assertThat(read(aliceAtServer, 5)).isEqualTo("again");
        assertThat(exit.openStreams()).isEqualTo(2);
      }
    }
  }

  @Test
  void a_name_that_does_not_resolve_is_answered_with_a_dns_failure() throws Exception {
    Originator o = new Originator();
    exit.deliver(request(o, streamKey(7), "nowhere.test", 0, "", false));

    assertThat(nextResponse(o)).isEqualTo(new DnsResolveFailure(streamKey(7)));
    assertThat(exit.openStreams()).as("forgotten before the failure is sent").isZero();
  }

  @Test
  void a_request_without_a_target_host_is_answered_with_a_dns_failure() throws Exception {
    Originator o = new Originator();
    exit.deliver(request(o, streamKey(8), null, 0, "", false));

    assertThat(nextResponse(o)).isEqualTo(new DnsResolveFailure(streamKey(8)));
    assertThat(exit.openStreams()).isZero();
  }

  @Test
  void a_refused_connection_is_answered_with_an_exit_failure() throws Exception {
    Originator o = new Originator();
    server.close(); // nothing listens on the port any more
    exit.deliver(request(o, streamKey(9), "server.test", 0, "", false));

    assertThat(nextResponse(o))
        .isInstanceOfSatisfying(
            ExitFailure.class,
            f -> assertThat(f.reason()).isEqualTo(ExitFailure.Reason.CONNECTION_REFUSED));
    assertThat(exit.openStreams()).as("forgotten before the failure is sent").isZero();
  }

  @Test
  void a_policy_refusal_names_the_address_and_what_kind_it_is() throws Exception {
    ProxyClient strict =
        new ProxyClient(
            runtime, resolver, new ExitPolicy(false), sent::add, RANDOM, Duration.ofSeconds(5));
    Originator o = new Originator();
    strict.deliver(request(o, streamKey(10), "server.test", 0, "", false));

    assertThat(nextResponse(o))
        .isInstanceOfSatisfying(
            ExitFailure.class,
            f -> {
              assertThat(f.reason()).isEqualTo(ExitFailure.Reason.REFUSED_BY_POLICY);
              assertThat(f.detail())
                  .isEqualTo("server.test resolves to 127.0.0.1, a loopback address");
            });
    strict.close();
  }

  @Test
  void a_closed_stream_is_not_opened_again_by_its_request_zero_for_ten_minutes() throws Exception {
    Originator o = new Originator();
    ExpiredCoresPackage<ClientRequest> first =
        request(o, streamKey(20), "nowhere.test", 0, "", false);
    exit.deliver(first);
    assertThat(nextResponse(o)).isInstanceOf(DnsResolveFailure.class);

    exit.deliver(first);
    exit.deliver(request(o, streamKey(20), "nowhere.test", 1, "more", false));

    assertThat(exit.streamsOpened()).isEqualTo(1);
    assertThat(sent).isEmpty();

    runtime.advance(StreamMemory.MEMORY);
    exit.deliver(first);
    assertThat(nextResponse(o))
        .as("packages carry no time: ten minutes on, the exit cannot tell")
        .isInstanceOf(DnsResolveFailure.class);
    assertThat(exit.streamsOpened()).isEqualTo(2);
  }

  @Test
  void a_request_delivered_twice_is_written_once_and_billed_as_delivered() throws Exception {
    RatePack rates = new RatePack(11, 2, 13, 3);
    Wallet payer = Wallet.parse("0x00000000000000000000000000000000000000aa");
    java.util.concurrent.BlockingQueue<Wei> earned =
        new java.util.concurrent.LinkedBlockingQueue<>();
    ChargeSink sink =
        new ChargeSink() {
          @Override
          public void owe(Wallet creditor, Wei amount) {
            throw new AssertionError("an exit owes nothing");
          }

          @Override
          public void earn(Wallet debtor, Wei amount) {
            earned.add(amount);
          }
        };
    ProxyClient billing =
        new ProxyClient(
            runtime,
            resolver,
            new ExitPolicy(true),
            OriginConnector.tcp(),
            sent::add,
            RANDOM,
            Duration.ofSeconds(5),
            new ProviderCharges(rates, Set.of(), sink));
    Originator o = new Originator();
    try {
      for (int i = 0; i < 2; i++) {
        billing.deliver(paid(request(o, streamKey(21), "server.test", 0, "a", false), payer));
        billing.deliver(paid(request(o, streamKey(21), "server.test", 1, "b", false), payer));
      }
      try (Socket atServer = server.accept()) {
        atServer.setSoTimeout(WAIT_MS);
        assertThat(read(atServer, 2)).isEqualTo("ab");
        assertThat(nextResponse(o)).isEqualTo(responseOf(streamKey(21), 0, "", false));
      }
      // The server has closed: the exit ends the stream with an empty last response, billed too.
      assertThat(nextResponse(o)).isNotNull();

      // Each response is billed once it has gone out: wait for the six charges. The requests are
      // billed as delivered (the Hopper's replay memory, not the exit, drops a relay's copies),
      // and written to the server once each.
      List<Wei> charged = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Wei charge = earned.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(charge).as("charge %d", i + 1).isNotNull();
        charged.add(charge);
      }
      charged.addAll(earned);

      assertThat(charged)
          .as("four requests, the empty confirmation and the end of the stream")
          .containsExactlyInAnyOrder(
              Service.EXIT.charge(rates, 1),
              Service.EXIT.charge(rates, 1),
              Service.EXIT.charge(rates, 1),
              Service.EXIT.charge(rates, 1),
              Service.EXIT.charge(rates, 0),
              Service.EXIT.charge(rates, 0));
    } finally {
      billing.close();
    }
  }

  private static ExpiredCoresPackage<ClientRequest> paid(
      ExpiredCoresPackage<ClientRequest> request, Wallet payer) {
    return new ExpiredCoresPackage<>(
        request.immediateNeighbor(),
        Optional.of(payer),
        request.remainingRoute(),
        request.payload(),
        request.payloadLength());
  }
}
