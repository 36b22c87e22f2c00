package org.jmasq.cores;

import java.util.Arrays;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;

/**
 * A package in flight between Nodes.
 *
 * <pre>
 *  +-------------+-----------+-----------------------------+----------------+------------------+
 *  | version u8  | tag u64   | route (see {@link Route})   | length u32     | payload envelope |
 *  | = 2         |           |                             | ≤ 1 MiB        | (layered)        |
 *  +-------------+-----------+-----------------------------+----------------+------------------+
 * </pre>
 *
 * The tag names the package at the Node it is sent to, which takes each tag once per hop session;
 * every Node adds its hop's tag step to it before passing the package on. The route's blocks after
 * the top one and the payload carry one symmetric layer for each Node still to open a block ({@link
 * HopLayers}), so their bytes differ on every link.
 */
public record LiveCoresPackage(long tag, Route route, byte[] payload) {
  static final int VERSION = 2;
  public static final int MAX_PAYLOAD = 1 << 20;

  /** The largest encoded package, for framers that must bound what they buffer. */
  public static final int MAX_ENCODED =
      1 + Long.BYTES + 1 + Route.MAX_HOPS * Route.BLOCK_LENGTH + 4 + MAX_PAYLOAD;

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
    return encode(tag, route, payload);
  }

  /** Encodes a package straight into one array of its exact size, without an intermediate copy. */
  public static byte[] encode(long tag, Route route, byte[] payload) {
    if (payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "payload: " + payload.length + " bytes (expected: at most " + MAX_PAYLOAD + ")");
    }
    byte[] out =
        new byte
            [PackageLayout.ROUTE_OFFSET + route.size() * Route.BLOCK_LENGTH + 4 + payload.length];
    out[0] = VERSION;
    PackageLayout.writeTag(out, tag);
    out[PackageLayout.ROUTE_OFFSET - 1] = (byte) route.size();
    int at = PackageLayout.ROUTE_OFFSET;
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
    long tag = in.u64("package.tag");
    Route route = Route.decode(in);
    byte[] payload = in.bytesU32(MAX_PAYLOAD, "package.payload");
    in.expectEnd("package");
    return new LiveCoresPackage(tag, route, payload);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LiveCoresPackage p
        && tag == p.tag
        && route.equals(p.route)
        && Arrays.equals(payload, p.payload);
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(tag) * 31 + route.hashCode()) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "LiveCoresPackage[tag "
        + Long.toUnsignedString(tag)
        + ", "
        + route
        + ", payload "
        + payload.length
        + " bytes]";
  }
}
