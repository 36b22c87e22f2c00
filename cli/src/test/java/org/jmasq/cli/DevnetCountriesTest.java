package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.jmasq.geo.CountryOf;
import org.jmasq.node.geo.CountryTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code devnet --countries}: each Node's address is given a country in turn, in one table. */
class DevnetCountriesTest {
  @TempDir Path root;

  private static DevnetCommand devnet(String... args) {
    DevnetCommand command = new DevnetCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void every_node_reads_one_table_that_gives_the_countries_in_turn() throws Exception {
    DevnetCommand devnet = devnet("--nodes", "5", "--no-local-chain", "--countries", "DE,FR,CZ");

    devnet.countries.writeTable(devnet.spec, root, 5);

    Path table = root.resolve(DevnetCountries.FILE);
    for (int i = 0; i < 5; i++) {
      List<String> args = devnet.nodeArgs(i, "127.0.0." + (i + 2), root);
      assertThat(String.join(" ", args)).contains("--ip-country-table " + table);
    }
    CountryOf countries = CountryTables.readTestTable(table);
    List<String> got =
        List.of(2, 3, 4, 5, 6).stream()
            .map(n -> countries.countryOf(address("127.0.0." + n)))
            .toList();
    assertThat(got).containsExactly("DE", "FR", "CZ", "DE", "FR");
    assertThat(countries.countryOf(address("127.0.0.7"))).isEqualTo(CountryOf.UNKNOWN);
  }

  @Test
  void without_countries_no_node_is_given_a_table() throws Exception {
    DevnetCommand devnet = devnet("--nodes", "3", "--no-local-chain");

    devnet.countries.writeTable(devnet.spec, root, 3);

    assertThat(devnet.nodeArgs(1, "127.0.0.3", root)).doesNotContain("--ip-country-table");
    assertThat(root.resolve(DevnetCountries.FILE)).doesNotExist();
  }

  @Test
  void a_country_that_is_not_two_capitals_is_refused() {
    for (String bad : List.of("de", "DEU", "ZZ", "D1")) {
      DevnetCommand devnet = devnet("--countries", "FR," + bad);

      assertThatThrownBy(() -> devnet.countries.writeTable(devnet.spec, root, 3))
          .isInstanceOf(CommandLine.ParameterException.class)
          .hasMessageContaining(bad);
    }
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
