package org.jmasq.node.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.jmasq.geo.CountryOf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped table, installed from {@code geo/package-lock.json} (`npm ci` in {@code geo/}, as
 * .ci/run does), answers for well-known public address blocks what everyone knows of them: the file
 * is found, read the right way round, for IPv4 and IPv6. Lookups only: nothing is sent.
 */
class ShippedCountryTableTest {
  private static MmdbCountryTable table;

  @BeforeAll
  static void open() throws Exception {
    Path file =
        CountryTables.shippedTable()
            .orElseThrow(
                () ->
                    new AssertionError(
                        CountryTables.SHIPPED + " is not installed: run `npm ci` in geo/"));
    table = MmdbCountryTable.open(file);
  }

  @AfterAll
  static void close() throws Exception {
    table.close();
  }

  private static Map<String, String> lookUp(String... literals) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (String literal : literals) {
      out.put(literal, table.countryOf(InetAddress.getByName(literal)));
    }
    return out;
  }

  @Test
  void public_dns_resolvers_are_in_the_countries_of_their_operators() throws Exception {
    assertThat(lookUp("8.8.8.8", "208.67.222.222", "77.88.8.8", "114.114.114.114"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "8.8.8.8", "US",
                "208.67.222.222", "US",
                "77.88.8.8", "RU",
                "114.114.114.114", "CN"));
  }

  @Test
  void ipv6_addresses_are_looked_up_too() throws Exception {
    assertThat(lookUp("2001:4860:4860::8888", "2a02:6b8::feed:ff"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("2001:4860:4860::8888", "US", "2a02:6b8::feed:ff", "RU"));
  }

  /** The published file maps some of these to countries; the Node never does. */
  @Test
  void private_loopback_and_documentation_addresses_are_unknown() throws Exception {
    assertThat(
            lookUp(
                "127.0.0.1",
                "10.1.2.3",
                "172.16.0.1",
                "192.168.1.1",
                "192.0.2.1",
                "198.51.100.1",
                "203.0.113.1",
                "::1",
                "2001:db8::1",
                "fd00::1"))
        .allSatisfy((ip, country) -> assertThat(country).as(ip).isEqualTo(CountryOf.UNKNOWN));
  }
}
