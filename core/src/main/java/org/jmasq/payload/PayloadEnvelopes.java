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
    try {
      return MessageType.decode(opener.open(envelope).plaintext());
    } catch (CryptoException e) {
      throw new DecodeException(DecodeException.Kind.UNAUTHENTIC, "payload: " + e.getMessage());
    }
  }
}
