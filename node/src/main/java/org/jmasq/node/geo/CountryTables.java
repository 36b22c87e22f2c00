package org.jmasq.node.geo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jmasq.geo.CidrCountryTable;
import org.jmasq.geo.CountryOf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the Node's IP-to-country table: a test table given with {@code --ip-country-table}, or
 * else the shipped one, {@link #SHIPPED} under the JMasq checkout the Node runs from (installed
 * from {@code geo/package-lock.json}). Without either, every country is unknown and the Node says
 * so.
 */
public final class CountryTables {
  private static final Logger log = LoggerFactory.getLogger(CountryTables.class);

  /** The shipped table, relative to the checkout. */
  public static final String SHIPPED =
      "geo/node_modules/@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb";

  /** A test table larger than this is refused unread. */
  static final long MAX_TEST_TABLE_BYTES = 1 << 20;

  private CountryTables() {}

  /**
   * The test table {@code testTable} if given (a bad one fails the start, naming the line), else
   * the shipped table if it is installed, else a table that knows no address.
   */
  public static CountryOf open(Optional<Path> testTable) throws IOException {
    if (testTable.isPresent()) {
      return readTestTable(testTable.get());
    }
    Optional<Path> shipped = shippedTable();
    if (shipped.isEmpty()) {
      log.warn(
          "No IP-to-country table ({} not found): this Node's country is unknown, and it cannot"
              + " check the countries other Nodes claim. Install it with `npm ci` in geo/.",
          SHIPPED);
      return CountryOf.NONE;
    }
    MmdbCountryTable table = MmdbCountryTable.open(shipped.get());
    log.info(
        "IP-to-country table: {} (built {})",
        shipped.get(),
        java.time.Instant.ofEpochSecond(table.buildEpochSeconds()));
    return table;
  }

  /** Reads a test table of {@code CIDR CC} lines ({@link CidrCountryTable}). */
  public static CidrCountryTable readTestTable(Path file) throws IOException {
    if (Files.size(file) > MAX_TEST_TABLE_BYTES) {
      throw new IOException(
          file + ": an IP country table is at most " + MAX_TEST_TABLE_BYTES + " bytes");
    }
    try {
      return CidrCountryTable.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The shipped table: looked for above the jar or classes directory this class was loaded from,
   * then above the working directory.
   */
  public static Optional<Path> shippedTable() {
    List<Path> starts = new ArrayList<>();
    try {
      starts.add(
          Path.of(CountryTables.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toAbsolutePath());
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // no usable code location; the working directory remains
    }
    starts.add(Path.of("").toAbsolutePath());
    for (Path start : starts) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve(SHIPPED))) {
          return Optional.of(dir.resolve(SHIPPED));
        }
      }
    }
    return Optional.empty();
  }
}
