package org.jmasq.node.hopper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.node.hopper.TestNode.RANDOM;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jmasq.accountant.BannedWallets;
import org.jmasq.accountant.ChargeSink;
import org.jmasq.accountant.PayerGate;
import org.jmasq.accountant.ProviderCharges;
import org.jmasq.accountant.Service;
import org.jmasq.accountant.Wei;
import org.jmasq.cores.Component;
import org.jmasq.cores.Payer;
import org.jmasq.cores.PayerProofs;
import org.jmasq.cores.RoutePlan;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.RatePack;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.blockchain.Web3jPayerProofs;
import org.jmasq.payload.ClientRequest;
import org.jmasq.payload.PayloadEnvelopes;
import org.jmasq.payload.ProxyProtocol;
import org.jmasq.payload.SequencedPacket;
import org.jmasq.payload.StreamKey;
import org.junit.jupiter.api.Test;

/**
 * Relays and exits serve only a proven, unbanned payer, and bill it for each package they serve.
 */
class HopperBillingTest {
  private static final Web3jPayerProofs PROOFS = new Web3jPayerProofs(Chain.DEV);
  private static final WalletKey CONSUMER =
      WalletKey.parse("4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d");
  private static final RatePack RATES = new RatePack(11, 2, 13, 3);

  private final InMemoryNetwork network = new InMemoryNetwork();
  private final BannedWallets bans = new BannedWallets();
  private final Map<String, Map<Wallet, Wei>> earned = new HashMap<>();

  private Function<PublicKey, Hopper.Billing> billed(String name) {
    Map<Wallet, Wei> book = new HashMap<>();
    earned.put(name, book);
    ChargeSink sink =
        new ChargeSink() {
          @Override
          public void owe(Wallet creditor, Wei amount) {
            throw new AssertionError("a serving Node owes nothing");
          }

          @Override
          public void earn(Wallet debtor, Wei amount) {
            book.merge(debtor, amount, Wei::plus);
          }
        };
    return key ->
        new Hopper.Billing(
            Optional.of(new PayerGate(PROOFS, bans, key, 16)),
            new ProviderCharges(RATES, Set.of(), sink));
  }

  private record Route(TestNode originator, TestNode relay, TestNode exit) {}

  private Route route() {
    return new Route(
        network.node("O"),
        network.node("A", NodeKeyPair.generate(RANDOM), billed("A")),
        network.node("X", NodeKeyPair.generate(RANDOM), billed("X")));
  }

  private int send(Route r, Function<PublicKey, Optional<Payer>> payers) throws Exception {
    PayerProofs.Signer signer = PROOFS.signer(CONSUMER);
    ClientRequest request =
        new ClientRequest(
            StreamKey.of(new byte[StreamKey.LENGTH]),
            new SequencedPacket("hello".getBytes(StandardCharsets.US_ASCII), 0, false),
            Optional.of("example.com"),
            80,
            ProxyProtocol.HTTP,
            r.originator().aliasKeys.publicKey());
    RoutePlan plan =
        RoutePlan.roundTrip(
            List.of(r.originator().key(), r.relay().key(), r.exit().key()),
            Component.PROXY_CLIENT,
            List.of(r.exit().key(), r.relay().key(), r.originator().key()),
            Component.PROXY_SERVER,
            payers == null
                ? k ->
                    k.equals(r.originator().key()) ? Optional.empty() : Optional.of(signer.sign(k))
                : payers,
            1,
            RANDOM);
    byte[] payload = PayloadEnvelopes.seal(EnvelopeSealer.to(r.exit().key(), RANDOM), request);
    r.originator().hopper.transmit(plan.incipient(payload));
    network.deliverAll();
    return payload.length;
  }

  @Test
  void a_proven_payer_is_served_and_billed_by_the_relay_and_the_exit_hopper_passes_it_on()
      throws Exception {
    Route r = route();
    int size = send(r, null);

    assertThat(r.exit().toProxyClient)
        .singleElement()
        .satisfies(e -> assertThat(e.payingWallet()).contains(CONSUMER.wallet()));
    assertThat(earned.get("A"))
        .containsExactly(Map.entry(CONSUMER.wallet(), Service.ROUTING.charge(RATES, size)));
    assertThat(earned.get("X"))
        .as("the exit bills in its ProxyClient, not in its Hopper")
        .isEmpty();
  }

  @Test
  void the_same_package_sent_again_is_relayed_and_billed_once() throws Exception {
    Route r = route();
    int size = send(r, null);
    byte[] held = network.log.get(0).bytes();

    r.relay().hopper.receive(held, r.originator().address);
    r.relay().hopper.receive(held, r.originator().address);
    network.deliverAll();

    assertThat(r.exit().toProxyClient).hasSize(1);
    assertThat(earned.get("A"))
        .containsExactly(Map.entry(CONSUMER.wallet(), Service.ROUTING.charge(RATES, size)));
    assertThat(r.relay().hopper.droppedPackages()).isEqualTo(2);
  }

  @Test
  void a_package_without_a_payer_is_refused_by_the_relay() throws Exception {
    Route r = route();
    send(r, k -> Optional.empty());

    assertThat(r.exit().toProxyClient).isEmpty();
    assertThat(r.relay().hopper.droppedPackages()).isEqualTo(1);
    assertThat(earned.get("A")).isEmpty();
  }

  @Test
  void a_proof_made_for_another_node_is_refused() throws Exception {
    Route r = route();
    PayerProofs.Signer signer = PROOFS.signer(CONSUMER);
    Payer forTheExit = signer.sign(r.exit().key());
    send(r, k -> Optional.of(forTheExit));

    assertThat(r.exit().toProxyClient).isEmpty();
    assertThat(r.relay().hopper.droppedPackages()).isEqualTo(1);
  }

  @Test
  void a_banned_payer_is_refused_from_the_next_package_on() throws Exception {
    Route r = route();
    send(r, null);
    bans.ban(CONSUMER.wallet());
    send(r, null);

    assertThat(r.exit().toProxyClient).hasSize(1);
    assertThat(r.relay().hopper.droppedPackages()).isEqualTo(1);
  }

  @Test
  void a_route_that_loops_back_through_the_exit_does_not_slip_its_exit_hop_past_the_gate()
      throws Exception {
    // O > X (relay hop, proven) > X (exit hop, no proof): the second hop arrives from X itself,
    // but the package is still O's and must be admitted there like any other.
    TestNode originator = network.node("O");
    TestNode exit = network.node("X", NodeKeyPair.generate(RANDOM), billed("X"));
    PayerProofs.Signer signer = PROOFS.signer(CONSUMER);
    boolean[] relayHopSigned = {false};
    ClientRequest request =
        new ClientRequest(
            StreamKey.of(new byte[StreamKey.LENGTH]),
            new SequencedPacket(new byte[0], 0, false),
            Optional.of("example.com"),
            80,
            ProxyProtocol.HTTP,
            originator.aliasKeys.publicKey());
    RoutePlan plan =
        RoutePlan.oneWay(
            List.of(originator.key(), exit.key(), exit.key()),
            Component.PROXY_CLIENT,
            k -> {
              if (k.equals(exit.key()) && !relayHopSigned[0]) {
                relayHopSigned[0] = true;
                return Optional.of(signer.sign(k));
              }
              return Optional.empty();
            },
            RANDOM);
    originator.hopper.transmit(
        plan.incipient(PayloadEnvelopes.seal(EnvelopeSealer.to(exit.key(), RANDOM), request)));
    network.deliverAll();

    assertThat(relayHopSigned[0]).as("the relay hop carried a proof").isTrue();
    assertThat(exit.toProxyClient).as("served without a proof for its exit hop").isEmpty();
    assertThat(exit.hopper.droppedPackages()).isEqualTo(1);
  }

  @Test
  void an_exit_refuses_a_request_without_a_payer() throws Exception {
    TestNode originator = network.node("O");
    TestNode exit = network.node("X", NodeKeyPair.generate(RANDOM), billed("X"));
    ClientRequest request =
        new ClientRequest(
            StreamKey.of(new byte[StreamKey.LENGTH]),
            new SequencedPacket(new byte[0], 0, false),
            Optional.of("example.com"),
            80,
            ProxyProtocol.HTTP,
            originator.aliasKeys.publicKey());
    RoutePlan plan =
        RoutePlan.oneWay(
            List.of(originator.key(), exit.key()),
            Component.PROXY_CLIENT,
            k -> Optional.empty(),
            RANDOM);
    originator.hopper.transmit(
        plan.incipient(PayloadEnvelopes.seal(EnvelopeSealer.to(exit.key(), RANDOM), request)));
    network.deliverAll();

    assertThat(exit.toProxyClient).isEmpty();
    assertThat(exit.hopper.droppedPackages()).isEqualTo(1);
  }
}
