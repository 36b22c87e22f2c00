package org.jmasq.cores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jmasq.crypto.CryptoException;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.wire.DecodeException;

/**
 * Walks sealed routes Node by Node, as the network does: each Node opens the top block with its own
 * opener, checks what it says, and shifts the route on to the Node the hop names.
 */
class RouteWalkTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A Node on the route: its keys and its own opener (with its own session cache). */
  private record FakeNode(String name, NodeKeyPair keys, RouteOpener opener) {
    static FakeNode create(String name) {
      NodeKeyPair keys = NodeKeyPair.generate(RANDOM);
      return new FakeNode(name, keys, new RouteOpener(new EnvelopeOpener(keys, 16)));
    }

    PublicKey key() {
      return keys.publicKey();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** What the Node that opens one block must read there. */
  private record Step(FakeNode node, Optional<FakeNode> next, Component component) {}

  /** Every Node the test knows, including one that is on no route. */
  private static final class Network {
    final Map<PublicKey, FakeNode> byKey = new HashMap<>();
    final List<FakeNode> all = new ArrayList<>();
    final FakeNode bystander = add("bystander");

    FakeNode add(String name) {
      FakeNode node = FakeNode.create(name);
      byKey.put(node.key(), node);
      all.add(node);
      return node;
    }

    List<FakeNode> relays(String prefix, int count) {
      List<FakeNode> relays = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        relays.add(add(prefix + i));
      }
      return relays;
    }
  }

  private static Function<PublicKey, Optional<Payer>> payers(boolean paid) {
    return key -> paid ? Optional.of(CoresArbitraries.payerFor(key)) : Optional.empty();
  }

  private static List<PublicKey> keys(List<FakeNode> nodes) {
    return nodes.stream().map(FakeNode::key).toList();
  }

  private static void assertUnauthentic(ThrowingCallable open) {
    assertThatThrownBy(open)
        .isInstanceOfSatisfying(
            DecodeException.class,
            e -> assertThat(e.kind()).isEqualTo(DecodeException.Kind.UNAUTHENTIC));
  }

  /**
   * Walks {@code route} through {@code steps}, checking at each Node that only it opens the top
   * block, that the hop says what the step expects, that the Node named by the previous hop is the
   * one that opens it, and that shifting keeps the length. Returns the route as the last Node
   * received it (still topped by its block) and the route after its shift.
   */
  private static Route[] walk(Route route, List<Step> steps, Network network, boolean paid) {
    int length = route.size();
    Optional<FakeNode> receiver = Optional.of(steps.get(0).node());
    Route received = route;
    for (Step step : steps) {
      assertThat(receiver).as("the Node the previous hop named").contains(step.node());
      Route top = received;
      for (FakeNode other : network.all) {
        if (!other.key().equals(step.node().key())) {
          assertUnauthentic(() -> other.opener().openTop(top));
        }
      }
      RouteOpener.OpenedHop opened;
      try {
        opened = step.node().opener().openTop(received);
      } catch (DecodeException e) {
        throw new AssertionError(step.node() + " could not open its own block", e);
      }
      assertThat(opened.hop().nextKey())
          .as("next key at %s", step.node())
          .isEqualTo(step.next().map(FakeNode::key));
      assertThat(opened.hop().component())
          .as("component at %s", step.node())
          .isEqualTo(step.component());
      assertThat(opened.hop().payer())
          .as("payer at %s", step.node())
          .isEqualTo(payers(paid).apply(step.node().key()));
      Route shifted = step.node().opener().shift(received, opened);
      assertThat(shifted.size()).as("route length after %s shifts", step.node()).isEqualTo(length);
      receiver = step.next();
      if (step == steps.get(steps.size() - 1)) {
        return new Route[] {received, shifted};
      }
      received = shifted;
    }
    throw new AssertionError("no steps");
  }

  /** Padding opens for nobody: every block from {@code from} on fails for every Node. */
  private static void assertOnlyPadding(Route route, int from, Network network) {
    for (int i = from; i < route.size(); i++) {
      Route topped = new Route(List.of(route.block(i)));
      for (FakeNode node : network.all) {
        assertUnauthentic(() -> node.opener().openTop(topped));
      }
    }
  }

  private static void checkRoundTrip(
      Network network,
      FakeNode originator,
      List<FakeNode> over,
      List<FakeNode> back,
      boolean paid,
      long returnRouteId)
      throws CryptoException {
    RoutePlan plan =
        RoutePlan.roundTrip(
            keys(over),
            Component.PROXY_CLIENT,
            keys(back),
            Component.PROXY_SERVER,
            payers(paid),
            returnRouteId,
            RANDOM);
    Route route = plan.seal();
    assertThat(route.size()).isEqualTo(over.size() + back.size());

    List<Step> steps = new ArrayList<>();
    for (int i = 0; i + 1 < over.size(); i++) {
      steps.add(new Step(over.get(i), Optional.of(over.get(i + 1)), Component.HOPPER));
    }
    steps.add(new Step(back.get(0), Optional.of(back.get(1)), Component.PROXY_CLIENT));
    for (int i = 1; i + 1 < back.size(); i++) {
      steps.add(new Step(back.get(i), Optional.of(back.get(i + 1)), Component.HOPPER));
    }
    steps.add(new Step(originator, Optional.empty(), Component.PROXY_SERVER));

    Route[] last = walk(route, steps, network, paid);
    try {
      assertThat(originator.opener().returnRouteId(last[0])).isEqualTo(returnRouteId);
    } catch (DecodeException e) {
      throw new AssertionError("the originator could not read its return route id", e);
    }
    for (FakeNode other : network.all) {
      if (!other.key().equals(originator.key())) {
        assertUnauthentic(() -> other.opener().returnRouteId(last[0]));
      }
    }
    assertOnlyPadding(last[1], 1, network);
  }

  @Property(tries = 60)
  void every_block_of_a_round_trip_opens_only_for_its_node_and_says_where_next(
      @ForAll @IntRange(min = 1, max = 6) int overRelays,
      @ForAll @IntRange(min = 1, max = 6) int backRelays,
      @ForAll boolean paid,
      @ForAll @LongRange(min = 0, max = 0xffffffffL) long returnRouteId)
      throws CryptoException {
    Network network = new Network();
    FakeNode originator = network.add("O");
    List<FakeNode> overRelayNodes = network.relays("A", overRelays);
    FakeNode exit = network.add("X");
    List<FakeNode> backRelayNodes = network.relays("C", backRelays);
    List<FakeNode> over = new ArrayList<>(List.of(originator));
    over.addAll(overRelayNodes);
    over.add(exit);
    List<FakeNode> back = new ArrayList<>(List.of(exit));
    back.addAll(backRelayNodes);
    back.add(originator);
    checkRoundTrip(network, originator, over, back, paid, returnRouteId);
  }

  @Example
  void a_round_trip_straight_to_the_exit_and_back_walks_correctly() throws CryptoException {
    Network network = new Network();
    FakeNode originator = network.add("O");
    FakeNode exit = network.add("X");
    checkRoundTrip(
        network, originator, List.of(originator, exit), List.of(exit, originator), true, 7);
  }

  @Example
  void a_round_trip_that_shares_relays_between_the_legs_walks_correctly() throws CryptoException {
    Network network = new Network();
    FakeNode originator = network.add("O");
    FakeNode relay = network.add("A");
    FakeNode exit = network.add("X");
    checkRoundTrip(
        network,
        originator,
        List.of(originator, relay, exit),
        List.of(exit, relay, originator),
        true,
        0);
  }

  @Property(tries = 10)
  void a_zero_hop_route_opens_only_for_its_own_node(
      @ForAll boolean paid, @ForAll @LongRange(min = 0, max = 0xffffffffL) long returnRouteId)
      throws CryptoException {
    Network network = new Network();
    FakeNode self = network.add("O");
    checkRoundTrip(network, self, List.of(self, self), List.of(self, self), paid, returnRouteId);
  }

  @Provide
  Arbitrary<Component> recipients() {
    return Arbitraries.of(Component.class);
  }

  @Property(tries = 60)
  void every_block_of_a_one_way_route_opens_only_for_its_node_and_the_last_names_the_recipient(
      @ForAll @IntRange(min = 0, max = 6) int relays,
      @ForAll("recipients") Component recipient,
      @ForAll boolean paid)
      throws CryptoException {
    Network network = new Network();
    List<FakeNode> nodes = new ArrayList<>();
    nodes.add(network.add("S"));
    nodes.addAll(network.relays("R", relays));
    nodes.add(network.add("T"));
    Route route = RoutePlan.oneWay(keys(nodes), recipient, payers(paid), RANDOM).seal();
    assertThat(route.size()).isEqualTo(nodes.size());

    List<Step> steps = new ArrayList<>();
    for (int i = 0; i + 1 < nodes.size(); i++) {
      steps.add(new Step(nodes.get(i), Optional.of(nodes.get(i + 1)), Component.HOPPER));
    }
    steps.add(new Step(nodes.get(nodes.size() - 1), Optional.empty(), recipient));
    Route[] last = walk(route, steps, network, paid);
    assertOnlyPadding(last[1], 0, network);
  }

  @Property(tries = 100)
  void an_altered_hop_block_does_not_open_even_for_its_node(
      @ForAll @IntRange(min = 0, max = Route.BLOCK_LENGTH - 1) int at,
      @ForAll @IntRange(min = 1, max = 255) int flip)
      throws CryptoException {
    Network network = new Network();
    FakeNode originator = network.add("O");
    FakeNode exit = network.add("X");
    Route route =
        RoutePlan.roundTrip(
                keys(List.of(originator, exit)),
                Component.PROXY_CLIENT,
                keys(List.of(exit, originator)),
                Component.PROXY_SERVER,
                payers(true),
                1,
                RANDOM)
            .seal();
    List<byte[]> blocks = new ArrayList<>();
    for (int i = 0; i < route.size(); i++) {
      blocks.add(route.block(i));
    }
    blocks.get(0)[at] ^= (byte) flip;
    Route altered = new Route(blocks);
    assertUnauthentic(() -> originator.opener().openTop(altered));
  }
}
