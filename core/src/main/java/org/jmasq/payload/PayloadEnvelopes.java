package org.jmasq.payload;

import org.jmasq.crypto.CryptoException;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.wire.DecodeException;

/** Seals a message for its final recipient and opens one sealed to this Node. */
public final class PayloadEnvelopes {
  private PayloadEnvelopes() {}

  public static byte[] seal(EnvelopeSealer sealer, MessageType message) {
    return sealer.seal(message.encode());
  }

  public static MessageType open(EnvelopeOpener opener, byte[] envelope) throws DecodeException {
    return open(opener, envelope, 0, envelope.length);
  }

  /** Opens the envelope of {@code length} bytes at {@code offset}, where it lies in a package. */
  public static MessageType open(EnvelopeOpener opener, byte[] bytes, int offset, int length)
      throws DecodeException {
    try {
      return MessageType.decode(opener.open(bytes, offset, length).plaintext());
    } catch (CryptoException e) {
      throw new DecodeException(DecodeException.Kind.UNAUTHENTIC, "payload: " + e.getMessage());
    }
  }
}
