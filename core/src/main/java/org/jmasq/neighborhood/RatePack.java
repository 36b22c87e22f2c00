package org.jmasq.neighborhood;

import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * What a Node charges, in wei: a service rate per package and a byte rate per payload byte, once
 * for relaying and once for acting as the exit.
 *
 * <pre>
 *  +--------------------+----------------------+------------------+--------------------+
 *  | routing_byte_rate  | routing_service_rate | exit_byte_rate   | exit_service_rate  |
 *  | u64                | u64                  | u64              | u64                |
 *  +--------------------+----------------------+------------------+--------------------+
 * </pre>
 *
 * Rates are at most {@link #MAX_RATE}; charges saturate at {@link Long#MAX_VALUE} rather than wrap.
 */
public record RatePack(
    long routingByteRate, long routingServiceRate, long exitByteRate, long exitServiceRate) {
  static final int ENCODED_LENGTH = 32;

  /** 2^40 wei: far above any real rate. */
  public static final long MAX_RATE = 1L << 40;

  /** The reference's default rate pack. */
  public static final RatePack DEFAULT = new RatePack(53_844, 53_844, 107_688, 107_688);

  /** What consume-only and zero-hop Nodes publish. */
  public static final RatePack ZERO = new RatePack(0, 0, 0, 0);

  public RatePack {
    check("routingByteRate", routingByteRate);
    check("routingServiceRate", routingServiceRate);
    check("exitByteRate", exitByteRate);
    check("exitServiceRate", exitServiceRate);
  }

  private static void check(String name, long value) {
    if (value < 0 || value > MAX_RATE) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: 0~" + MAX_RATE + ")");
    }
  }

  /** What relaying one package of {@code payloadSize} bytes costs. */
  public long routingCharge(long payloadSize) {
    return saturatingAdd(routingServiceRate, saturatingMultiply(routingByteRate, payloadSize));
  }

  /** What exiting one package of {@code payloadSize} bytes costs. */
  public long exitCharge(long payloadSize) {
    return saturatingAdd(exitServiceRate, saturatingMultiply(exitByteRate, payloadSize));
  }

  /** {@code a + b} for non-negative operands, stopping at {@link Long#MAX_VALUE}. */
  public static long saturatingAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  /** {@code a × b} for non-negative operands, stopping at {@link Long#MAX_VALUE}. */
  public static long saturatingMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return high != 0 || low < 0 ? Long.MAX_VALUE : low;
  }

  void encode(WireWriter out) {
    out.u64(routingByteRate).u64(routingServiceRate).u64(exitByteRate).u64(exitServiceRate);
  }

  static RatePack decode(WireReader in) throws DecodeException {
    long rb = rate(in, "rate_pack.routing_byte_rate");
    long rs = rate(in, "rate_pack.routing_service_rate");
    long eb = rate(in, "rate_pack.exit_byte_rate");
    long es = rate(in, "rate_pack.exit_service_rate");
    return new RatePack(rb, rs, eb, es);
  }

  private static long rate(WireReader in, String field) throws DecodeException {
    long value = in.u64(field);
    if (value < 0 || value > MAX_RATE) {
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD,
          field + ": " + Long.toUnsignedString(value) + " (expected: at most " + MAX_RATE + ")");
    }
    return value;
  }

  /**
   * The reference's {@code
   * routing_byte_rate|routing_service_rate|exit_byte_rate|exit_service_rate}.
   */
  @Override
  public String toString() {
    return routingByteRate + "|" + routingServiceRate + "|" + exitByteRate + "|" + exitServiceRate;
  }
}
