package org.jmasq.neighborhood;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import org.jmasq.crypto.PublicKey;
import org.jmasq.geo.CountryOf;
import org.jmasq.identity.Wallet;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * The signed part of a Node record (the reference's {@code NodeRecordInner_0v1}): everything a Node
 * says about itself. Its owner encodes it once and signs the bytes; everyone else relays those
 * bytes unchanged, so this encoding only has to be decodable, never re-created by a relay.
 *
 * <pre>
 *  offset  size      field
 *  0       1         format              u8, = 1
 *  1       64        public_key          X25519 half ‖ Ed25519 half
 *  65      20        earning_wallet
 *  85      32        rate_pack           see {@link RatePack}
 *  117     1         flags               bit 0 accepts_connections, bit 1 routes_data, others 0
 *  118     4         version             u32
 *  122     2         country_code        two ASCII letters A-Z (not ZZ), or 0x0000 for unknown
 *  124     1         neighbor_count      u8, at most 32
 *  125     64 × n    neighbors           strictly ascending (unsigned bytes), never the own key
 *  end               no trailing bytes
 * </pre>
 *
 * The key sits at a fixed offset so that a receiver can look a record up before decoding the rest.
 */
public record NodeRecordInner(
    PublicKey publicKey,
    Wallet earningWallet,
    RatePack ratePack,
    NavigableSet<PublicKey> neighbors,
    boolean acceptsConnections,
    boolean routesData,
    long version,
    Optional<String> countryCode) {

  static final int FORMAT = 1;
  static final int KEY_OFFSET = 1;
  static final int MAX_NEIGHBORS = 32;
  static final long MAX_VERSION = 0xffff_ffffL;
  private static final int FIXED_LENGTH = 125;
  private static final int FLAG_ACCEPTS = 1;
  private static final int FLAG_ROUTES = 2;

  public NodeRecordInner {
    if (publicKey == null
        || earningWallet == null
        || ratePack == null
        || neighbors == null
        || countryCode == null) {
      throw new IllegalArgumentException("node record fields may not be null");
    }
    neighbors = Collections.unmodifiableNavigableSet(new TreeSet<>(neighbors));
    if (neighbors.size() > MAX_NEIGHBORS) {
      throw new IllegalArgumentException(
          "neighbors: " + neighbors.size() + " (expected: at most " + MAX_NEIGHBORS + ")");
    }
    if (neighbors.contains(publicKey)) {
      throw new IllegalArgumentException("neighbors: a Node cannot be its own neighbor");
    }
    if (version < 0 || version > MAX_VERSION) {
      throw new IllegalArgumentException(
          "version: " + version + " (expected: 0~" + MAX_VERSION + ")");
    }
    countryCode.ifPresent(
        c -> {
          if (!isCountryCode(c)) {
            throw new IllegalArgumentException(
                "country code: '" + c + "' (expected: two letters A-Z, not ZZ)");
          }
        });
  }

  /** Two capitals, but not {@code ZZ}: a record says "unknown" by carrying no code. */
  private static boolean isCountryCode(String c) {
    return CountryOf.isCode(c) && !CountryOf.UNKNOWN.equals(c);
  }

  public NodeRecordInner withNeighbors(NavigableSet<PublicKey> newNeighbors) {
    return new NodeRecordInner(
        publicKey,
        earningWallet,
        ratePack,
        newNeighbors,
        acceptsConnections,
        routesData,
        version,
        countryCode);
  }

  /** The same record claiming {@code newCountryCode} (empty: unknown). */
  NodeRecordInner withCountryCode(Optional<String> newCountryCode) {
    return new NodeRecordInner(
        publicKey,
        earningWallet,
        ratePack,
        neighbors,
        acceptsConnections,
        routesData,
        version,
        newCountryCode);
  }

  NodeRecordInner withVersion(long newVersion) {
    return new NodeRecordInner(
        publicKey,
        earningWallet,
        ratePack,
        neighbors,
        acceptsConnections,
        routesData,
        newVersion,
        countryCode);
  }

  public byte[] encode() {
    WireWriter out = new WireWriter(FIXED_LENGTH + neighbors.size() * PublicKey.LENGTH);
    out.u8(FORMAT).fixed(publicKey.bytes()).fixed(earningWallet.address());
    ratePack.encode(out);
    out.u8((acceptsConnections ? FLAG_ACCEPTS : 0) | (routesData ? FLAG_ROUTES : 0));
    out.u32(version);
    out.fixed(countryCode.map(c -> c.getBytes(StandardCharsets.US_ASCII)).orElse(new byte[2]));
    out.u8(neighbors.size());
    neighbors.forEach(n -> out.fixed(n.bytes()));
    return out.toByteArray();
  }

  /**
   * The key of an encoded record, read without decoding the rest; empty if the bytes are too short.
   */
  public static Optional<PublicKey> peekKey(byte[] signedData) {
    if (signedData.length < KEY_OFFSET + PublicKey.LENGTH || signedData[0] != FORMAT) {
      return Optional.empty();
    }
    byte[] key = new byte[PublicKey.LENGTH];
    System.arraycopy(signedData, KEY_OFFSET, key, 0, PublicKey.LENGTH);
    return Optional.of(PublicKey.of(key));
  }

  public static NodeRecordInner decode(byte[] signedData) throws DecodeException {
    WireReader in = new WireReader(signedData);
    int format = in.u8("node_record.format");
    if (format != FORMAT) {
      throw new DecodeException(
          DecodeException.Kind.UNSUPPORTED_VERSION,
          "node_record.format: " + format + " (expected: " + FORMAT + ")");
    }
    PublicKey key = PublicKey.of(in.fixed(PublicKey.LENGTH, "node_record.public_key"));
    if (key.isFirstContact()) {
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD, "node_record.public_key: no signing half");
    }
    Wallet wallet = Wallet.of(in.fixed(Wallet.LENGTH, "node_record.earning_wallet"));
    RatePack ratePack = RatePack.decode(in);
    int flags = in.u8("node_record.flags");
    if ((flags & ~(FLAG_ACCEPTS | FLAG_ROUTES)) != 0) {
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD,
          "node_record.flags: " + flags + " (expected: bits 0 and 1 only)");
    }
    long version = in.u32("node_record.version");
    Optional<String> country = decodeCountry(in.fixed(2, "node_record.country_code"));
    int count = in.u8("node_record.neighbor_count");
    if (count > MAX_NEIGHBORS) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LONG,
          "node_record.neighbor_count: " + count + " (expected: at most " + MAX_NEIGHBORS + ")");
    }
    TreeSet<PublicKey> neighbors = new TreeSet<>();
    PublicKey previous = null;
    for (int i = 0; i < count; i++) {
      PublicKey neighbor = PublicKey.of(in.fixed(PublicKey.LENGTH, "node_record.neighbor"));
      if (previous != null && previous.compareTo(neighbor) >= 0) {
        throw new DecodeException(
            DecodeException.Kind.INVALID_FIELD, "node_record.neighbors: not strictly ascending");
      }
      if (neighbor.equals(key)) {
        throw new DecodeException(
            DecodeException.Kind.INVALID_FIELD, "node_record.neighbors: lists its own key");
      }
      neighbors.add(neighbor);
      previous = neighbor;
    }
    in.expectEnd("node_record");
    return new NodeRecordInner(
        key,
        wallet,
        ratePack,
        neighbors,
        (flags & FLAG_ACCEPTS) != 0,
        (flags & FLAG_ROUTES) != 0,
        version,
        country);
  }

  private static Optional<String> decodeCountry(byte[] raw) throws DecodeException {
    if (raw[0] == 0 && raw[1] == 0) {
      return Optional.empty();
    }
    String code = new String(raw, StandardCharsets.US_ASCII);
    if (!isCountryCode(code)) {
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD,
          "node_record.country_code: '"
              + printable(raw)
              + "' (expected: two letters A-Z other than ZZ, or 0x0000)");
    }
    return Optional.of(code);
  }

  /** The two bytes as text for an error message, anything outside printable ASCII as a dot. */
  private static String printable(byte[] raw) {
    StringBuilder s = new StringBuilder();
    for (byte b : raw) {
      s.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
    }
    return s.toString();
  }
}
