package org.jmasq.wire;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What every decoder promises a fuzz target (the {@link DecoderContract} of a generated input): it
 * returns a value or throws one of its own typed refusals, nothing else, and it allocates no more
 * than the input can justify. A decoder that trusted a length field from the wire would allocate
 * far beyond its input; the budget catches it.
 */
public final class FuzzContract {
  /** Bytes a decoder may allocate whatever its input: objects, small buffers, a cipher. */
  private static final long FLOOR = 256 * 1024;

  /** Bytes a decoder may allocate per input byte: copies, strings, lists of small records. */
  private static final long PER_INPUT_BYTE = 64;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** One attempt to decode, which may refuse. */
  @FunctionalInterface
  public interface Decoding<T> {
    T run() throws Exception;
  }

  private final List<Class<?>> refusals;
  private final long perInputByte;

  private FuzzContract(List<Class<?>> refusals, long perInputByte) {
    this.refusals = refusals;
    this.perInputByte = perInputByte;
  }

  /** A contract whose decoder may refuse with exactly these exception types (and subtypes). */
  public static FuzzContract refusingWith(Class<?>... refusals) {
    return new FuzzContract(List.of(refusals), PER_INPUT_BYTE);
  }

  /**
   * The same contract with {@code bytes} of allocation allowed per input byte. A text parser
   * compares strings for every byte it reads, and under fuzzing Jazzer's compare hooks allocate for
   * each compare; its own allocation is bounded by a unit test instead.
   */
  public FuzzContract allowingPerInputByte(long bytes) {
    return new FuzzContract(refusals, bytes);
  }

  /**
   * Runs {@code decoding} of {@code inputLength} bytes: its value, or empty when it refused. Any
   * other exception propagates (a finding); so does an {@link AssertionError} when it allocated
   * beyond its budget twice in a row (the first run may load classes).
   */
  public <T> Optional<T> decode(int inputLength, Decoding<T> decoding) {
    long budget = FLOOR + perInputByte * inputLength;
    long allocated = 0;
    Optional<T> result = Optional.empty();
    for (int attempt = 0; attempt < 2; attempt++) {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      result = runOnce(decoding);
      allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
      if (allocated <= budget) {
        return result;
      }
    }
    throw new AssertionError(
        "decoding "
            + inputLength
            + " bytes allocated "
            + allocated
            + " bytes (budget: "
            + budget
            + ")");
  }

  private <T> Optional<T> runOnce(Decoding<T> decoding) {
    try {
      return Optional.of(Objects.requireNonNull(decoding.run(), "a decoder returned null"));
    } catch (RuntimeException e) {
      if (isRefusal(e)) {
        return Optional.empty();
      }
      throw e;
    } catch (Exception e) {
      if (isRefusal(e)) {
        return Optional.empty();
      }
      throw new AssertionError("a decoder threw an exception it does not declare: " + e, e);
    }
  }

  private boolean isRefusal(Exception e) {
    return refusals.stream().anyMatch(type -> type.isInstance(e));
  }

  /** Fails unless {@code again}, decoded from {@code value}'s encoding, equals {@code value}. */
  public static void assertRoundTrip(Object value, Object again) {
    if (!value.equals(again)) {
      throw new AssertionError("decode(encode(x)) != x: " + value + " became " + again);
    }
  }
}
