package org.jmasq.cores;

import static org.jmasq.wire.FuzzContract.assertRoundTrip;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.Optional;
import org.jmasq.crypto.CryptoException;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.neighborhood.Fixtures;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.FuzzContract;

/**
 * Fuzz targets for what any neighbor can put on a link: the CORES package's framing, and the hop
 * block the receiving Node opens. The corpus is in {@code CoresPackageFuzzTestInputs}; see
 * docs/FUZZING.md.
 */
class CoresPackageFuzzTest {
  private static final FuzzContract CONTRACT = FuzzContract.refusingWith(DecodeException.class);
  private static final NodeKeyPair SELF = Fixtures.keyPair(1);

  private final RouteOpener opener = new RouteOpener(new EnvelopeOpener(SELF, 16));

  /** One session for every block the target seals, so sealing costs AES only, not X25519. */
  private final EnvelopeSealer sealer;

  CoresPackageFuzzTest() throws CryptoException {
    sealer = EnvelopeSealer.to(SELF.publicKey(), Fixtures.seeded(2));
  }

  @FuzzTest
  void a_live_package_is_decoded_or_refused(byte[] input) throws DecodeException {
    Optional<LiveCoresPackage> decoded =
        CONTRACT.decode(input.length, () -> LiveCoresPackage.decode(input));
    Optional<PackageLayout> layout = CONTRACT.decode(input.length, () -> PackageLayout.of(input));
    // A relay checks the framing with PackageLayout and never decodes; both must draw one line.
    if (decoded.isPresent() != layout.isPresent()) {
      throw new AssertionError("decode accepted " + decoded + " but PackageLayout " + layout);
    }
    if (decoded.isEmpty()) {
      return;
    }
    LiveCoresPackage live = decoded.get();
    byte[] encoded = live.encode();
    if (!Arrays.equals(encoded, input)) {
      throw new AssertionError("a decoded package encodes to other bytes: " + live);
    }
    assertRoundTrip(live, LiveCoresPackage.decode(encoded));
    PackageLayout parts = layout.get();
    if (parts.hops() != live.route().size() || parts.payloadLength() != live.payloadLength()) {
      throw new AssertionError(parts + " does not describe " + live);
    }
    byte[] padding = live.route().block(live.route().size() - 1);
    assertRoundTrip(
        new LiveCoresPackage(live.tag(), live.route().shifted(padding), live.payload()),
        LiveCoresPackage.decode(parts.shiftInPlace(input.clone(), padding)));
  }

  @FuzzTest
  void a_hop_block_is_decoded_or_refused(byte[] input) {
    Optional<HopContent> content = CONTRACT.decode(input.length, () -> HopContent.decode(input));
    content.ifPresent(
        hop -> {
          if (!Arrays.equals(hop.encode(), input)) {
            throw new AssertionError("a decoded hop encodes to other bytes: " + hop);
          }
          assertRoundTrip(hop, CONTRACT.decode(input.length, () -> HopContent.decode(input)).get());
        });
    // The same bytes as the plaintext of a block sealed to this Node, opened as the Hopper does.
    byte[] plain = Arrays.copyOf(input, HopContent.PLAIN_LENGTH);
    byte[] block = sealer.seal(plain);
    Optional<RouteOpener.OpenedHop> opened =
        CONTRACT.decode(block.length, () -> opener.openBlock(block));
    Optional<HopContent> expected = CONTRACT.decode(plain.length, () -> HopContent.decode(plain));
    boolean live = expected.isPresent() && expected.get() instanceof HopContent.LiveHop;
    if (opened.isPresent() != live || (live && !opened.get().hop().equals(expected.get()))) {
      throw new AssertionError("opened " + opened + " where the plaintext holds " + expected);
    }
  }
}
