package org.jmasq.neighborhood.gossip;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jmasq.crypto.PublicKey;
import org.jmasq.neighborhood.SignatureVerifier;

/**
 * Remembers the answers of a {@link SignatureVerifier} for the last {@code capacity} records, least
 * recently used out. A record is known by the SHA-256 of its signed bytes and signature: the
 * signer's key sits inside the signed bytes, so a record that changes in any byte, or is signed
 * again, is a new question and is verified again; and a digest keeps each entry small however large
 * the record. Owned by the Neighborhood's thread; not thread-safe.
 */
final class VerificationCache {
  private final SignatureVerifier signatures;
  private final MessageDigest sha256;
  private final Map<ByteBuffer, Boolean> answers;
  private long checked;
  private long remembered;

  VerificationCache(SignatureVerifier signatures, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: at least 1)");
    }
    this.signatures = signatures;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    this.answers =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Whether {@code signature} over {@code signedData} is {@code signer}'s. */
  boolean verify(PublicKey signer, byte[] signedData, byte[] signature) {
    sha256.update(signedData);
    ByteBuffer id = ByteBuffer.wrap(sha256.digest(signature));
    Boolean known = answers.get(id);
    if (known != null) {
      remembered++;
      return known;
    }
    checked++;
    boolean valid = signatures.verify(signer, signedData, signature);
    answers.put(id, valid);
    return valid;
  }

  /** Signatures actually checked so far. */
  long checked() {
    return checked;
  }

  /** Answers given from memory so far. */
  long remembered() {
    return remembered;
  }
}
