package org.jmasq.crypto;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jmasq.cores.Route;
import org.jmasq.cores.RouteOpener;
import org.jmasq.neighborhood.Fixtures;
import org.jmasq.payload.PayloadEnvelopes;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.FuzzContract;

/**
 * A fuzz target for envelopes from a stranger: bytes that claim to be a hop block or a payload
 * sealed to this Node, with any ephemeral key (low-order points included), nonce and tag. The
 * corpus is in {@code EnvelopeFuzzTestInputs}; see docs/FUZZING.md.
 */
class EnvelopeFuzzTest {
  private static final FuzzContract CRYPTO = FuzzContract.refusingWith(CryptoException.class);
  private static final FuzzContract WIRE = FuzzContract.refusingWith(DecodeException.class);

  private final EnvelopeOpener opener = new EnvelopeOpener(Fixtures.keyPair(1), 16);
  private final RouteOpener routes = new RouteOpener(opener);

  @FuzzTest
  void a_strangers_envelope_is_opened_or_refused(byte[] input) {
    CRYPTO.decode(input.length, () -> opener.open(input));
    WIRE.decode(input.length, () -> PayloadEnvelopes.open(opener, input));
    if (input.length == Route.BLOCK_LENGTH) {
      // The Hopper opens exactly one block's bytes, cut from the package.
      WIRE.decode(input.length, () -> routes.openBlock(input));
    }
  }
}
