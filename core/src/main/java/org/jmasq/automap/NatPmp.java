package org.jmasq.automap;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * NAT-PMP (RFC 6886) as a Node speaks it: the external-address request and the TCP mapping request,
 * and the router's answers. Big-endian, on the router's UDP port 5351:
 *
 * <pre>
 * external-address request (2 bytes)    TCP map request (12 bytes)
 * +------+------+                        +------+------+-------------+
 * | vers | op=0 |                        | vers | op=2 | reserved(0) |  (16 bits)
 * +------+------+                        +------+------+-------------+
 *                                        | internal port | suggested external port |
 *                                        | requested lifetime, seconds (32)        |
 *
 * every answer starts with 8 bytes        then, when the result is 0:
 * +------+----------+---------------+    op=128: external IPv4 address (4 bytes; 12 in all)
 * | vers | 128 + op | result (16)   |    op=130: internal port (16), mapped external port (16),
 * +------+----------+---------------+            lifetime seconds (32)       (16 in all)
 * | seconds since start of epoch (32)|
 * +----------------------------------+
 * </pre>
 *
 * <p>{@code vers} is 0. An answer whose result is not 0 (the router refused) carries only the first
 * 8 bytes that matter; the rest, if any, is undefined and not read. An answer longer than {@link
 * #MAX_ANSWER} bytes is refused whatever it says.
 */
public final class NatPmp {
  /** The router's UDP port for NAT-PMP and PCP. */
  public static final int PORT = 5351;

  /** The protocol version of NAT-PMP. */
  public static final int VERSION = 0;

  /** Longer answers are refused: no NAT-PMP answer exceeds 16 bytes, none may exceed 1100. */
  public static final int MAX_ANSWER = 1100;

  static final int OP_EXTERNAL_ADDRESS = 0;
  static final int OP_MAP_TCP = 2;
  static final int ANSWER = 128;

  private NatPmp() {}

  /** A request a Node sends to its router. */
  public sealed interface Request permits ExternalAddressRequest, MapRequest {}

  /** Asks for the router's external IPv4 address. */
  public record ExternalAddressRequest() implements Request {}

  /**
   * Asks for a TCP mapping of {@code internalPort} for {@code lifetimeSeconds}; a lifetime of 0
   * (with a suggested external port of 0) removes it.
   */
  public record MapRequest(int internalPort, int suggestedExternalPort, long lifetimeSeconds)
      implements Request {
    public MapRequest {
      Pcp.checkPort("internalPort", internalPort, 1);
      Pcp.checkPort("suggestedExternalPort", suggestedExternalPort, 0);
      Pcp.checkU32("lifetimeSeconds", lifetimeSeconds);
    }
  }

  /** A router's answer. */
  public sealed interface Answer permits ExternalAddressAnswer, MapAnswer, Refusal {
    /**
     * The router's seconds since the start of its epoch (since it last restarted or lost state).
     */
    long epochSeconds();
  }

  /** The router's external address. */
  public record ExternalAddressAnswer(long epochSeconds, Inet4Address externalAddress)
      implements Answer {
    public ExternalAddressAnswer {
      Pcp.checkU32("epochSeconds", epochSeconds);
    }
  }

  /** A TCP mapping granted (or, with lifetime 0, removed). */
  public record MapAnswer(
      long epochSeconds, int internalPort, int externalPort, long lifetimeSeconds)
      implements Answer {
    public MapAnswer {
      Pcp.checkU32("epochSeconds", epochSeconds);
      Pcp.checkPort("internalPort", internalPort, 0);
      Pcp.checkPort("externalPort", externalPort, 0);
      Pcp.checkU32("lifetimeSeconds", lifetimeSeconds);
    }
  }

  /** The router refused a request ({@code opcode} 0 or 2) with a non-zero result code. */
  public record Refusal(int opcode, int resultCode, long epochSeconds) implements Answer {
    public Refusal {
      if (opcode != OP_EXTERNAL_ADDRESS && opcode != OP_MAP_TCP) {
        throw new IllegalArgumentException("opcode: " + opcode + " (expected: 0 or 2)");
      }
      if (resultCode < 1 || resultCode > 0xffff) {
        throw new IllegalArgumentException("resultCode: " + resultCode + " (expected: 1~65535)");
      }
      Pcp.checkU32("epochSeconds", epochSeconds);
    }

    /** The refusal's meaning; {@link Result#OTHER} for a code RFC 6886 does not define. */
    public Result result() {
      return Result.of(resultCode);
    }
  }

  /** RFC 6886's result codes. */
  public enum Result {
    SUCCESS(0),
    UNSUPPORTED_VERSION(1),
    NOT_AUTHORIZED(2),
    NETWORK_FAILURE(3),
    OUT_OF_RESOURCES(4),
    UNSUPPORTED_OPCODE(5),
    /** A code RFC 6886 does not define. */
    OTHER(-1);

    private final int code;

    Result(int code) {
      this.code = code;
    }

    public static Result of(int code) {
      for (Result result : values()) {
        if (result.code == code) {
          return result;
        }
      }
      return OTHER;
    }
  }

  /** The bytes of {@code request}. */
  public static byte[] encode(Request request) {
    return switch (request) {
      case ExternalAddressRequest r ->
          new WireWriter(2).u8(VERSION).u8(OP_EXTERNAL_ADDRESS).toByteArray();
      case MapRequest r ->
          new WireWriter(12)
              .u8(VERSION)
              .u8(OP_MAP_TCP)
              .u16(0)
              .u16(r.internalPort())
              .u16(r.suggestedExternalPort())
              .u32(r.lifetimeSeconds())
              .toByteArray();
    };
  }

  /** The bytes of {@code answer}, as a router sends them. */
  public static byte[] encode(Answer answer) {
    WireWriter out = new WireWriter(16).u8(VERSION);
    return switch (answer) {
      case ExternalAddressAnswer a ->
          out.u8(ANSWER + OP_EXTERNAL_ADDRESS)
              .u16(0)
              .u32(a.epochSeconds())
              .fixed(a.externalAddress().getAddress())
              .toByteArray();
      case MapAnswer a ->
          out.u8(ANSWER + OP_MAP_TCP)
              .u16(0)
              .u32(a.epochSeconds())
              .u16(a.internalPort())
              .u16(a.externalPort())
              .u32(a.lifetimeSeconds())
              .toByteArray();
      case Refusal r ->
          out.u8(ANSWER + r.opcode()).u16(r.resultCode()).u32(r.epochSeconds()).toByteArray();
    };
  }

  /**
   * The answer in {@code bytes}.
   *
   * @throws DecodeException if they are no NAT-PMP answer to a request a Node sends
   */
  public static Answer decodeAnswer(byte[] bytes) throws DecodeException {
    if (bytes.length > MAX_ANSWER) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LONG,
          "answer: " + bytes.length + " bytes (max " + MAX_ANSWER + ")");
    }
    WireReader in = new WireReader(bytes);
    int version = in.u8("version");
    if (version != VERSION) {
      throw new DecodeException(
          DecodeException.Kind.UNSUPPORTED_VERSION, "version: " + version + " (expected: 0)");
    }
    int opcode = in.u8("opcode");
    if (opcode != ANSWER + OP_EXTERNAL_ADDRESS && opcode != ANSWER + OP_MAP_TCP) {
      throw new DecodeException(DecodeException.Kind.UNKNOWN_CODE, "answer opcode: " + opcode);
    }
    int result = in.u16("result code");
    long epoch = in.u32("epoch");
    if (result != 0) {
      return new Refusal(opcode - ANSWER, result, epoch);
    }
    if (opcode == ANSWER + OP_EXTERNAL_ADDRESS) {
      return new ExternalAddressAnswer(epoch, ipv4(in.fixed(4, "external address")));
    }
    return new MapAnswer(
        epoch, in.u16("internal port"), in.u16("external port"), in.u32("lifetime"));
  }

  /**
   * The request in {@code bytes}, as a router reads it (the fake routers of the tests).
   *
   * @throws DecodeException if they are no request a Node sends
   */
  public static Request decodeRequest(byte[] bytes) throws DecodeException {
    WireReader in = new WireReader(bytes);
    int version = in.u8("version");
    if (version != VERSION) {
      throw new DecodeException(
          DecodeException.Kind.UNSUPPORTED_VERSION, "version: " + version + " (expected: 0)");
    }
    int opcode = in.u8("opcode");
    if (opcode == OP_EXTERNAL_ADDRESS) {
      in.expectEnd("external-address request");
      return new ExternalAddressRequest();
    }
    if (opcode != OP_MAP_TCP) {
      throw new DecodeException(DecodeException.Kind.UNKNOWN_CODE, "request opcode: " + opcode);
    }
    if (in.u16("reserved") != 0) {
      throw new DecodeException(DecodeException.Kind.INVALID_FIELD, "reserved: not zero");
    }
    int internalPort = in.u16("internal port");
    int external = in.u16("suggested external port");
    long lifetime = in.u32("lifetime");
    in.expectEnd("map request");
    if (internalPort == 0) {
      throw new DecodeException(DecodeException.Kind.INVALID_FIELD, "internal port: 0");
    }
    return new MapRequest(internalPort, external, lifetime);
  }

  static Inet4Address ipv4(byte[] four) {
    try {
      return (Inet4Address) InetAddress.getByAddress(four);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not 4 bytes: " + four.length, e);
    }
  }
}
