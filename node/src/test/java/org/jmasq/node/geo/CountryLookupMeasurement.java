package org.jmasq.node.geo;

import java.net.InetAddress;
import java.util.Random;

/**
 * Measures lookups in the shipped table by hand (not a test: timings depend on the machine); the
 * figures are in BENCHMARKS.md. Looks up random IPv4 and IPv6 addresses, after a warm-up, and
 * prints the mean time per lookup.
 */
public final class CountryLookupMeasurement {
  private CountryLookupMeasurement() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    Random random = new Random(1);
    InetAddress[] v4 = new InetAddress[4096];
    InetAddress[] v6 = new InetAddress[4096];
    for (int i = 0; i < v4.length; i++) {
      byte[] a = new byte[4];
      random.nextBytes(a);
      v4[i] = InetAddress.getByAddress(a);
      byte[] b = new byte[16];
      random.nextBytes(b);
      // In 2400::/12, 2600::/12 or 2a00::/12, the RIRs' blocks, so that most have a country.
      b[0] = (byte) new int[] {0x24, 0x26, 0x2a}[i % 3];
      b[1] &= 0x0f;
      v6[i] = InetAddress.getByAddress(b);
    }
    try (MmdbCountryTable table =
        MmdbCountryTable.open(CountryTables.shippedTable().orElseThrow())) {
      for (String family : new String[] {"IPv4", "IPv6"}) {
        InetAddress[] addresses = family.equals("IPv4") ? v4 : v6;
        long known = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up
          known = 0;
          long start = System.nanoTime();
          for (int i = 0; i < count; i++) {
            if (!table.countryOf(addresses[i & 4095]).equals("ZZ")) {
              known++;
            }
          }
          long nanos = System.nanoTime() - start;
          if (round == 1) {
            System.out.printf(
                "%s: %d lookups, %.0f ns each, %d%% with a country%n",
                family, count, (double) nanos / count, known * 100 / count);
          }
        }
      }
    }
  }
}
