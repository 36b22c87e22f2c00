package org.jmasq.cores;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.wire.DecodeException;

/**
 * Packages walked over random round trips, each Node doing what its Hopper does (open its block,
 * take its layers off, shift, step the tag), with every link's bytes kept: each Node finds its own
 * block and the final recipients their payloads, and no two links of one route carry a common run
 * of bytes, a common tag, or the same difference between two packages (docs/PROTOCOL.md §9).
 */
class HopLayersTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The shortest run of bytes that would let two Nodes recognize a package by its bytes. */
  private static final int RUN = 16;

  private record Hop(NodeKeyPair keys, RouteOpener routes) {
    static Hop create() {
      NodeKeyPair keys = NodeKeyPair.generate(RANDOM);
      return new Hop(keys, new RouteOpener(new EnvelopeOpener(keys, 64)));
    }
  }

  /** One package as it crossed one link. */
  private record OnLink(long tag, byte[] route, byte[] payload) {}

  private record Walk(List<OnLink> links, byte[] payloadAtEnd, long tagAtEnd, Route routeAtEnd) {}

  private final Map<PublicKey, Hop> hops = new HashMap<>();

  private List<PublicKey> nodes(int count) {
    List<PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Hop hop = Hop.create();
      hops.put(hop.keys().publicKey(), hop);
      keys.add(hop.keys().publicKey());
    }
    return keys;
  }

  /**
   * Sends {@code incipient} from {@code sender} as its Hopper does and walks it until it expires.
   */
  private Walk walk(PublicKey sender, IncipientCoresPackage incipient) throws DecodeException {
    RouteOpener.OpenedHop first = hops.get(sender).routes().openTop(incipient.route());
    byte[] wire =
        LiveCoresPackage.encode(
            incipient.tag() + first.hop().tagStep(),
            hops.get(sender).routes().shift(incipient.route(), first),
            incipient.payload());
    PublicKey next = first.hop().nextKey().orElseThrow();
    List<OnLink> links = new ArrayList<>();
    while (true) {
      PackageLayout layout = PackageLayout.of(wire);
      links.add(
          new OnLink(
              PackageLayout.tag(wire),
              Arrays.copyOfRange(wire, PackageLayout.ROUTE_OFFSET, layout.payloadOffset() - 4),
              Arrays.copyOfRange(wire, layout.payloadOffset(), wire.length)));
      Hop here = hops.get(next);
      RouteOpener.OpenedHop top = here.routes().openBlock(layout.topBlock(wire));
      long tag = PackageLayout.tag(wire);
      HopLayers.peel(top.session(), wire, layout, tag);
      if (top.hop().component() != Component.HOPPER) {
        return new Walk(
            links,
            Arrays.copyOfRange(wire, layout.payloadOffset(), wire.length),
            tag,
            layout.route(wire));
      }
      layout.shiftInPlace(wire, here.routes().padding(top));
      PackageLayout.writeTag(wire, tag + top.hop().tagStep());
      next = top.hop().nextKey().orElseThrow();
    }
  }

  @Property(tries = 25)
  void every_node_opens_its_block_and_no_two_links_carry_the_same_bytes(
      @ForAll @IntRange(min = 1, max = 5) int overRelays,
      @ForAll @IntRange(min = 1, max = 5) int backRelays,
      @ForAll @IntRange(min = 0, max = 600) int size)
      throws Exception {
    List<PublicKey> nodes = nodes(2 + overRelays + backRelays);
    PublicKey originator = nodes.get(0);
    PublicKey exit = nodes.get(1);
    List<List<PublicKey>> legs = CoresArbitraries.roundTripLegs(nodes, overRelays);
    RoutePlan plan =
        RoutePlan.roundTrip(
            legs.get(0),
            Component.PROXY_CLIENT,
            legs.get(1),
            Component.PROXY_SERVER,
            k -> Optional.empty(),
            5,
            RANDOM);
    NodeKeyPair alias = NodeKeyPair.generate(RANDOM);
    EnvelopeSealer toExit = EnvelopeSealer.to(exit, RANDOM);
    EnvelopeSealer toAlias = EnvelopeSealer.to(alias.publicKey(), RANDOM);

    List<Walk> requests = new ArrayList<>();
    for (int n = 0; n < 2; n++) {
      byte[] request = filled(size, n);
      Walk there = walk(originator, plan.incipient(toExit.seal(request)));
      assertThat(
              new EnvelopeOpener(hops.get(exit).keys(), 4).open(there.payloadAtEnd()).plaintext())
          .isEqualTo(request);
      requests.add(there);
    }

    // The exit answers along the route as it got it, every response under the blocks it holds,
    // with tags of its own.
    Route held = requests.get(1).routeAtEnd();
    List<Walk> responses = new ArrayList<>();
    for (int n = 0; n < 2; n++) {
      byte[] response = filled(size, 10 + n);
      Walk home = walk(exit, new IncipientCoresPackage(held, toAlias.seal(response), 900 + n));
      assertThat(hops.get(originator).routes().returnRouteId(home.routeAtEnd())).isEqualTo(5);
      byte[] payload = home.payloadAtEnd();
      plan.responseLayers().peel(home.tagAtEnd(), payload, 0, payload.length);
      assertThat(new EnvelopeOpener(alias, 4).open(payload).plaintext()).isEqualTo(response);
      responses.add(home);
    }

    for (List<Walk> direction : List.of(requests, responses)) {
      List<OnLink> first = direction.get(0).links();
      List<OnLink> second = direction.get(1).links();
      assertThat(first).hasSize(second.size());
      for (int i = 0; i < first.size(); i++) {
        for (int j = i + 1; j < first.size(); j++) {
          OnLink a = first.get(i);
          OnLink b = first.get(j);
          assertThat(a.tag()).as("tags on links %d and %d", i, j).isNotEqualTo(b.tag());
          assertThat(commonRuns(a.payload(), b.payload()))
              .as("payload runs common to links %d and %d", i, j)
              .isEmpty();
          assertThat(commonRuns(a.route(), b.route()))
              .as("route runs common to links %d and %d", i, j)
              .isEmpty();
          assertThat(xor(a.payload(), second.get(i).payload()))
              .as("two packages' payload difference on links %d and %d", i, j)
              .isNotEqualTo(xor(b.payload(), second.get(j).payload()));
        }
      }
    }
    // Out, every package's route is fresh on every link; back, every response's is the same on a
    // link, so what differs between two responses is their payloads alone, differently per link.
    for (int i = 0; i < requests.get(0).links().size(); i++) {
      assertThat(requests.get(0).links().get(i).route())
          .as("two requests' routes on link %d", i)
          .isNotEqualTo(requests.get(1).links().get(i).route());
    }
    for (int i = 0; i < responses.get(0).links().size(); i++) {
      assertThat(responses.get(0).links().get(i).route())
          .as("two responses' routes on link %d", i)
          .isEqualTo(responses.get(1).links().get(i).route());
    }
  }

  private static byte[] filled(int size, int seed) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) seed);
    return bytes;
  }

  private static byte[] xor(byte[] a, byte[] b) {
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) (a[i] ^ b[i]);
    }
    return out;
  }

  /** The runs of {@value #RUN} bytes found in both arrays, wherever they are. */
  private static Set<ByteBuffer> commonRuns(byte[] a, byte[] b) {
    Set<ByteBuffer> runs = new HashSet<>();
    for (int i = 0; i + RUN <= a.length; i++) {
      runs.add(ByteBuffer.wrap(Arrays.copyOfRange(a, i, i + RUN)));
    }
    Set<ByteBuffer> common = new HashSet<>();
    for (int i = 0; i + RUN <= b.length; i++) {
      ByteBuffer run = ByteBuffer.wrap(Arrays.copyOfRange(b, i, i + RUN));
      if (runs.contains(run)) {
        common.add(run);
      }
    }
    return common;
  }
}
