package org.jmasq.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.jmasq.wire.DecoderContract;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] PLAIN = "GET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII);

  private final NodeKeyPair recipient = NodeKeyPair.generate(RANDOM);

  @Property(tries = 100)
  void an_envelope_opens_to_its_plaintext_for_its_recipient(@ForAll @Size(max = 2000) byte[] plain)
      throws Exception {
    byte[] sealed = EnvelopeSealer.to(recipient.publicKey(), RANDOM).seal(plain);
    assertThat(sealed).hasSize(plain.length + Envelope.OVERHEAD);
    assertThat(new EnvelopeOpener(recipient, 8).open(sealed).plaintext()).isEqualTo(plain);
  }

  @Property(tries = 100)
  void an_altered_envelope_does_not_open_with_or_without_its_cached_session(
      @ForAll @Size(max = 300) byte[] plain, @ForAll long seed) throws Exception {
    EnvelopeSealer sealer = EnvelopeSealer.to(recipient.publicKey(), RANDOM);
    byte[] altered = DecoderContract.mutate(sealer.seal(plain), seed);
    EnvelopeOpener warm = new EnvelopeOpener(recipient, 8);
    warm.open(sealer.seal(plain));
    assertThatThrownBy(() -> warm.open(altered)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> new EnvelopeOpener(recipient, 8).open(altered))
        .isInstanceOf(CryptoException.class);
  }

  @Test
  void an_envelope_sealed_to_another_key_does_not_open() throws Exception {
    byte[] sealed = EnvelopeSealer.to(NodeKeyPair.generate(RANDOM).publicKey(), RANDOM).seal(PLAIN);
    assertThatThrownBy(() -> new EnvelopeOpener(recipient, 8).open(sealed))
        .isInstanceOf(CryptoException.class);
  }

  @Test
  void envelopes_from_one_sealer_share_a_header_key_but_never_a_nonce() throws Exception {
    EnvelopeSealer sealer = EnvelopeSealer.to(recipient.publicKey(), RANDOM);
    byte[] first = sealer.seal(PLAIN);
    byte[] second = sealer.seal(PLAIN);
    assertThat(Arrays.copyOf(first, PublicKey.HALF))
        .isEqualTo(Arrays.copyOf(second, PublicKey.HALF));
    assertThat(Arrays.copyOfRange(first, PublicKey.HALF, Envelope.HEADER))
        .isNotEqualTo(Arrays.copyOfRange(second, PublicKey.HALF, Envelope.HEADER));
    byte[] other = EnvelopeSealer.to(recipient.publicKey(), RANDOM).seal(PLAIN);
    assertThat(Arrays.copyOf(other, PublicKey.HALF))
        .isNotEqualTo(Arrays.copyOf(first, PublicKey.HALF));
  }

  @Test
  void a_second_envelope_from_the_same_sealer_opens_under_the_cached_session() throws Exception {
    EnvelopeSealer sealer = EnvelopeSealer.to(recipient.publicKey(), RANDOM);
    EnvelopeOpener opener = new EnvelopeOpener(recipient, 8);
    EnvelopeOpener.Opened first = opener.open(sealer.seal(PLAIN));
    EnvelopeOpener.Opened second =
        opener.open(sealer.seal("more".getBytes(StandardCharsets.US_ASCII)));
    assertThat(second.plaintext()).asString(StandardCharsets.US_ASCII).isEqualTo("more");
    assertThat(second.session()).isSameAs(first.session());
  }

  @Test
  void a_forged_envelope_under_a_new_ephemeral_key_does_not_evict_a_cached_session()
      throws Exception {
    EnvelopeSealer sealer = EnvelopeSealer.to(recipient.publicKey(), RANDOM);
    EnvelopeOpener opener = new EnvelopeOpener(recipient, 1);
    SessionKey cached = opener.open(sealer.seal(PLAIN)).session();
    byte[] forged = EnvelopeSealer.to(NodeKeyPair.generate(RANDOM).publicKey(), RANDOM).seal(PLAIN);
    assertThatThrownBy(() -> opener.open(forged)).isInstanceOf(CryptoException.class);
    assertThat(opener.open(sealer.seal(PLAIN)).session()).isSameAs(cached);
  }

  @Test
  void a_forged_envelope_under_a_cached_ephemeral_key_does_not_poison_the_session()
      throws Exception {
    EnvelopeSealer sealer = EnvelopeSealer.to(recipient.publicKey(), RANDOM);
    EnvelopeOpener opener = new EnvelopeOpener(recipient, 1);
    SessionKey cached = opener.open(sealer.seal(PLAIN)).session();
    byte[] forged = sealer.seal(PLAIN);
    forged[forged.length - 1] ^= 1;
    assertThatThrownBy(() -> opener.open(forged)).isInstanceOf(CryptoException.class);
    EnvelopeOpener.Opened after = opener.open(sealer.seal(PLAIN));
    assertThat(after.session()).isSameAs(cached);
    assertThat(after.plaintext()).isEqualTo(PLAIN);
  }

  @Test
  void a_forged_envelope_seen_before_the_genuine_one_does_not_stop_it_opening() throws Exception {
    EnvelopeSealer sealer = EnvelopeSealer.to(recipient.publicKey(), RANDOM);
    byte[] genuine = sealer.seal(PLAIN);
    byte[] forged = genuine.clone();
    RANDOM.nextBytes(forged);
    System.arraycopy(genuine, 0, forged, 0, PublicKey.HALF);
    EnvelopeOpener opener = new EnvelopeOpener(recipient, 1);
    assertThatThrownBy(() -> opener.open(forged)).isInstanceOf(CryptoException.class);
    assertThat(opener.open(genuine).plaintext()).isEqualTo(PLAIN);
  }

  @Test
  void a_session_evicted_from_a_full_cache_is_derived_again() throws Exception {
    EnvelopeSealer a = EnvelopeSealer.to(recipient.publicKey(), RANDOM);
    EnvelopeSealer b = EnvelopeSealer.to(recipient.publicKey(), RANDOM);
    EnvelopeOpener opener = new EnvelopeOpener(recipient, 1);
    SessionKey first = opener.open(a.seal(PLAIN)).session();
    opener.open(b.seal(PLAIN));
    EnvelopeOpener.Opened again = opener.open(a.seal(PLAIN));
    assertThat(again.plaintext()).isEqualTo(PLAIN);
    assertThat(again.session()).isNotSameAs(first);
  }

  @Test
  void the_least_recently_used_session_is_the_one_evicted() throws Exception {
    EnvelopeSealer a = EnvelopeSealer.to(recipient.publicKey(), RANDOM);
    EnvelopeSealer b = EnvelopeSealer.to(recipient.publicKey(), RANDOM);
    EnvelopeSealer c = EnvelopeSealer.to(recipient.publicKey(), RANDOM);
    EnvelopeOpener opener = new EnvelopeOpener(recipient, 2);
    SessionKey sessionA = opener.open(a.seal(PLAIN)).session();
    SessionKey sessionB = opener.open(b.seal(PLAIN)).session();
    opener.open(a.seal(PLAIN));
    opener.open(c.seal(PLAIN));
    assertThat(opener.open(a.seal(PLAIN)).session()).isSameAs(sessionA);
    assertThat(opener.open(b.seal(PLAIN)).session()).isNotSameAs(sessionB);
  }

  @Test
  void an_envelope_shorter_than_its_overhead_is_refused() {
    EnvelopeOpener opener = new EnvelopeOpener(recipient, 1);
    assertThatThrownBy(() -> opener.open(new byte[Envelope.OVERHEAD - 1]))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("at least " + Envelope.OVERHEAD);
  }

  @Test
  void an_empty_plaintext_seals_to_exactly_the_overhead_and_opens() throws Exception {
    byte[] sealed = EnvelopeSealer.to(recipient.publicKey(), RANDOM).seal(new byte[0]);
    assertThat(sealed).hasSize(Envelope.OVERHEAD);
    assertThat(new EnvelopeOpener(recipient, 1).open(sealed).plaintext()).isEmpty();
  }

  @Test
  void a_low_order_ephemeral_key_is_refused_as_a_crypto_failure() {
    byte[] envelope = new byte[Envelope.OVERHEAD + 10];
    assertThatThrownBy(() -> new EnvelopeOpener(recipient, 1).open(envelope))
        .isInstanceOf(CryptoException.class);
  }

  @Test
  void sealing_to_a_low_order_recipient_key_is_refused() {
    PublicKey lowOrder = PublicKey.firstContact(new byte[32]);
    assertThatThrownBy(() -> EnvelopeSealer.to(lowOrder, RANDOM))
        .isInstanceOf(CryptoException.class);
  }

  @Test
  void a_cache_needs_room_for_one_session() {
    assertThatThrownBy(() -> new EnvelopeOpener(recipient, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_padding_key_is_a_property_of_the_session() throws Exception {
    EnvelopeSealer sealer = EnvelopeSealer.to(recipient.publicKey(), RANDOM);
    EnvelopeOpener opener = new EnvelopeOpener(recipient, 4);
    byte[] first = opener.open(sealer.seal(PLAIN)).session().paddingPrefix();
    byte[] sameStreamFreshOpener =
        new EnvelopeOpener(recipient, 4).open(sealer.seal(PLAIN)).session().paddingPrefix();
    byte[] otherStream =
        opener
            .open(EnvelopeSealer.to(recipient.publicKey(), RANDOM).seal(PLAIN))
            .session()
            .paddingPrefix();
    assertThat(first).hasSize(32).isEqualTo(sameStreamFreshOpener).isNotEqualTo(otherStream);
  }

  @Test
  void envelopes_of_one_sealer_share_its_id_and_count_up_from_zero() throws Exception {
    EnvelopeSealer sealer = EnvelopeSealer.to(recipient.publicKey(), RANDOM);
    byte[] first = sealer.seal(PLAIN);
    byte[] second = sealer.seal(PLAIN);
    byte[] other = EnvelopeSealer.to(recipient.publicKey(), RANDOM).seal(PLAIN);
    byte[] framed = new byte[3 + first.length];
    System.arraycopy(first, 0, framed, 3, first.length);

    Envelope.Position one = Envelope.positionOf(first, 0);
    Envelope.Position two = Envelope.positionOf(second, 0);

    assertThat(one.counter()).isZero();
    assertThat(two.counter()).isEqualTo(1);
    assertThat(two.sealer()).isEqualTo(one.sealer());
    assertThat(Envelope.positionOf(other, 0).sealer()).isNotEqualTo(one.sealer());
    assertThat(Envelope.positionOf(framed, 3)).isEqualTo(one);
  }

  @Test
  void the_position_of_bytes_too_short_for_an_envelope_is_refused() {
    assertThatThrownBy(() -> Envelope.positionOf(new byte[Envelope.OVERHEAD - 1], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Envelope.positionOf(new byte[Envelope.OVERHEAD], 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
