package org.jmasq.neighborhood;

import static org.jmasq.wire.FuzzContract.assertRoundTrip;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.Optional;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Chain;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;
import org.jmasq.payload.MessageType;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.FuzzContract;

/**
 * Fuzz targets for what a Node learns from Gossip: the signed Node records, and whole Gossip as it
 * arrives, each record looked up by its key, decoded and its signature checked. The corpus is in
 * {@code NodeRecordFuzzTestInputs}; see docs/FUZZING.md.
 */
class NodeRecordFuzzTest {
  private static final FuzzContract CONTRACT = FuzzContract.refusingWith(DecodeException.class);

  /** The payload header of Gossip at version 0.1: type 4, major 0, minor 1. */
  private static final byte[] GOSSIP_HEADER = {4, 0, 0, 0, 1};

  private static final SignatureVerifier SIGNATURES = SignatureVerifier.ed25519(Chain.DEV);

  @FuzzTest
  void a_node_record_is_decoded_or_refused(byte[] input) throws DecodeException {
    Optional<PublicKey> peeked = NodeRecordInner.peekKey(input);
    Optional<NodeRecordInner> inner =
        CONTRACT.decode(input.length, () -> NodeRecordInner.decode(input));
    if (inner.isEmpty()) {
      return;
    }
    if (!peeked.equals(Optional.of(inner.get().publicKey()))) {
      throw new AssertionError("peekKey found " + peeked + " in " + inner.get());
    }
    // Records are relayed byte for byte, so one record must have exactly one encoding.
    if (!Arrays.equals(inner.get().encode(), input)) {
      throw new AssertionError("a decoded record encodes to other bytes: " + inner.get());
    }
    assertRoundTrip(inner.get(), NodeRecordInner.decode(inner.get().encode()));
  }

  @FuzzTest
  void a_gossip_and_its_records_are_checked_or_refused(byte[] body) {
    byte[] input = Arrays.copyOf(GOSSIP_HEADER, GOSSIP_HEADER.length + body.length);
    System.arraycopy(body, 0, input, GOSSIP_HEADER.length, body.length);
    Optional<MessageType> message = CONTRACT.decode(input.length, () -> MessageType.decode(input));
    if (message.isEmpty()) {
      return;
    }
    if (!(message.get() instanceof Gossip gossip)) {
      throw new AssertionError("a Gossip header decoded as " + message.get());
    }
    for (GossipNodeRecord record : gossip.records()) {
      byte[] data = record.signedData();
      NodeRecordInner.peekKey(data);
      Optional<NodeRecordInner> inner =
          CONTRACT.decode(data.length, () -> NodeRecordInner.decode(data));
      inner.ifPresent(i -> SIGNATURES.verify(i.publicKey(), data, record.signature()));
    }
  }
}
