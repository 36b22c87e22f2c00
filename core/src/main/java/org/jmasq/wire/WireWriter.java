package org.jmasq.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds outgoing bytes in the project's wire conventions (big-endian, length-prefixed). It checks
 * the same maxima the reader enforces, so the Node never emits what a peer must refuse.
 */
public final class WireWriter {
  private final ByteArrayOutputStream out;

  public WireWriter() {
    this(64);
  }

  public WireWriter(int expectedSize) {
    this.out = new ByteArrayOutputStream(expectedSize);
  }

  public WireWriter u8(int value) {
    if (value < 0 || value > 0xff) {
      throw new IllegalArgumentException("u8: " + value + " (expected: 0~255)");
    }
    out.write(value);
    return this;
  }

  public WireWriter u16(int value) {
    if (value < 0 || value > 0xffff) {
      throw new IllegalArgumentException("u16: " + value + " (expected: 0~65535)");
    }
    out.write(value >>> 8);
    out.write(value);
    return this;
  }

  public WireWriter u32(long value) {
    if (value < 0 || value > 0xffffffffL) {
      throw new IllegalArgumentException("u32: " + value + " (expected: 0~4294967295)");
    }
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.write((int) (value >>> shift));
    }
    return this;
  }

  public WireWriter u64(long value) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (value >>> shift));
    }
    return this;
  }

  public WireWriter bool(boolean value) {
    out.write(value ? 1 : 0);
    return this;
  }

  public WireWriter fixed(byte[] bytes) {
    out.write(bytes, 0, bytes.length);
    return this;
  }

  public WireWriter bytesU8(byte[] bytes, int max) {
    checkMax(bytes.length, Math.min(max, 0xff));
    out.write(bytes.length);
    return fixed(bytes);
  }

  public WireWriter bytesU16(byte[] bytes, int max) {
    checkMax(bytes.length, Math.min(max, 0xffff));
    u16(bytes.length);
    return fixed(bytes);
  }

  public WireWriter bytesU32(byte[] bytes, int max) {
    checkMax(bytes.length, max);
    u32(bytes.length);
    return fixed(bytes);
  }

  public WireWriter textU8(String text, int max) {
    return bytesU8(text.getBytes(StandardCharsets.UTF_8), max);
  }

  int size() {
    return out.size();
  }

  public byte[] toByteArray() {
    return out.toByteArray();
  }

  private static void checkMax(int length, int max) {
    if (length > max) {
      throw new IllegalArgumentException("length: " + length + " (expected: at most " + max + ")");
    }
  }
}
