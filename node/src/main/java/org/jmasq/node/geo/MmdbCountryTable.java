package org.jmasq.node.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import com.maxmind.db.Reader;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import org.jmasq.geo.CidrCountryTable;
import org.jmasq.geo.CountryOf;

/**
 * An IP-to-country table in MaxMind's MMDB format whose records carry {@code country_code}, as
 * ip-location-db's files do, read with MaxMind's reader. The file is mapped into memory once; a
 * lookup walks its search tree (a few microseconds; BENCHMARKS.md) and is safe from any thread. An
 * address the file has no entry for, or an entry without a two-letter code, is {@link
 * CountryOf#UNKNOWN}.
 */
public final class MmdbCountryTable implements CountryOf, Closeable {
  /** The special-purpose blocks (RFC 6890), marked with a user-assigned code. */
  private static final CountryOf SPECIAL_PURPOSE =
      CidrCountryTable.parse(
          """
          0.0.0.0/8 XX
          10.0.0.0/8 XX
          100.64.0.0/10 XX
          127.0.0.0/8 XX
          169.254.0.0/16 XX
          172.16.0.0/12 XX
          192.0.0.0/24 XX
          192.0.2.0/24 XX
          192.168.0.0/16 XX
          198.18.0.0/15 XX
          198.51.100.0/24 XX
          203.0.113.0/24 XX
          224.0.0.0/3 XX
          ::/127 XX
          100::/64 XX
          2001:db8::/32 XX
          fc00::/7 XX
          fe80::/10 XX
          ff00::/8 XX
          """);

  private final Reader reader;

  private MmdbCountryTable(Reader reader) {
    this.reader = reader;
  }

  /** Opens {@code file}; an {@link IOException} when it is missing or not an MMDB file. */
  public static MmdbCountryTable open(Path file) throws IOException {
    return new MmdbCountryTable(new Reader(file.toFile(), new CHMCache()));
  }

  /** What the table's records hold that this Node reads. */
  public static final class Entry {
    private final String countryCode;

    @MaxMindDbConstructor
    public Entry(@MaxMindDbParameter(name = "country_code") String countryCode) {
      this.countryCode = countryCode;
    }
  }

  @Override
  public String countryOf(InetAddress ip) {
    if (!UNKNOWN.equals(SPECIAL_PURPOSE.countryOf(ip))) {
      return UNKNOWN;
    }
    try {
      Entry entry = reader.get(ip, Entry.class);
      return entry != null && CountryOf.isCode(entry.countryCode) ? entry.countryCode : UNKNOWN;
    } catch (IOException e) {
      // A damaged file proves nothing about this address: unknown, as for one not in the table.
      return UNKNOWN;
    }
  }

  /** The table's build date as the file gives it, in seconds since the epoch. */
  public long buildEpochSeconds() {
    return reader.getMetadata().getBuildDate().toInstant().getEpochSecond();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
