package org.jmasq.crypto;

import java.nio.ByteBuffer;
import javax.crypto.spec.SecretKeySpec;

/**
 * One hop's layer over payloads: XOR with an AES-256-CTR keystream under a key derived from the
 * hop's session key ({@link SessionKey#payloadLayer}), started at the package's tag as that hop
 * sees it (tag ‖ 0^8). Adding and removing it are the same operation. Holds only the derived key,
 * so an originator can keep one per hop of every recent route cheaply.
 */
public final class PayloadLayer {
  private static final int BLOCK = 16;

  private final SecretKeySpec key;

  PayloadLayer(SecretKeySpec key) {
    this.key = key;
  }

  /** Adds or removes the layer, in place, over {@code length} bytes at {@code offset}. */
  public void apply(long tag, byte[] bytes, int offset, int length) {
    SessionKey.xor(key, ByteBuffer.allocate(BLOCK).putLong(0, tag).array(), bytes, offset, length);
  }
}
