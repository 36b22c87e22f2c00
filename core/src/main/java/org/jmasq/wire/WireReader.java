package org.jmasq.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over received bytes. Every read checks the remaining length first and every
 * variable-length read checks the caller's maximum, so a decoder built on it can only fail with a
 * {@link DecodeException}. All integers are big-endian and unsigned.
 */
public final class WireReader {
  private final byte[] bytes;
  private final int end;
  private int position;

  public WireReader(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  public WireReader(byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new IllegalArgumentException(
          "range " + offset + "+" + length + " outside " + bytes.length);
    }
    this.bytes = bytes;
    this.position = offset;
    this.end = offset + length;
  }

  int remaining() {
    return end - position;
  }

  private void need(int count, String field) throws DecodeException {
    if (count > remaining()) {
      throw new DecodeException(
          DecodeException.Kind.TRUNCATED,
          field + ": needs " + count + " bytes, " + remaining() + " left");
    }
  }

  public int u8(String field) throws DecodeException {
    need(1, field);
    return bytes[position++] & 0xff;
  }

  public int u16(String field) throws DecodeException {
    need(2, field);
    int value = ((bytes[position] & 0xff) << 8) | (bytes[position + 1] & 0xff);
    position += 2;
    return value;
  }

  public long u32(String field) throws DecodeException {
    need(4, field);
    long value = 0;
    for (int i = 0; i < 4; i++) {
      value = (value << 8) | (bytes[position + i] & 0xff);
    }
    position += 4;
    return value;
  }

  /** Reads 8 bytes as a signed long; callers that need an unsigned value say so in their type. */
  public long u64(String field) throws DecodeException {
    need(8, field);
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[position + i] & 0xff);
    }
    position += 8;
    return value;
  }

  public boolean bool(String field) throws DecodeException {
    int value = u8(field);
    if (value > 1) {
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD, field + ": " + value + " (expected: 0 or 1)");
    }
    return value == 1;
  }

  public byte[] fixed(int count, String field) throws DecodeException {
    need(count, field);
    byte[] out = new byte[count];
    System.arraycopy(bytes, position, out, 0, count);
    position += count;
    return out;
  }

  /** A u8 length, then that many bytes; the length may not exceed {@code max}. */
  byte[] bytesU8(int max, String field) throws DecodeException {
    return checkedBytes(u8(field + ".length"), max, field);
  }

  /** A u16 length, then that many bytes; the length may not exceed {@code max}. */
  public byte[] bytesU16(int max, String field) throws DecodeException {
    return checkedBytes(u16(field + ".length"), max, field);
  }

  /** A u32 length, then that many bytes; the length may not exceed {@code max}. */
  public byte[] bytesU32(int max, String field) throws DecodeException {
    long length = u32(field + ".length");
    if (length > max) {
      throw tooLong(field, length, max);
    }
    return fixed((int) length, field);
  }

  private byte[] checkedBytes(int length, int max, String field) throws DecodeException {
    if (length > max) {
      throw tooLong(field, length, max);
    }
    return fixed(length, field);
  }

  /** A u8 length, then strict UTF-8 text of at most {@code max} bytes. */
  public String textU8(int max, String field) throws DecodeException {
    byte[] raw = bytesU8(max, field);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw new DecodeException(DecodeException.Kind.INVALID_FIELD, field + ": not UTF-8");
    }
  }

  /** The bytes not yet read, consuming them. */
  public byte[] rest() {
    byte[] out = new byte[remaining()];
    System.arraycopy(bytes, position, out, 0, out.length);
    position = end;
    return out;
  }

  /** Fails unless every byte was consumed; used by versions that allow no extension. */
  public void expectEnd(String what) throws DecodeException {
    if (remaining() != 0) {
      throw new DecodeException(
          DecodeException.Kind.TRAILING_BYTES, what + ": " + remaining() + " bytes after the end");
    }
  }

  private static DecodeException tooLong(String field, long length, int max) {
    return new DecodeException(
        DecodeException.Kind.TOO_LONG,
        field + ": " + length + " bytes (expected: at most " + max + ")");
  }
}
