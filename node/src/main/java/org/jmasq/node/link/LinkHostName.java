package org.jmasq.node.link;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.jmasq.crypto.PublicKey;

/**
 * The web host name a Node's links carry: the SNI a dialler sends to it, and the name in its
 * certificate. It is made of ordinary words, chosen by a hash of the Node's X25519 key, so it is
 * the same on every run and every dialler computes it from the key it dials (a first-contact key
 * names only that half), while the name itself does not contain the key: it cannot be turned back
 * into a key, only checked against one that is already known.
 */
final class LinkHostName {
  private static final byte[] LABEL = "jmasq link host name".getBytes(StandardCharsets.US_ASCII);

  /** Subdomains as web sites use them; the bare domain counts twice, as it is the most common. */
  private static final List<String> PREFIXES =
      List.of("", "", "www.", "www.", "cdn.", "api.", "static.", "app.");

  /** Top-level domains weighted roughly as the web's: mostly .com. */
  private static final List<String> TOP_LEVEL =
      List.of("com", "com", "com", "com", "net", "net", "org", "io");

  private static final List<String> FIRST =
      List.of(
          "amber", "bright", "blue", "bold", "cedar", "clear", "coral", "crisp", "dawn", "deep",
          "early", "east", "fair", "fern", "first", "fresh", "gold", "grand", "green", "grey",
          "happy", "high", "iron", "ivory", "jade", "keen", "kind", "lake", "late", "light",
          "little", "lunar", "maple", "meadow", "metro", "mint", "modern", "noble", "north", "oak",
          "ocean", "olive", "open", "pine", "plain", "prime", "quiet", "rapid", "red", "river",
          "royal", "silver", "simple", "smart", "south", "stone", "sunny", "swift", "true", "urban",
          "vivid", "warm", "west", "wild");

  private static final List<String> SECOND =
      List.of(
          "anchor", "arrow", "basket", "beacon", "bench", "bridge", "brook", "cabin", "canvas",
          "castle", "circle", "cloud", "corner", "craft", "crest", "field", "forge", "frame",
          "garden", "gate", "grove", "harbor", "haven", "hill", "house", "island", "journal",
          "kettle", "ladder", "lane", "leaf", "lodge", "market", "mill", "orchard", "orbit",
          "paper", "path", "peak", "pixel", "point", "pond", "port", "press", "quarry", "ridge",
          "road", "shore", "signal", "spark", "spring", "square", "studio", "summit", "table",
          "thread", "tower", "trail", "valley", "view", "village", "wave", "works", "yard");

  private LinkHostName() {}

  /** The host name of the Node whose X25519 key is {@code key}'s encryption half. */
  static String of(PublicKey key) {
    byte[] hash = sha256(key.encryptionKey());
    return PREFIXES.get(hash[0] & 7)
        + FIRST.get(hash[1] & 63)
        + SECOND.get(hash[2] & 63)
        + "."
        + TOP_LEVEL.get(hash[3] & 7);
  }

  private static byte[] sha256(byte[] encryptionKey) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(LABEL);
      return digest.digest(encryptionKey);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
