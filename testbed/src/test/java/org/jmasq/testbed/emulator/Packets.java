package org.jmasq.testbed.emulator;

/** Builds IPv4 packets for tests: a 20-byte header and zeros. */
final class Packets {

  private Packets() {}

  static byte[] ipv4(String source, String destination, int length) {
    byte[] packet = new byte[length];
    packet[0] = 0x45;
    packet[2] = (byte) (length >>> 8);
    packet[3] = (byte) length;
    packet[8] = 64;
    packet[9] = 17;
    put(packet, 12, Ipv4Address.parse(source));
    put(packet, 16, Ipv4Address.parse(destination));
    return packet;
  }

  private static void put(byte[] packet, int offset, Ipv4Address address) {
    int bits = address.bits();
    packet[offset] = (byte) (bits >>> 24);
    packet[offset + 1] = (byte) (bits >>> 16);
    packet[offset + 2] = (byte) (bits >>> 8);
    packet[offset + 3] = (byte) bits;
  }
}
