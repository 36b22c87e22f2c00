package org.jmasq.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrCountryTableTest {
  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal);
  }

  @Test
  void the_longest_prefix_that_covers_an_address_gives_its_country() throws Exception {
    CidrCountryTable table =
        CidrCountryTable.parse(
            "# devnet\n127.0.0.0/8 FR\n127.0.0.2/32 DE\n\n2001:db8::/32 CZ\n  127.0.0.3/32   PL  \n");

    assertThat(table.countryOf(ip("127.0.0.2"))).isEqualTo("DE");
    assertThat(table.countryOf(ip("127.0.0.3"))).isEqualTo("PL");
    assertThat(table.countryOf(ip("127.0.0.9"))).isEqualTo("FR");
    assertThat(table.countryOf(ip("2001:db8::1"))).isEqualTo("CZ");
    assertThat(table.size()).isEqualTo(4);
  }

  @Test
  void an_address_no_line_covers_is_unknown() throws Exception {
    CidrCountryTable table = CidrCountryTable.parse("198.51.100.0/24 DE\n");

    assertThat(table.countryOf(ip("203.0.113.7"))).isEqualTo(CountryOf.UNKNOWN);
    assertThat(table.countryOf(ip("2001:db8::7"))).isEqualTo(CountryOf.UNKNOWN);
    assertThat(table.recordCountry(ip("203.0.113.7"))).isEmpty();
    assertThat(table.recordCountry(ip("198.51.100.7"))).contains("DE");
  }

  @Test
  void a_table_with_a_bad_line_is_refused_naming_the_line() {
    for (String bad :
        new String[] {
          "127.0.0.2 DE",
          "127.0.0.2/32 de",
          "127.0.0.2/32 DEU",
          "127.0.0.2/33 DE",
          "127.0.0.1/24 DE",
          "localhost/32 DE",
          "127.0.0.2/32 DE extra",
          "2001:db8::/129 DE",
          "127.0.0.2/32 " + "D".repeat(200)
        }) {
      assertThatThrownBy(() -> CidrCountryTable.parse("127.0.0.3/32 FR\n" + bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("line 2");
    }
  }

  @Test
  void a_table_of_more_entries_than_the_limit_is_refused() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i <= CidrCountryTable.MAX_ENTRIES; i++) {
      text.append("10.").append(i / 256).append('.').append(i % 256).append(".0/24 DE\n");
    }

    assertThatThrownBy(() -> CidrCountryTable.parse(text.toString()))
        .hasMessageContaining("more than " + CidrCountryTable.MAX_ENTRIES);
  }
}
