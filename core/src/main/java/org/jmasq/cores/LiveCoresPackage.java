package org.jmasq.cores;

import java.util.Arrays;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;

/**
 * A package in flight between Nodes.
 *
 * <pre>
 *  +-------------+-----------------------------+----------------+--------------------+
 *  | version u8  | route (see {@link Route})   | length u32     | payload envelope   |
 *  | = 1         |                             | ≤ 1 MiB        |                    |
 *  +-------------+-----------------------------+----------------+--------------------+
 * </pre>
 */
public record LiveCoresPackage(Route route, byte[] payload) {
  static final int VERSION = 1;
  public static final int MAX_PAYLOAD = 1 << 20;

  /** The largest encoded package, for framers that must bound what they buffer. */
  public static final int MAX_ENCODED =
      1 + 1 + Route.MAX_HOPS * Route.BLOCK_LENGTH + 4 + MAX_PAYLOAD;

  public LiveCoresPackage {
    if (route == null || payload == null) {
      throw new IllegalArgumentException("route and payload are required");
    }
    if (payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "payload: " + payload.length + " bytes (expected: at most " + MAX_PAYLOAD + ")");
    }
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  public int payloadLength() {
    return payload.length;
  }

  public byte[] encode() {
    return encode(route, payload);
  }

  /** Encodes a package straight into one array of its exact size, without an intermediate copy. */
  public static byte[] encode(Route route, byte[] payload) {
    if (payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "payload: " + payload.length + " bytes (expected: at most " + MAX_PAYLOAD + ")");
    }
    byte[] out = new byte[2 + route.size() * Route.BLOCK_LENGTH + 4 + payload.length];
    out[0] = VERSION;
    out[1] = (byte) route.size();
    int at = 2;
    for (int i = 0; i < route.size(); i++) {
      route.copyBlock(i, out, at);
      at += Route.BLOCK_LENGTH;
    }
    out[at] = (byte) (payload.length >>> 24);
    out[at + 1] = (byte) (payload.length >>> 16);
    out[at + 2] = (byte) (payload.length >>> 8);
    out[at + 3] = (byte) payload.length;
    System.arraycopy(payload, 0, out, at + 4, payload.length);
    return out;
  }

  public static LiveCoresPackage decode(byte[] bytes) throws DecodeException {
    WireReader in = new WireReader(bytes);
    int version = in.u8("package.version");
    if (version != VERSION) {
      throw new DecodeException(
          DecodeException.Kind.UNSUPPORTED_VERSION,
          "package.version: " + version + " (expected: " + VERSION + ")");
    }
    Route route = Route.decode(in);
    byte[] payload = in.bytesU32(MAX_PAYLOAD, "package.payload");
    in.expectEnd("package");
    return new LiveCoresPackage(route, payload);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LiveCoresPackage p
        && route.equals(p.route)
        && Arrays.equals(payload, p.payload);
  }

  @Override
  public int hashCode() {
    return route.hashCode() * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "LiveCoresPackage[" + route + ", payload " + payload.length + " bytes]";
  }
}
