package org.jmasq.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Opens envelopes sealed to one of this Node's key pairs. It remembers the session key of each
 * ephemeral key it has seen (least recently used first out), so a stream pays for one X25519
 * agreement and then only for AES-GCM. Thread-safe; the lock is never held during crypto.
 */
public final class EnvelopeOpener {
  /** What an envelope held, with the session it was sealed under. */
  public record Opened(byte[] plaintext, SessionKey session) {}

  private final NodeKeyPair keys;
  private final byte[] ownEncryptionKey;
  private final Map<ByteBuffer, SessionKey> sessions;
  private final LongAdder agreements = new LongAdder();

  public EnvelopeOpener(NodeKeyPair keys, int cacheCapacity) {
    if (cacheCapacity < 1) {
      throw new IllegalArgumentException(
          "cacheCapacity: " + cacheCapacity + " (expected: at least 1)");
    }
    this.keys = keys;
    this.ownEncryptionKey = keys.publicKey().encryptionKey();
    this.sessions =
        new LinkedHashMap<>(Math.min(cacheCapacity, 1024), 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<ByteBuffer, SessionKey> eldest) {
            return size() > cacheCapacity;
          }
        };
  }

  PublicKey publicKey() {
    return keys.publicKey();
  }

  /**
   * The X25519 agreements this opener has made: one per ephemeral key it had no session for, forged
   * ones included. What a Node spends on public-key work for the packages sealed to this key pair.
   */
  public long agreements() {
    return agreements.sum();
  }

  public Opened open(byte[] envelope) throws CryptoException {
    if (envelope.length < Envelope.OVERHEAD) {
      throw new CryptoException(
          "envelope: " + envelope.length + " bytes (expected: at least " + Envelope.OVERHEAD + ")");
    }
    ByteBuffer ephemeralId = ByteBuffer.wrap(Arrays.copyOf(envelope, PublicKey.HALF));
    SessionKey session;
    synchronized (sessions) {
      session = sessions.get(ephemeralId);
    }
    if (session == null) {
      byte[] ephemeral = ephemeralId.array();
      agreements.increment();
      session = SessionKey.derive(keys.agree(ephemeral), ephemeral, ownEncryptionKey);
      byte[] plaintext = session.decrypt(envelope, PublicKey.HALF, Envelope.HEADER);
      // Only authentic envelopes earn a cache slot, so forged ones cannot evict real sessions.
      synchronized (sessions) {
        sessions.put(ephemeralId, session);
      }
      return new Opened(plaintext, session);
    }
    return new Opened(session.decrypt(envelope, PublicKey.HALF, Envelope.HEADER), session);
  }
}
