package org.jmasq.payload;

import static org.jmasq.wire.FuzzContract.assertRoundTrip;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import org.jmasq.crypto.CryptoException;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.neighborhood.Fixtures;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.FuzzContract;

/**
 * A fuzz target for every payload type (ClientRequest, ClientResponse, DnsResolveFailure, Gossip,
 * GossipFailure, ExitFailure, StreamAck): what the final recipient of a package decodes. The corpus
 * is in {@code PayloadFuzzTestInputs}; see docs/FUZZING.md.
 */
class PayloadFuzzTest {
  private static final FuzzContract CONTRACT = FuzzContract.refusingWith(DecodeException.class);
  private static final NodeKeyPair SELF = Fixtures.keyPair(1);

  private final EnvelopeOpener opener = new EnvelopeOpener(SELF, 16);

  /** One session for every payload the target seals, so sealing costs AES only. */
  private final EnvelopeSealer sealer;

  PayloadFuzzTest() throws CryptoException {
    sealer = EnvelopeSealer.to(SELF.publicKey(), Fixtures.seeded(3));
  }

  @FuzzTest
  void a_payload_is_decoded_or_refused(byte[] input) throws DecodeException {
    Optional<MessageType> message = CONTRACT.decode(input.length, () -> MessageType.decode(input));
    if (message.isPresent()) {
      assertRoundTrip(message.get(), MessageType.decode(message.get().encode()));
    }
    // The same bytes sealed to this Node, opened as the Hopper opens every payload.
    byte[] envelope = sealer.seal(input);
    Optional<MessageType> opened =
        CONTRACT.decode(envelope.length, () -> PayloadEnvelopes.open(opener, envelope));
    if (!opened.equals(message)) {
      throw new AssertionError("opened " + opened + " where the plaintext holds " + message);
    }
  }
}
