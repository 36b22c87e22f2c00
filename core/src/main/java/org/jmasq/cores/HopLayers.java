package org.jmasq.cores;

import org.jmasq.crypto.Envelope;
import org.jmasq.crypto.SessionKey;

/**
 * The symmetric layer each hop of a route takes off a package, so that no two links of a route
 * carry the same bytes, as in Tor, where each relay removes one layer of a cell.
 *
 * <p>A Node that receives a package opens its top block and then removes its layer from the rest:
 * from the blocks after its own an AES-256-CTR keystream that starts at its block's nonce, and from
 * the payload one that starts at the package's tag (both under keys derived from the hop's session
 * key, {@link SessionKey#layerRoute}, {@link SessionKey#layerPayload}). The originator, which holds
 * every hop's session key, puts all the layers on before it sends ({@link RoutePlan#incipient}), so
 * that each Node finds its own block in the clear and the final recipient the payload as sealed. On
 * the way back the exit adds nothing: each relay's removal is then a layer that the originator
 * takes off ({@link ResponseLayers}). The layers are XOR with keystreams, so adding and removing
 * are one operation and their order does not matter.
 */
public final class HopLayers {
  private HopLayers() {}

  /**
   * Removes this hop's layers, in place, from the package in {@code bytes} whose top block opened
   * under {@code session}; {@code tag} is the package's tag as it arrived.
   */
  public static void peel(SessionKey session, byte[] bytes, PackageLayout layout, long tag) {
    session.layerRoute(
        bytes,
        PackageLayout.ROUTE_OFFSET + Envelope.NONCE_OFFSET,
        bytes,
        layout.afterTopOffset(),
        layout.afterTopLength());
    session.layerPayload(tag, bytes, layout.payloadOffset(), layout.payloadLength());
  }
}
