package org.jmasq.cores;

import java.nio.ByteBuffer;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;

/**
 * Where the parts of an encoded {@link LiveCoresPackage} lie, checked by the same rules as {@link
 * LiveCoresPackage#decode} but without copying the payload. A relay needs only its own top block
 * and the shifted route, which it shifts in place; the payload passes through it untouched, and the
 * final recipient opens it where it lies.
 */
public record PackageLayout(int hops, int payloadOffset, int payloadLength) {
  private static final int TAG_OFFSET = 1;

  /** Where the first hop block starts: after the version, the tag and the route's count. */
  static final int ROUTE_OFFSET = TAG_OFFSET + Long.BYTES + 1;

  /** Checks the framing of {@code bytes} as {@link LiveCoresPackage#decode} would. */
  public static PackageLayout of(byte[] bytes) throws DecodeException {
    WireReader in = new WireReader(bytes);
    int version = in.u8("package.version");
    if (version != LiveCoresPackage.VERSION) {
      throw new DecodeException(
          DecodeException.Kind.UNSUPPORTED_VERSION,
          "package.version: " + version + " (expected: " + LiveCoresPackage.VERSION + ")");
    }
    in.u64("package.tag");
    int hops = in.u8("route.count");
    if (hops == 0 || hops > Route.MAX_HOPS) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LONG,
          "route.count: " + hops + " (expected: 1~" + Route.MAX_HOPS + ")");
    }
    int lengthOffset = ROUTE_OFFSET + hops * Route.BLOCK_LENGTH;
    if (bytes.length < lengthOffset + 4) {
      throw new DecodeException(
          DecodeException.Kind.TRUNCATED,
          "package: " + bytes.length + " bytes, route and length need " + (lengthOffset + 4));
    }
    WireReader length = new WireReader(bytes, lengthOffset, 4);
    long payloadLength = length.u32("package.payload.length");
    if (payloadLength > LiveCoresPackage.MAX_PAYLOAD) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LONG,
          "package.payload: "
              + payloadLength
              + " bytes (expected: at most "
              + LiveCoresPackage.MAX_PAYLOAD
              + ")");
    }
    int payloadOffset = lengthOffset + 4;
    long end = payloadOffset + payloadLength;
    if (end > bytes.length) {
      throw new DecodeException(
          DecodeException.Kind.TRUNCATED,
          "package.payload: needs "
              + payloadLength
              + " bytes, "
              + (bytes.length - payloadOffset)
              + " left");
    }
    if (end < bytes.length) {
      throw new DecodeException(
          DecodeException.Kind.TRAILING_BYTES,
          "package: " + (bytes.length - end) + " bytes after the end");
    }
    return new PackageLayout(hops, payloadOffset, (int) payloadLength);
  }

  /** The package's tag, as the Node it was sent to sees it. */
  public static long tag(byte[] bytes) {
    return ByteBuffer.wrap(bytes).getLong(TAG_OFFSET);
  }

  /** Sets the package's tag, in place, for the Node it goes to next. */
  public static void writeTag(byte[] bytes, long tag) {
    ByteBuffer.wrap(bytes).putLong(TAG_OFFSET, tag);
  }

  /** Where the blocks after the top one start: the part of the route the top hop's layer covers. */
  int afterTopOffset() {
    return ROUTE_OFFSET + Route.BLOCK_LENGTH;
  }

  /** How many bytes of route follow the top block. */
  int afterTopLength() {
    return (hops - 1) * Route.BLOCK_LENGTH;
  }

  /** The route's top block: the only one this Node may open. */
  public byte[] topBlock(byte[] bytes) {
    byte[] block = new byte[Route.BLOCK_LENGTH];
    System.arraycopy(bytes, ROUTE_OFFSET, block, 0, Route.BLOCK_LENGTH);
    return block;
  }

  /**
   * Removes the top block of the package in {@code bytes} and appends {@code padding} to its route,
   * in place: the package keeps its length, so only the route moves and the payload is not copied.
   * For a relay, whose link handed it the array and keeps no other reference to it.
   */
  public byte[] shiftInPlace(byte[] bytes, byte[] padding) {
    if (padding.length != Route.BLOCK_LENGTH) {
      throw new IllegalArgumentException(
          "padding: " + padding.length + " bytes (expected: " + Route.BLOCK_LENGTH + ")");
    }
    int routeEnd = ROUTE_OFFSET + hops * Route.BLOCK_LENGTH;
    System.arraycopy(
        bytes,
        ROUTE_OFFSET + Route.BLOCK_LENGTH,
        bytes,
        ROUTE_OFFSET,
        routeEnd - ROUTE_OFFSET - Route.BLOCK_LENGTH);
    System.arraycopy(padding, 0, bytes, routeEnd - Route.BLOCK_LENGTH, Route.BLOCK_LENGTH);
    return bytes;
  }

  /** The package's route, decoded; the payload stays where it is. */
  public Route route(byte[] bytes) throws DecodeException {
    return Route.decode(new WireReader(bytes, ROUTE_OFFSET - 1, 1 + hops * Route.BLOCK_LENGTH));
  }
}
