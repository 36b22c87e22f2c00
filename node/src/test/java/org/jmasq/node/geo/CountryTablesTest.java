package org.jmasq.node.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jmasq.geo.CountryOf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CountryTablesTest {
  @TempDir Path dir;

  @Test
  void a_test_table_given_is_used_instead_of_the_shipped_one() throws Exception {
    Path file = Files.writeString(dir.resolve("countries.txt"), "127.0.0.2/32 CZ\n");

    CountryOf table = CountryTables.open(Optional.of(file));

    assertThat(table.countryOf(InetAddress.getByName("127.0.0.2"))).isEqualTo("CZ");
    assertThat(table.countryOf(InetAddress.getByName("8.8.8.8"))).isEqualTo(CountryOf.UNKNOWN);
  }

  @Test
  void a_bad_test_table_fails_naming_the_file_and_line() throws Exception {
    Path file = Files.writeString(dir.resolve("countries.txt"), "127.0.0.2/32 CZ\nnonsense\n");

    assertThatThrownBy(() -> CountryTables.open(Optional.of(file)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("countries.txt")
        .hasMessageContaining("line 2");
  }

  @Test
  void a_test_table_over_a_mebibyte_is_refused_unread() throws Exception {
    Path file =
        Files.write(dir.resolve("big.txt"), new byte[(int) CountryTables.MAX_TEST_TABLE_BYTES + 1]);

    assertThatThrownBy(() -> CountryTables.open(Optional.of(file)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("at most");
  }

  @Test
  void a_missing_test_table_fails_the_start() {
    assertThatThrownBy(() -> CountryTables.open(Optional.of(dir.resolve("absent.txt"))))
        .isInstanceOf(IOException.class);
  }
}
