package org.jmasq.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds outgoing bytes in the project's wire conventions (big-endian, length-prefixed). It checks
 * the same maxima the reader enforces, so the Node never emits what a peer must refuse.
 */
public final class WireWriter {
  /**
   * The bytes so far, in an array that grows by doubling. Sized right (a message that says how long
   * it will be), it is handed out as is: a 64 KiB chunk is then written once, not copied again.
   */
  private final Buffer out;

  public WireWriter() {
    this(64);
  }

  public WireWriter(int expectedSize) {
    this.out = new Buffer(Math.max(1, expectedSize));
  }

  /** A growable byte array, like ByteArrayOutputStream without its locks and its last copy. */
  private static final class Buffer {
    private byte[] bytes;
    private int count;

    Buffer(int capacity) {
      bytes = new byte[capacity];
    }

    void write(int b) {
      ensure(1);
      bytes[count++] = (byte) b;
    }

    void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, bytes, count, len);
      count += len;
    }

    int size() {
      return count;
    }

    byte[] toByteArray() {
      return count == bytes.length ? bytes : Arrays.copyOf(bytes, count);
    }

    private void ensure(int more) {
      if (count + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(count + more, 2 * bytes.length));
      }
    }
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

  /**
   * The bytes written. When the writer was sized exactly, this is its own array, handed over
   * without a copy: the caller owns it, and this writer is not to be written to again.
   */
  public byte[] toByteArray() {
    return out.toByteArray();
  }

  private static void checkMax(int length, int max) {
    if (length > max) {
      throw new IllegalArgumentException("length: " + length + " (expected: at most " + max + ")");
    }
  }
}
