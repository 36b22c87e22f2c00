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
    return open(envelope, 0, envelope.length);
  }

  /**
   * Opens the envelope of {@code length} bytes at {@code offset} in {@code bytes}, in place: a
   * package's payload is opened where it lies, without a copy of it first.
   */
  public Opened open(byte[] bytes, int offset, int length) throws CryptoException {
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new IllegalArgumentException(
          "envelope at " + offset + " of " + length + " bytes in " + bytes.length);
    }
    if (length < Envelope.OVERHEAD) {
      throw new CryptoException(
          "envelope: " + length + " bytes (expected: at least " + Envelope.OVERHEAD + ")");
    }
    int end = offset + length;
    ByteBuffer ephemeralId =
        ByteBuffer.wrap(Arrays.copyOfRange(bytes, offset, offset + PublicKey.HALF));
    SessionKey session;
    synchronized (sessions) {
      session = sessions.get(ephemeralId);
    }
    if (session == null) {
      byte[] ephemeral = ephemeralId.array();
      agreements.increment();
      session = SessionKey.derive(keys.agree(ephemeral), ephemeral, ownEncryptionKey);
      byte[] plaintext =
          session.decrypt(bytes, offset + PublicKey.HALF, offset + Envelope.HEADER, end);
      // Only authentic envelopes earn a cache slot, so forged ones cannot evict real sessions.
      synchronized (sessions) {
        sessions.put(ephemeralId, session);
      }
      return new Opened(plaintext, session);
    }
    return new Opened(
        session.decrypt(bytes, offset + PublicKey.HALF, offset + Envelope.HEADER, end), session);
  }
}
