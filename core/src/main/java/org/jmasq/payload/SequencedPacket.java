package org.jmasq.payload;

import java.util.Arrays;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * One chunk of a stream in one direction. {@code lastData} marks the end of the direction; the
 * other end closes its side when it has written everything up to that packet.
 *
 * <pre>
 *  +------------------+-------------+------------+-------------------+
 *  | sequence u64     | last_data u8| length u32 | data (≤ 65536)    |
 *  +------------------+-------------+------------+-------------------+
 * </pre>
 */
public record SequencedPacket(byte[] data, long sequenceNumber, boolean lastData) {
  public static final int MAX_DATA = 65536;

  public SequencedPacket {
    if (data.length > MAX_DATA) {
      throw new IllegalArgumentException(
          "data: " + data.length + " bytes (expected: at most " + MAX_DATA + ")");
    }
    if (sequenceNumber < 0) {
      throw new IllegalArgumentException(
          "sequence number: " + sequenceNumber + " (expected: at least 0)");
    }
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** Writes the data to {@code out} without handing out a copy of it. */
  public void writeTo(java.io.OutputStream out) throws java.io.IOException {
    out.write(data);
  }

  public int length() {
    return data.length;
  }

  /** Its encoded size: sequence, last_data, length and the data. */
  int encodedLength() {
    return 8 + 1 + 4 + data.length;
  }

  void encode(WireWriter out) {
    out.u64(sequenceNumber).bool(lastData).bytesU32(data, MAX_DATA);
  }

  static SequencedPacket decode(WireReader in) throws DecodeException {
    long sequence = in.u64("packet.sequence");
    if (sequence < 0) {
      throw new DecodeException(DecodeException.Kind.INVALID_FIELD, "packet.sequence: above 2^63");
    }
    boolean last = in.bool("packet.last_data");
    return new SequencedPacket(in.bytesU32(MAX_DATA, "packet.data"), sequence, last);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SequencedPacket p
        && sequenceNumber == p.sequenceNumber
        && lastData == p.lastData
        && Arrays.equals(data, p.data);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sequenceNumber) * 31 + Arrays.hashCode(data) + (lastData ? 1 : 0);
  }

  @Override
  public String toString() {
    return "SequencedPacket[#"
        + sequenceNumber
        + ", "
        + data.length
        + " bytes"
        + (lastData ? ", last" : "")
        + "]";
  }
}
