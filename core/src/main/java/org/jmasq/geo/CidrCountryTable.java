package org.jmasq.geo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A small IP-to-country table written by hand for tests: lines of {@code CIDR CC} (for example
 * {@code 127.0.0.2/32 DE} or {@code 2001:db8::/32 FR}), blank lines and {@code #} comments. The
 * longest prefix that covers an address wins; an address no line covers is {@link
 * CountryOf#UNKNOWN}. Parsing is strict: a line that is not exactly that shape, a prefix with host
 * bits set, a code that is not two capitals, more than {@link #MAX_ENTRIES} entries or a line over
 * {@link #MAX_LINE} characters refuses the whole table, naming the line.
 */
public final class CidrCountryTable implements CountryOf {
  /** At most this many entries: a test table names a few test addresses, never the internet. */
  public static final int MAX_ENTRIES = 4096;

  /** At most this many characters a line. */
  public static final int MAX_LINE = 100;

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private record Entry(byte[] network, int prefix, String country) {}

  private final List<Entry> entries;

  private CidrCountryTable(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The table {@code text} describes; an {@link IllegalArgumentException} names a bad line. */
  public static CidrCountryTable parse(String text) {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (lines[i].length() > MAX_LINE) {
        throw bad(i, "longer than " + MAX_LINE + " characters");
      }
      if (entries.size() == MAX_ENTRIES) {
        throw bad(i, "more than " + MAX_ENTRIES + " entries");
      }
      entries.add(entry(i, line));
    }
    return new CidrCountryTable(entries);
  }

  private static Entry entry(int i, String line) {
    String[] fields = line.split("\\s+");
    if (fields.length != 2) {
      throw bad(i, "expected 'CIDR CC'");
    }
    String[] cidr = fields[0].split("/", -1);
    if (cidr.length != 2 || !cidr[1].matches("\\d{1,3}")) {
      throw bad(i, "'" + fields[0] + "' is not address/prefix");
    }
    byte[] network = literal(i, cidr[0]);
    int prefix = Integer.parseInt(cidr[1]);
    if (prefix > network.length * 8) {
      throw bad(i, "prefix /" + prefix + " is longer than the address");
    }
    if (!hostBitsZero(network, prefix)) {
      throw bad(i, "'" + fields[0] + "' has bits set past its prefix");
    }
    if (!CountryOf.isCode(fields[1])) {
      throw bad(i, "country '" + fields[1] + "' is not two capital letters");
    }
    return new Entry(network, prefix, fields[1]);
  }

  /** The address's bytes; only literals are accepted, so nothing is ever looked up by name. */
  private static byte[] literal(int i, String text) {
    if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
      throw bad(i, "'" + text + "' is not an IP address");
    }
    try {
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      throw bad(i, "'" + text + "' is not an IP address");
    }
  }

  private static boolean hostBitsZero(byte[] network, int prefix) {
    for (int bit = prefix; bit < network.length * 8; bit++) {
      if ((network[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(byte[] network, byte[] address, int prefix) {
    if (network.length != address.length) {
      return false;
    }
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((network[bit / 8] & mask) != (address[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException bad(int i, String why) {
    return new IllegalArgumentException("IP country table, line " + (i + 1) + ": " + why);
  }

  @Override
  public String countryOf(InetAddress ip) {
    byte[] address = ip.getAddress();
    Entry best = null;
    for (Entry e : entries) {
      if ((best == null || e.prefix() > best.prefix())
          && matches(e.network(), address, e.prefix())) {
        best = e;
      }
    }
    return best == null ? UNKNOWN : best.country();
  }

  /** How many entries the table has. */
  public int size() {
    return entries.size();
  }
}
