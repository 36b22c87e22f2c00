package org.jmasq.geo;

import java.net.InetAddress;
import java.util.Optional;

/**
 * The country of an IP address: an ISO 3166-1 alpha-2 code in capitals, or {@link #UNKNOWN} when
 * the table has no entry for it (private and loopback addresses among them). Implementations answer
 * in microseconds and from any thread.
 */
@FunctionalInterface
public interface CountryOf {
  /** The code of an address no table entry covers. */
  String UNKNOWN = "ZZ";

  /** A table that knows no address: every answer is {@link #UNKNOWN}. */
  CountryOf NONE = ip -> UNKNOWN;

  /** The country of {@code ip}; never null, {@link #UNKNOWN} when not known. */
  String countryOf(InetAddress ip);

  /**
   * The country a Node at {@code ip} puts in its record: empty when unknown, as a record carries no
   * code for "unknown" (the reference's {@code country_code_opt}). A Node calls this at start and
   * again whenever its public IP changes.
   */
  default Optional<String> recordCountry(InetAddress ip) {
    String code = countryOf(ip);
    return UNKNOWN.equals(code) ? Optional.empty() : Optional.of(code);
  }

  /** Whether {@code code} is two capital letters A-Z. */
  static boolean isCode(String code) {
    return code != null && code.length() == 2 && code.chars().allMatch(c -> c >= 'A' && c <= 'Z');
  }
}
