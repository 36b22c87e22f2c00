package org.jmasq.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;

/**
 * The contract every JMasq decoder keeps, as assertions: malformed bytes are refused with a {@link
 * DecodeException} and nothing else, and whatever is accepted re-encodes to a value that decodes
 * the same. Shared by the codec tests of every package.
 */
public final class DecoderContract {
  /** A decoder under test, over a whole byte array. */
  @FunctionalInterface
  public interface Decoder<T> {
    T decode(byte[] bytes) throws DecodeException;
  }

  /** The matching encoder. */
  @FunctionalInterface
  public interface Encoder<T> {
    byte[] encode(T value);
  }

  private DecoderContract() {}

  /** The decoded value, or empty when refused; any exception other than DecodeException fails. */
  public static <T> Optional<T> decodeOrRefuse(Decoder<T> decoder, byte[] bytes) {
    try {
      return Optional.of(decoder.decode(bytes));
    } catch (DecodeException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw new AssertionError(
          "decoder let " + e + " escape for " + HexFormat.of().formatHex(bytes), e);
    }
  }

  /** The DecodeException the decoder throws for bytes it must refuse. */
  public static <T> DecodeException refusalOf(Decoder<T> decoder, byte[] bytes) {
    Optional<T> accepted = decodeOrRefuse(decoder, bytes);
    if (accepted.isPresent()) {
      fail("decoder accepted bytes it must refuse: " + accepted.get());
    }
    try {
      decoder.decode(bytes);
    } catch (DecodeException e) {
      return e;
    }
    throw new AssertionError("unreachable: the decoder refused once and accepted the second time");
  }

  /** Every strict prefix of a valid encoding is refused, with {@code kind} unless it is null. */
  public static <T> void everyTruncationIsRefused(
      Decoder<T> decoder, byte[] encoding, DecodeException.Kind kind) {
    for (int length = 0; length < encoding.length; length++) {
      DecodeException refusal = refusalOf(decoder, Arrays.copyOf(encoding, length));
      if (kind != null) {
        assertThat(refusal.kind()).as("refusal of the first %d bytes", length).isEqualTo(kind);
      }
    }
  }

  /**
   * Mutated bytes are either refused with a DecodeException or decode to a value that is stable:
   * encoding it and decoding again gives the same value.
   */
  public static <T> void mutationIsRefusedOrStable(
      Decoder<T> decoder, Encoder<T> encoder, byte[] mutated) {
    Optional<T> decoded = decodeOrRefuse(decoder, mutated);
    decoded.ifPresent(
        value -> assertThat(decodeOrRefuse(decoder, encoder.encode(value))).contains(value));
  }

  /** {@code bytes} with 1 to 3 distinct bytes changed, chosen by {@code seed}. */
  public static byte[] mutate(byte[] bytes, long seed) {
    if (bytes.length == 0) {
      throw new IllegalArgumentException("nothing to mutate");
    }
    Random random = new Random(seed);
    byte[] out = bytes.clone();
    int changes = 1 + random.nextInt(Math.min(3, bytes.length));
    random
        .ints(0, bytes.length)
        .distinct()
        .limit(changes)
        .forEach(i -> out[i] ^= (byte) (1 + random.nextInt(255)));
    return out;
  }
}
