package org.jmasq.node.database;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Encrypts one config value under the database password. A key derived from the password and a
 * 16-byte salt seals the value with AES-256-GCM under a fresh 12-byte nonce, with the row's name as
 * associated data, so a value moved to another row does not decrypt. Stored as a version, then
 * hex(salt ‖ nonce ‖ ciphertext ‖ tag):
 *
 * <ul>
 *   <li>{@code 2:} (written now): Argon2id, 19 MiB of memory, 2 passes, 1 lane, OWASP's recommended
 *       minimum for password storage (Password Storage Cheat Sheet); each guess at the password
 *       costs an attacker holding the file that memory and time.
 *   <li>{@code 1:} (read only): PBKDF2-HMAC-SHA256 at 10,240 iterations, as the reference; cheap to
 *       guess at, so a database that still holds it is re-encrypted the first time it is opened
 *       with its password ({@link ConfigTable#upgradeSecrets}).
 * </ul>
 *
 * <p>A derivation is deliberately slow (tens of milliseconds and 19 MiB), so each cipher keeps the
 * last few keys it derived, and encrypts under the salt of a key it already holds for the same
 * password: once a database is open, keeping a secret (the past neighbors, whenever they change)
 * costs no derivation. Keys derived from one password under one salt are the same key, so sharing a
 * salt between rows gives nothing away; the nonces keep every sealing apart. Thread-safe.
 */
final class SecretCipher {
  static final String CURRENT = "2:";
  static final String LEGACY = "1:";

  static final int ARGON2_MEMORY_KIB = 19 * 1024;
  static final int ARGON2_PASSES = 2;
  static final int ARGON2_LANES = 1;
  static final int LEGACY_ITERATIONS = 10_240;

  private static final int SALT = 16;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private static final int KEYS_KEPT = 8;

  /** A derived key is known by its version, password and salt. */
  private record KeyId(String version, String password, String salt) {}

  private final SecureRandom random;
  private final Map<KeyId, byte[]> keys =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<KeyId, byte[]> eldest) {
          return size() > KEYS_KEPT;
        }
      };

  SecretCipher(SecureRandom random) {
    this.random = random;
  }

  /** The value did not decrypt: the password is wrong, or the stored text was altered. */
  static final class NotDecryptable extends Exception {
    NotDecryptable(String message) {
      super(message);
    }
  }

  /** Whether {@code stored} was written with the old, cheap key derivation. */
  static boolean isLegacy(String stored) {
    return stored != null && stored.startsWith(LEGACY);
  }

  /** Seals {@code plain} for the row {@code rowName}, always in the current format. */
  String encrypt(byte[] plain, String password, String rowName) {
    byte[] salt = saltFor(password);
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key(CURRENT, password, salt), "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(rowName.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain);
      byte[] all = new byte[SALT + NONCE + sealed.length];
      System.arraycopy(salt, 0, all, 0, SALT);
      System.arraycopy(nonce, 0, all, SALT, NONCE);
      System.arraycopy(sealed, 0, all, SALT + NONCE, sealed.length);
      return CURRENT + HexFormat.of().formatHex(all);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  /** Opens a value of either format. */
  byte[] decrypt(String stored, String password, String rowName) throws NotDecryptable {
    String version =
        stored == null ? "" : stored.startsWith(CURRENT) ? CURRENT : isLegacy(stored) ? LEGACY : "";
    if (version.isEmpty()) {
      throw new NotDecryptable("the value of '" + rowName + "' is not in a known encrypted format");
    }
    byte[] all;
    try {
      all = HexFormat.of().parseHex(stored.substring(version.length()));
    } catch (IllegalArgumentException e) {
      throw new NotDecryptable("the value of '" + rowName + "' is not hex");
    }
    if (all.length < SALT + NONCE + TAG_BITS / 8) {
      throw new NotDecryptable("the value of '" + rowName + "' is too short");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key(version, password, Arrays.copyOfRange(all, 0, SALT)), "AES"),
          new GCMParameterSpec(TAG_BITS, all, SALT, NONCE));
      cipher.updateAAD(rowName.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(all, SALT + NONCE, all.length - SALT - NONCE);
    } catch (AEADBadTagException e) {
      throw new NotDecryptable(
          "the value of '" + rowName + "' does not decrypt with this password");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM and PBKDF2 are part of every JDK", e);
    }
  }

  /** The salt of a current key already derived for {@code password}, or a fresh one. */
  private synchronized byte[] saltFor(String password) {
    for (KeyId id : keys.keySet()) {
      if (id.version().equals(CURRENT) && id.password().equals(password)) {
        return HexFormat.of().parseHex(id.salt());
      }
    }
    byte[] salt = new byte[SALT];
    random.nextBytes(salt);
    return salt;
  }

  private byte[] key(String version, String password, byte[] salt) {
    KeyId id = new KeyId(version, password, HexFormat.of().formatHex(salt));
    synchronized (this) {
      byte[] known = keys.get(id);
      if (known != null) {
        return known;
      }
    }
    // Derived outside the lock: it takes a while, and two threads deriving one key agree.
    byte[] derived = version.equals(CURRENT) ? argon2id(password, salt) : pbkdf2(password, salt);
    synchronized (this) {
      keys.put(id, derived);
    }
    return derived;
  }

  private static byte[] argon2id(String password, byte[] salt) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(ARGON2_MEMORY_KIB)
            .withIterations(ARGON2_PASSES)
            .withParallelism(ARGON2_LANES)
            .withSalt(salt)
            .build());
    byte[] key = new byte[32];
    byte[] secret = password.getBytes(StandardCharsets.UTF_8);
    generator.generateBytes(secret, key);
    Arrays.fill(secret, (byte) 0);
    return key;
  }

  private static byte[] pbkdf2(String password, byte[] salt) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, LEGACY_ITERATIONS, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2 is part of every JDK", e);
    } finally {
      spec.clearPassword();
    }
  }
}
