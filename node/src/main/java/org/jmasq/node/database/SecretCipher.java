package org.jmasq.node.database;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts one config value under the database password: PBKDF2-HMAC-SHA256 (10 240 iterations, as
 * the reference) over a fresh 16-byte salt gives an AES-256 key; AES-GCM with a fresh 12-byte nonce
 * and the row's name as associated data seals the value, so a value moved to another row does not
 * decrypt. Stored as {@code 1:} + hex(salt ‖ nonce ‖ ciphertext ‖ tag).
 */
final class SecretCipher {
  static final int ITERATIONS = 10_240;
  private static final String VERSION = "1:";
  private static final int SALT = 16;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private SecretCipher() {}

  /** The value did not decrypt: the password is wrong, or the stored text was altered. */
  static final class NotDecryptable extends Exception {
    NotDecryptable(String message) {
      super(message);
    }
  }

  static String encrypt(byte[] plain, String password, String rowName, SecureRandom random) {
    byte[] salt = new byte[SALT];
    byte[] nonce = new byte[NONCE];
    random.nextBytes(salt);
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key(password, salt), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(rowName.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain);
      byte[] all = new byte[SALT + NONCE + sealed.length];
      System.arraycopy(salt, 0, all, 0, SALT);
      System.arraycopy(nonce, 0, all, SALT, NONCE);
      System.arraycopy(sealed, 0, all, SALT + NONCE, sealed.length);
      return VERSION + HexFormat.of().formatHex(all);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM and PBKDF2 are part of every JDK", e);
    }
  }

  static byte[] decrypt(String stored, String password, String rowName) throws NotDecryptable {
    if (stored == null || !stored.startsWith(VERSION)) {
      throw new NotDecryptable("the value of '" + rowName + "' is not in a known encrypted format");
    }
    byte[] all;
    try {
      all = HexFormat.of().parseHex(stored.substring(VERSION.length()));
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
          key(password, Arrays.copyOfRange(all, 0, SALT)),
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

  private static SecretKeySpec key(String password, byte[] salt) throws GeneralSecurityException {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256);
    try {
      byte[] key =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      return new SecretKeySpec(key, "AES");
    } finally {
      spec.clearPassword();
    }
  }
}
