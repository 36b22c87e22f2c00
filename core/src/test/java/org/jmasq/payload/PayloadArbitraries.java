package org.jmasq.payload;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jmasq.identity.IdentityArbitraries;

/** Generators for every payload message type. */
final class PayloadArbitraries {
  private PayloadArbitraries() {}

  static Arbitrary<byte[]> bytes(int min, int max) {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
  }

  static Arbitrary<StreamKey> streamKeys() {
    return bytes(StreamKey.LENGTH, StreamKey.LENGTH).map(StreamKey::of);
  }

  static Arbitrary<SequencedPacket> packets() {
    return Combinators.combine(
            bytes(0, 300),
            Arbitraries.longs().between(0, Long.MAX_VALUE),
            Arbitraries.of(true, false))
        .as(SequencedPacket::new);
  }

  static Arbitrary<String> hostnames() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('A', 'Z')
        .withCharRange('0', '9')
        .withChars("._:%-")
        .ofMinLength(1)
        .ofMaxLength(ClientRequest.MAX_HOSTNAME);
  }

  static Arbitrary<ClientRequest> clientRequests() {
    return Combinators.combine(
            streamKeys(),
            packets(),
            hostnames().optional(),
            Arbitraries.integers().between(0, 65535),
            Arbitraries.of(ProxyProtocol.class),
            IdentityArbitraries.publicKeys())
        .as(ClientRequest::new);
  }

  static Arbitrary<ClientResponse> clientResponses() {
    return Combinators.combine(streamKeys(), packets()).as(ClientResponse::new);
  }

  static Arbitrary<GossipNodeRecord> records() {
    return Combinators.combine(
            bytes(0, 300), bytes(64, 64), IdentityArbitraries.nodeAddrs(0).optional())
        .as(GossipNodeRecord::new);
  }

  static Arbitrary<Gossip> gossips() {
    return records().list().ofMaxSize(4).map(Gossip::new);
  }

  /** Text without lone surrogates (which UTF-8 cannot carry), at most 3 UTF-8 bytes a char. */
  static Arbitrary<String> details() {
    return Arbitraries.strings()
        .withCharRange('\u0000', '\ud7ff')
        .withCharRange('\ue000', '\ufffd')
        .ofMaxLength(ExitFailure.MAX_DETAIL / 3);
  }

  static Arbitrary<ExitFailure> exitFailures() {
    return Combinators.combine(streamKeys(), Arbitraries.of(ExitFailure.Reason.class), details())
        .as(ExitFailure::new);
  }

  static Arbitrary<StreamAck> streamAcks() {
    return Combinators.combine(
            streamKeys(),
            IdentityArbitraries.publicKeys(),
            Arbitraries.longs().between(0, Long.MAX_VALUE),
            Arbitraries.longs().between(StreamAck.MIN_WINDOW, StreamAck.MAX_WINDOW))
        .as(StreamAck::new);
  }

  static Arbitrary<MessageType> messages() {
    return Arbitraries.oneOf(
        clientRequests(),
        clientResponses(),
        streamKeys().map(DnsResolveFailure::new),
        gossips(),
        Arbitraries.of(GossipFailure.Reason.class).map(GossipFailure::new),
        exitFailures(),
        streamAcks());
  }
}
