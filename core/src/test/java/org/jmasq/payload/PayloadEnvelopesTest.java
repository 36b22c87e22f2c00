package org.jmasq.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.DecoderContract;
import org.junit.jupiter.api.Test;

class PayloadEnvelopesTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final NodeKeyPair EXIT = NodeKeyPair.generate(RANDOM);
  private static final NodeKeyPair ALIAS = NodeKeyPair.generate(RANDOM);

  @Provide
  Arbitrary<MessageType> messages() {
    return PayloadArbitraries.messages();
  }

  private static void assertRefused(
      DecodeException.Kind kind, org.assertj.core.api.ThrowableAssert.ThrowingCallable open) {
    assertThatThrownBy(open)
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  @Property(tries = 100)
  void a_sealed_message_opens_for_its_recipient_only(@ForAll("messages") MessageType message)
      throws Exception {
    byte[] sealed = PayloadEnvelopes.seal(EnvelopeSealer.to(EXIT.publicKey(), RANDOM), message);
    assertThat(PayloadEnvelopes.open(new EnvelopeOpener(EXIT, 4), sealed)).isEqualTo(message);
    assertRefused(
        DecodeException.Kind.UNAUTHENTIC,
        () -> PayloadEnvelopes.open(new EnvelopeOpener(ALIAS, 4), sealed));
  }

  @Property(tries = 200)
  void an_altered_sealed_message_is_refused_as_unauthentic(
      @ForAll("messages") MessageType message, @ForAll long seed) throws Exception {
    byte[] altered =
        DecoderContract.mutate(
            PayloadEnvelopes.seal(EnvelopeSealer.to(ALIAS.publicKey(), RANDOM), message), seed);
    assertRefused(
        DecodeException.Kind.UNAUTHENTIC,
        () -> PayloadEnvelopes.open(new EnvelopeOpener(ALIAS, 4), altered));
  }

  @Test
  void an_authentic_envelope_holding_a_malformed_message_is_refused_for_what_it_holds()
      throws Exception {
    byte[] sealed = EnvelopeSealer.to(EXIT.publicKey(), RANDOM).seal(new byte[] {9, 0, 0, 0, 1});
    assertRefused(
        DecodeException.Kind.UNKNOWN_CODE,
        () -> PayloadEnvelopes.open(new EnvelopeOpener(EXIT, 4), sealed));
  }

  @Test
  void an_envelope_too_short_to_be_one_is_refused_as_unauthentic() {
    assertRefused(
        DecodeException.Kind.UNAUTHENTIC,
        () -> PayloadEnvelopes.open(new EnvelopeOpener(EXIT, 4), new byte[10]));
  }

  @Property(tries = 200)
  void garbage_is_refused_as_unauthentic(@ForAll @Size(max = 500) byte[] garbage) {
    assertRefused(
        DecodeException.Kind.UNAUTHENTIC,
        () -> PayloadEnvelopes.open(new EnvelopeOpener(EXIT, 4), garbage));
  }
}
