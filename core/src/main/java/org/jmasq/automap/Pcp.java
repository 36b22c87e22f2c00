package org.jmasq.automap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * PCP (RFC 6887) as a Node speaks it: the MAP request for one TCP port and the router's answer, on
 * the router's UDP port 5351. Addresses are 16 bytes, IPv4 ones IPv4-mapped ({@code
 * ::ffff:a.b.c.d}).
 *
 * <pre>
 * request header (24 bytes)                 answer header (24 bytes)
 * +---------+-----+-------+--------------+  +---------+-----+-------+----------+--------+
 * | vers=2  |R=0| op=1    | reserved (16)|  | vers=2  |R=1| op=1    | reserved | result |
 * +---------+-------------+--------------+  +---------+-------------+----------+--------+
 * | requested lifetime, seconds (32)     |  | lifetime, seconds (32)                   |
 * | PCP client's IP address (128)        |  | epoch time, seconds (32)                 |
 * +--------------------------------------+  | reserved (96)                            |
 *                                           +------------------------------------------+
 * MAP body, the same in both (36 bytes)
 * +--------------------------------------------------+
 * | mapping nonce (96)                                |
 * | protocol (8) = 6 (TCP) | reserved (24)            |
 * | internal port (16) | suggested / assigned external port (16) |
 * | suggested / assigned external IP address (128)    |
 * +--------------------------------------------------+
 * then options: code (8), reserved (8), length (16), data padded to 4 bytes; none are sent.
 * </pre>
 *
 * <p>An error answer (result not 0) may stop after its header; the rest is not read. A server that
 * speaks only NAT-PMP answers with a version-0 packet, which decodes as {@link OtherVersion}. An
 * answer longer than {@link #MAX_MESSAGE} bytes, or not a multiple of 4, is refused.
 */
public final class Pcp {
  /** PCP's version number. */
  public static final int VERSION = 2;

  /** RFC 6887's limit on any PCP message. */
  public static final int MAX_MESSAGE = 1100;

  /** The IP protocol number of TCP, the only protocol a Node maps. */
  public static final int TCP = 6;

  static final int OP_MAP = 1;
  static final int HEADER = 24;
  static final int MAP_BODY = 36;

  private Pcp() {}

  /** A MAP request for TCP port {@code internalPort} of {@code clientAddress}. */
  public record MapRequest(
      long lifetimeSeconds,
      InetAddress clientAddress,
      Nonce nonce,
      int internalPort,
      int suggestedExternalPort,
      InetAddress suggestedExternalAddress) {
    public MapRequest {
      checkU32("lifetimeSeconds", lifetimeSeconds);
      checkPort("internalPort", internalPort, 1);
      checkPort("suggestedExternalPort", suggestedExternalPort, 0);
      if (clientAddress == null || nonce == null || suggestedExternalAddress == null) {
        throw new IllegalArgumentException("a MAP request needs its addresses and nonce");
      }
    }
  }

  /** A router's answer to a MAP request. */
  public sealed interface Answer permits MapAnswer, ErrorAnswer, OtherVersion {}

  /** A mapping granted (or, with lifetime 0, removed). */
  public record MapAnswer(
      long lifetimeSeconds,
      long epochSeconds,
      Nonce nonce,
      int protocol,
      int internalPort,
      int externalPort,
      InetAddress externalAddress)
      implements Answer {
    public MapAnswer {
      checkU32("lifetimeSeconds", lifetimeSeconds);
      checkU32("epochSeconds", epochSeconds);
      checkPort("internalPort", internalPort, 0);
      checkPort("externalPort", externalPort, 0);
      if (protocol < 0 || protocol > 255 || nonce == null || externalAddress == null) {
        throw new IllegalArgumentException("protocol: " + protocol + " (expected: 0~255)");
      }
    }
  }

  /** A refusal: {@code resultCode} is not 0 and holds for {@code lifetimeSeconds}. */
  public record ErrorAnswer(int opcode, int resultCode, long lifetimeSeconds, long epochSeconds)
      implements Answer {
    public ErrorAnswer {
      if (opcode < 0 || opcode > 127 || resultCode < 1 || resultCode > 255) {
        throw new IllegalArgumentException(
            "opcode " + opcode + ", result " + resultCode + " (expected: 0~127, 1~255)");
      }
      checkU32("lifetimeSeconds", lifetimeSeconds);
      checkU32("epochSeconds", epochSeconds);
    }

    public Result result() {
      return Result.of(resultCode);
    }
  }

  /** An answer of another protocol version: 0 is a router that speaks only NAT-PMP. */
  public record OtherVersion(int version) implements Answer {
    public OtherVersion {
      if (version < 0 || version > 255 || version == VERSION) {
        throw new IllegalArgumentException("version: " + version + " (expected: 0~255 but 2)");
      }
    }
  }

  /** RFC 6887's result codes. */
  public enum Result {
    SUCCESS,
    UNSUPP_VERSION,
    NOT_AUTHORIZED,
    MALFORMED_REQUEST,
    UNSUPP_OPCODE,
    UNSUPP_OPTION,
    MALFORMED_OPTION,
    NETWORK_FAILURE,
    NO_RESOURCES,
    UNSUPP_PROTOCOL,
    USER_EX_QUOTA,
    CANNOT_PROVIDE_EXTERNAL,
    ADDRESS_MISMATCH,
    EXCESSIVE_REMOTE_PEERS,
    /** A code RFC 6887 does not define. */
    OTHER;

    /** The result for {@code code}: the RFC numbers them in this order from 0. */
    public static Result of(int code) {
      return code >= 0 && code < OTHER.ordinal() ? values()[code] : OTHER;
    }
  }

  /** The bytes of {@code request}. */
  public static byte[] encode(MapRequest request) {
    return new WireWriter(HEADER + MAP_BODY)
        .u8(VERSION)
        .u8(OP_MAP)
        .u16(0)
        .u32(request.lifetimeSeconds())
        .fixed(mapped(request.clientAddress()))
        .fixed(request.nonce().bytes())
        .u8(TCP)
        .u8(0)
        .u16(0)
        .u16(request.internalPort())
        .u16(request.suggestedExternalPort())
        .fixed(mapped(request.suggestedExternalAddress()))
        .toByteArray();
  }

  /** The bytes of {@code answer}, as a router sends them. */
  public static byte[] encode(Answer answer) {
    return switch (answer) {
      case MapAnswer a ->
          header(
                  new WireWriter(HEADER + MAP_BODY),
                  OP_MAP,
                  0,
                  a.lifetimeSeconds(),
                  a.epochSeconds())
              .fixed(a.nonce().bytes())
              .u8(a.protocol())
              .u8(0)
              .u16(0)
              .u16(a.internalPort())
              .u16(a.externalPort())
              .fixed(mapped(a.externalAddress()))
              .toByteArray();
      case ErrorAnswer e ->
          header(
                  new WireWriter(HEADER),
                  e.opcode(),
                  e.resultCode(),
                  e.lifetimeSeconds(),
                  e.epochSeconds())
              .toByteArray();
      // What a NAT-PMP-only router sends back: its "unsupported version" to opcode 1.
      case OtherVersion v ->
          new WireWriter(8).u8(v.version()).u8(128 + OP_MAP).u16(1).u32(0).toByteArray();
    };
  }

  private static WireWriter header(WireWriter out, int op, int result, long life, long epoch) {
    return out.u8(VERSION).u8(0x80 | op).u8(0).u8(result).u32(life).u32(epoch).fixed(new byte[12]);
  }

  /**
   * The answer in {@code bytes}.
   *
   * @throws DecodeException if they are no answer to a MAP request
   */
  public static Answer decodeAnswer(byte[] bytes) throws DecodeException {
    if (bytes.length > MAX_MESSAGE) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LONG,
          "answer: " + bytes.length + " bytes (max " + MAX_MESSAGE + ")");
    }
    WireReader in = new WireReader(bytes);
    int version = in.u8("version");
    if (version != VERSION) {
      // A NAT-PMP router's "unsupported version" is 8 bytes; insist on that much of a packet.
      in.fixed(7, "other version's answer");
      return new OtherVersion(version);
    }
    if (bytes.length % 4 != 0) {
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD,
          "answer: " + bytes.length + " bytes (not a multiple of 4)");
    }
    int rOp = in.u8("R and opcode");
    if ((rOp & 0x80) == 0) {
      throw new DecodeException(DecodeException.Kind.INVALID_FIELD, "R bit: 0 (a request)");
    }
    int opcode = rOp & 0x7f;
    in.u8("reserved");
    int result = in.u8("result code");
    long lifetime = in.u32("lifetime");
    long epoch = in.u32("epoch");
    in.fixed(12, "reserved");
    if (result != 0) {
      return new ErrorAnswer(opcode, result, lifetime, epoch);
    }
    if (opcode != OP_MAP) {
      throw new DecodeException(DecodeException.Kind.UNKNOWN_CODE, "opcode: " + opcode);
    }
    Nonce nonce = new Nonce(in.fixed(Nonce.LENGTH, "nonce"));
    int protocol = in.u8("protocol");
    in.fixed(3, "reserved");
    int internalPort = in.u16("internal port");
    int externalPort = in.u16("external port");
    InetAddress external = address(in.fixed(16, "external address"));
    skipOptions(in);
    return new MapAnswer(lifetime, epoch, nonce, protocol, internalPort, externalPort, external);
  }

  /**
   * The MAP request in {@code bytes}, as a router reads it (the fake routers of the tests).
   *
   * @throws DecodeException if they are no TCP MAP request
   */
  public static MapRequest decodeRequest(byte[] bytes) throws DecodeException {
    if (bytes.length > MAX_MESSAGE) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LONG, "request: " + bytes.length + " bytes");
    }
    WireReader in = new WireReader(bytes);
    int version = in.u8("version");
    if (version != VERSION) {
      throw new DecodeException(DecodeException.Kind.UNSUPPORTED_VERSION, "version: " + version);
    }
    if (in.u8("R and opcode") != OP_MAP) {
      throw new DecodeException(DecodeException.Kind.UNKNOWN_CODE, "not a MAP request");
    }
    in.u16("reserved");
    long lifetime = in.u32("lifetime");
    InetAddress client = address(in.fixed(16, "client address"));
    Nonce nonce = new Nonce(in.fixed(Nonce.LENGTH, "nonce"));
    if (in.u8("protocol") != TCP) {
      throw new DecodeException(DecodeException.Kind.INVALID_FIELD, "protocol: not TCP");
    }
    in.fixed(3, "reserved");
    int internalPort = in.u16("internal port");
    int external = in.u16("suggested external port");
    InetAddress suggested = address(in.fixed(16, "suggested external address"));
    skipOptions(in);
    if (internalPort == 0) {
      throw new DecodeException(DecodeException.Kind.INVALID_FIELD, "internal port: 0");
    }
    return new MapRequest(lifetime, client, nonce, internalPort, external, suggested);
  }

  /** Walks the options after a MAP body, each within the message; a Node needs none of them. */
  private static void skipOptions(WireReader in) throws DecodeException {
    byte[] options = in.rest();
    int at = 0;
    while (at < options.length) {
      if (options.length - at < 4) {
        throw new DecodeException(DecodeException.Kind.TRUNCATED, "option header");
      }
      int length = ((options[at + 2] & 0xff) << 8) | (options[at + 3] & 0xff);
      int padded = (length + 3) & ~3;
      if (padded > options.length - at - 4) {
        throw new DecodeException(DecodeException.Kind.TRUNCATED, "option of " + length + " bytes");
      }
      at += 4 + padded;
    }
  }

  /** The 16-byte form of {@code address}: IPv4 addresses IPv4-mapped. */
  public static byte[] mapped(InetAddress address) {
    byte[] raw = address.getAddress();
    if (raw.length == 16) {
      return raw;
    }
    byte[] out = new byte[16];
    out[10] = (byte) 0xff;
    out[11] = (byte) 0xff;
    System.arraycopy(raw, 0, out, 12, 4);
    return out;
  }

  /** The address of 16 bytes; an IPv4-mapped one comes back as an {@code Inet4Address}. */
  static InetAddress address(byte[] sixteen) {
    try {
      return InetAddress.getByAddress(sixteen);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not 16 bytes: " + sixteen.length, e);
    }
  }

  static void checkPort(String name, int port, int min) {
    if (port < min || port > 0xffff) {
      throw new IllegalArgumentException(name + ": " + port + " (expected: " + min + "~65535)");
    }
  }

  static void checkU32(String name, long value) {
    if (value < 0 || value > 0xffffffffL) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: 0~4294967295)");
    }
  }
}
