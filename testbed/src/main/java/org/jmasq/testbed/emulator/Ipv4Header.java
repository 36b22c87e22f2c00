package org.jmasq.testbed.emulator;

/**
 * The few fields of an IPv4 header the emulator routes by, read from a packet as the TUN gives it
 * (no packet-information prefix).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-------+-------+---------------+-------------------------------+
 * |Version|  IHL  |Type of Service|          Total Length         |
 * +-------+-------+---------------+-------------------------------+
 * |   ... identification, flags, fragment offset, TTL, protocol,  |
 * |       header checksum (not read) ...                          |
 * +---------------------------------------------------------------+
 * |                 Source Address (bytes 12-15)                  |
 * +---------------------------------------------------------------+
 * |              Destination Address (bytes 16-19)                |
 * +---------------------------------------------------------------+
 * </pre>
 *
 * @param headerLength IHL in bytes, 20 to 60
 * @param totalLength the whole packet's length, header included, equal to what the TUN gave
 */
public record Ipv4Header(
    int headerLength, int totalLength, Ipv4Address source, Ipv4Address destination)
    implements HeaderRead {

  /** The shortest header: five 32-bit words. */
  public static final int MIN_HEADER_LENGTH = 20;

  /** The longest packet IPv4 can describe. */
  public static final int MAX_PACKET_LENGTH = 65_535;

  /** Checks what {@link #read} checks, so no value of this type is malformed. */
  public Ipv4Header {
    if (headerLength < MIN_HEADER_LENGTH || headerLength > 60 || headerLength % 4 != 0) {
      throw new IllegalArgumentException(
          "headerLength: " + headerLength + " (expected: 20~60, a multiple of 4)");
    }
    if (totalLength < headerLength || totalLength > MAX_PACKET_LENGTH) {
      throw new IllegalArgumentException(
          "totalLength: " + totalLength + " (expected: " + headerLength + "~65535)");
    }
  }

  /**
   * Reads the header of the {@code length} first bytes of {@code packet}, or says why they are not
   * one IPv4 packet.
   */
  public static HeaderRead read(byte[] packet, int length) {
    if (length < 0 || length > packet.length) {
      throw new IllegalArgumentException(
          "length: " + length + " (expected: 0~" + packet.length + ")");
    }
    if (length > MAX_PACKET_LENGTH) {
      return new Malformed(Malformed.Reason.TOO_LONG, length);
    }
    if (length < 1) {
      return new Malformed(Malformed.Reason.TOO_SHORT, length);
    }
    int version = (packet[0] & 0xff) >>> 4;
    if (version != 4) {
      return new Malformed(Malformed.Reason.NOT_IPV4, version);
    }
    if (length < MIN_HEADER_LENGTH) {
      return new Malformed(Malformed.Reason.TOO_SHORT, length);
    }
    int headerLength = (packet[0] & 0x0f) * 4;
    if (headerLength < MIN_HEADER_LENGTH) {
      return new Malformed(Malformed.Reason.BAD_HEADER_LENGTH, headerLength);
    }
    if (headerLength > length) {
      return new Malformed(Malformed.Reason.TRUNCATED, headerLength);
    }
    int totalLength = (packet[2] & 0xff) << 8 | (packet[3] & 0xff);
    if (totalLength < headerLength || totalLength != length) {
      return new Malformed(Malformed.Reason.LENGTH_MISMATCH, totalLength);
    }
    return new Ipv4Header(
        headerLength, totalLength, Ipv4Address.read(packet, 12), Ipv4Address.read(packet, 16));
  }
}
