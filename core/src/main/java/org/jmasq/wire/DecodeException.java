package org.jmasq.wire;

/**
 * Bytes from the wire that do not form a valid value. Decoders throw only this, so a caller that
 * catches it has handled every kind of malformed input; {@link #kind()} says which rule was broken.
 */
public final class DecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the bytes were refused. */
  public enum Kind {
    /** The input ended before the value did. */
    TRUNCATED,
    /** A length field is above its documented maximum. */
    TOO_LONG,
    /** A type, component or enum code that this version does not know. */
    UNKNOWN_CODE,
    /** A major version this Node cannot read. */
    UNSUPPORTED_VERSION,
    /** Bytes left over after a complete value of a version that allows none. */
    TRAILING_BYTES,
    /** A field whose value breaks a documented rule (bad flag, non-zero padding, bad text). */
    INVALID_FIELD,
    /** Authenticated decryption failed: wrong key, or the bytes were altered. */
    UNAUTHENTIC
  }

  private final Kind kind;

  public DecodeException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  @Override
  public String getMessage() {
    return kind + ": " + super.getMessage();
  }
}
