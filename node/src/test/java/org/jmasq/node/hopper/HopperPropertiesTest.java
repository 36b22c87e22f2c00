package org.jmasq.node.hopper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jmasq.node.hopper.TestNode.RANDOM;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.jmasq.cores.Component;
import org.jmasq.cores.Route;
import org.jmasq.cores.RoutePlan;
import org.jmasq.crypto.CryptoException;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.payload.ClientRequest;
import org.jmasq.payload.PayloadEnvelopes;
import org.jmasq.payload.ProxyProtocol;
import org.jmasq.payload.SequencedPacket;
import org.jmasq.payload.StreamKey;

/**
 * Whatever arrives on a link, {@link Hopper#receive} neither throws nor delivers anything that was
 * not sealed, unaltered, for this Node.
 */
class HopperPropertiesTest {
  private static final NodeKeyPair RECEIVER_MAIN = NodeKeyPair.generate(RANDOM);
  private static final NodeKeyPair RECEIVER_ALIAS = NodeKeyPair.generate(RANDOM);
  private static final ClientRequest REQUEST =
      new ClientRequest(
          StreamKey.of(new byte[StreamKey.LENGTH]),
          new SequencedPacket("hi".getBytes(StandardCharsets.US_ASCII), 0, false),
          Optional.of("example.com"),
          80,
          ProxyProtocol.HTTP,
          NodeKeyPair.generate(RANDOM).publicKey());

  /** Version u8, tag u64 and route count u8 come before the blocks. */
  private static final int BLOCKS_START = 1 + Long.BYTES + 1;

  /**
   * A package as the receiver gets it from a sender one hop away: blocks [receiver's hop (expire to
   * its ProxyClient), the sender's padding], then the payload sealed to the receiver.
   */
  private static final byte[] VALID = validPackage();

  /** The padding block is opened by nobody, so changing it changes nothing; mutations skip it. */
  private static final int PADDING_START = BLOCKS_START + Route.BLOCK_LENGTH;

  private static final int PADDING_END = PADDING_START + Route.BLOCK_LENGTH;

  private static byte[] validPackage() {
    List<byte[]> sent = new ArrayList<>();
    TestNode sender = new TestNode("sender", (next, bytes) -> sent.add(bytes));
    try {
      RoutePlan plan =
          RoutePlan.oneWay(
              List.of(sender.key(), RECEIVER_MAIN.publicKey()),
              Component.PROXY_CLIENT,
              k -> Optional.empty(),
              RANDOM);
      sender.hopper.transmit(
          plan.incipient(
              PayloadEnvelopes.seal(
                  EnvelopeSealer.to(RECEIVER_MAIN.publicKey(), RANDOM), REQUEST)));
    } catch (CryptoException | IOException e) {
      throw new IllegalStateException(e);
    }
    return sent.get(0);
  }

  /** A fresh receiver (same keys, fresh Hopper and recorders) whose links record what it sends. */
  private static TestNode receiver(List<byte[]> sent) {
    return new TestNode(
        "receiver", RECEIVER_MAIN, RECEIVER_ALIAS, (next, bytes) -> sent.add(bytes));
  }

  private static void assertDroppedQuietly(byte[] bytes) {
    List<byte[]> sent = new ArrayList<>();
    TestNode receiver = receiver(sent);
    receiver.hopper.receive(bytes, receiver.address); // must not throw
    assertThat(receiver.deliveries()).isZero();
    assertThat(sent).isEmpty();
    assertThat(receiver.hopper.droppedPackages()).isEqualTo(1);
  }

  @Example
  void the_unaltered_package_is_delivered_to_the_receivers_proxy_client() {
    TestNode receiver = receiver(new ArrayList<>());
    receiver.hopper.receive(VALID.clone(), receiver.address);
    assertThat(receiver.toProxyClient)
        .singleElement()
        .satisfies(e -> assertThat(e.payload()).isEqualTo(REQUEST));
  }

  @Property(tries = 300)
  void random_bytes_are_dropped_without_an_exception_or_a_delivery(
      @ForAll("anyBytes") byte[] bytes) {
    assertDroppedQuietly(bytes);
  }

  @Provide
  Arbitrary<byte[]> anyBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(2 * VALID.length);
  }

  @Property(tries = 200)
  void random_blocks_behind_a_well_formed_header_are_dropped(
      @ForAll("wellFormedRandomPackages") byte[] bytes) {
    assertDroppedQuietly(bytes);
  }

  /**
   * Version 1, a legal block count, random blocks, a length field that matches a random payload.
   */
  @Provide
  Arbitrary<byte[]> wellFormedRandomPackages() {
    return Arbitraries.integers()
        .between(1, 4)
        .flatMap(
            count ->
                Arbitraries.integers()
                    .between(0, 300)
                    .flatMap(
                        payloadLength ->
                            Arbitraries.bytes()
                                .array(byte[].class)
                                .ofSize(count * Route.BLOCK_LENGTH + payloadLength)
                                .map(
                                    random -> {
                                      byte[] out =
                                          new byte
                                              [BLOCKS_START
                                                  + count * Route.BLOCK_LENGTH
                                                  + 4
                                                  + payloadLength];
                                      out[0] = 1;
                                      out[1] = (byte) (int) count;
                                      System.arraycopy(
                                          random, 0, out, BLOCKS_START, count * Route.BLOCK_LENGTH);
                                      int at = BLOCKS_START + count * Route.BLOCK_LENGTH;
                                      out[at + 2] = (byte) (payloadLength >>> 8);
                                      out[at + 3] = (byte) (int) payloadLength;
                                      System.arraycopy(
                                          random,
                                          count * Route.BLOCK_LENGTH,
                                          out,
                                          at + 4,
                                          payloadLength);
                                      return out;
                                    })));
  }

  @Property(tries = 300)
  void a_package_with_any_byte_changed_outside_the_padding_is_dropped(
      @ForAll("positionsOutsidePadding") int position,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    byte[] mutated = VALID.clone();
    mutated[position] ^= (byte) flip;
    assertDroppedQuietly(mutated);
  }

  @Provide
  Arbitrary<Integer> positionsOutsidePadding() {
    return Arbitraries.integers()
        .between(0, VALID.length - 1 - Route.BLOCK_LENGTH)
        .map(p -> p < PADDING_START ? p : p + Route.BLOCK_LENGTH);
  }

  @Property(tries = 200)
  void a_package_cut_short_or_with_zeros_appended_is_dropped(@ForAll("otherLengths") int length) {
    assertDroppedQuietly(Arrays.copyOf(VALID, length));
  }

  @Provide
  Arbitrary<Integer> otherLengths() {
    return Arbitraries.integers()
        .between(0, VALID.length + 64)
        .filter(length -> length != VALID.length);
  }

  @Example
  void a_change_in_the_padding_block_leaves_the_delivered_request_unchanged() {
    byte[] mutated = VALID.clone();
    for (int i = PADDING_START; i < PADDING_END; i++) {
      mutated[i] ^= 0x5a;
    }
    TestNode receiver = receiver(new ArrayList<>());
    receiver.hopper.receive(mutated, receiver.address);
    assertThat(receiver.toProxyClient)
        .singleElement()
        .satisfies(e -> assertThat(e.payload()).isEqualTo(REQUEST));
  }
}
