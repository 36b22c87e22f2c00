package org.jmasq.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jmasq.geo.CidrCountryTable;
import org.jmasq.geo.CountryOf;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code devnet --countries DE,FR,CZ}: gives the devnet's Nodes these countries in turn (Node 1 the
 * first, Node 2 the second, ...) through a test IP-to-country table that maps each Node's loopback
 * address to its country; every Node reads the same table, so each checks the others' claims as on
 * the internet.
 */
final class DevnetCountries {
  /** The table's name in the devnet's data directory. */
  static final String FILE = "ip-countries.txt";

  @Option(
      names = "--countries",
      split = ",",
      paramLabel = "CC",
      description =
          "Give the Nodes these countries in turn (Node 1 the first, ...), e.g. DE,FR,CZ: a test"
              + " IP-to-country table for their addresses (docs/NEIGHBORHOOD.md).")
  List<String> countries = List.of();

  private Optional<Path> table = Optional.empty();

  /** The country of Node {@code index} (0 is Node 1), if countries were given. */
  Optional<String> countryOf(int index) {
    return countries.isEmpty()
        ? Optional.empty()
        : Optional.of(countries.get(index % countries.size()));
  }

  /** Writes the table for {@code nodes} Nodes into {@code root}, when countries were given. */
  void writeTable(CommandSpec spec, Path root, int nodes) throws IOException {
    if (countries.isEmpty()) {
      return;
    }
    for (String c : countries) {
      if (!CountryOf.isCode(c) || CountryOf.UNKNOWN.equals(c)) {
        throw new ParameterException(
            spec.commandLine(),
            "--countries: '" + c + "' is not a country code (expected: two capitals, not ZZ)");
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add("# devnet --countries " + String.join(",", countries));
    for (int i = 0; i < nodes; i++) {
      lines.add("127.0.0." + (i + 2) + "/32 " + countryOf(i).orElseThrow());
    }
    String text = String.join("\n", lines) + "\n";
    CidrCountryTable.parse(text);
    Files.createDirectories(root);
    table = Optional.of(Files.writeString(root.resolve(FILE), text));
  }

  /** The arguments that give a Node the devnet's table, if it was written. */
  List<String> nodeArgs() {
    return table.map(t -> List.of("--ip-country-table", t.toString())).orElse(List.of());
  }
}
