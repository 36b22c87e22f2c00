package org.jmasq.testbed.emulator;

import java.util.Objects;

/**
 * Why the bytes the TUN gave are not one IPv4 packet the emulator can pass on.
 *
 * @param value the offending number: the length, version or length field that was read
 */
public record Malformed(Reason reason, int value) implements HeaderRead {

  /** What was wrong. */
  public enum Reason {
    /** Fewer bytes than a version nibble, or than a minimal IPv4 header. */
    TOO_SHORT,
    /** More bytes than an IPv4 packet can have. */
    TOO_LONG,
    /** Another protocol (IPv6 shows version 6). */
    NOT_IPV4,
    /** An IHL below five words. */
    BAD_HEADER_LENGTH,
    /** An IHL longer than the bytes given. */
    TRUNCATED,
    /** A total length below the header or other than the bytes given. */
    LENGTH_MISMATCH
  }

  /** Requires a reason. */
  public Malformed {
    Objects.requireNonNull(reason, "reason");
  }
}
