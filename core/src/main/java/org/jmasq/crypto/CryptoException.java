package org.jmasq.crypto;

/**
 * A cryptographic operation that could not complete: bad key material or an unauthentic message.
 */
public final class CryptoException extends Exception {
  private static final long serialVersionUID = 1L;

  CryptoException(String message) {
    super(message);
  }

  CryptoException(String message, Throwable cause) {
    super(message, cause);
  }
}
