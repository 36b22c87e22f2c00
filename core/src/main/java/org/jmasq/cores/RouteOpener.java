package org.jmasq.cores;

import org.jmasq.crypto.CryptoException;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.SessionKey;
import org.jmasq.wire.DecodeException;

/**
 * One Node's view of a route: it opens the block meant for this Node and shifts the route on. A
 * block sealed to another key fails authentication here, which is what keeps each Node to its own
 * hop.
 */
public final class RouteOpener {
  /** This Node's opened hop, with the session it came under (used to make the padding block). */
  public record OpenedHop(HopContent.LiveHop hop, SessionKey session) {}

  private final EnvelopeOpener opener;

  public RouteOpener(EnvelopeOpener opener) {
    this.opener = opener;
  }

  public OpenedHop openTop(Route route) throws DecodeException {
    return openBlock(route.block(0));
  }

  /** Opens {@code block} as this Node's hop. */
  public OpenedHop openBlock(byte[] block) throws DecodeException {
    EnvelopeOpener.Opened opened = open(block, "route.top");
    if (!(HopContent.decode(opened.plaintext()) instanceof HopContent.LiveHop hop)) {
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD,
          "route.top: a return route id where a hop was expected");
    }
    return new OpenedHop(hop, opened.session());
  }

  /**
   * The route as the next Node sees it: this Node's block removed and its padding block appended,
   * which starts with the session's padding key, like a real block.
   */
  public Route shift(Route route, OpenedHop top) {
    return route.shifted(padding(top));
  }

  /**
   * A padding block as long as a hop block: the session's padding key, then bytes derived from the
   * session, the same for every package of the route ({@link SessionKey#paddingBlock}).
   */
  public byte[] padding(OpenedHop top) {
    return top.session().paddingBlock(Route.BLOCK_LENGTH);
  }

  /** Reads the return route id that follows the originator's final hop in {@code route}. */
  public long returnRouteId(Route route) throws DecodeException {
    if (route.size() < 2) {
      throw new DecodeException(
          DecodeException.Kind.TRUNCATED, "route: no block after the final hop");
    }
    if (!(HopContent.decode(open(route.block(1), "route.return_route_id").plaintext())
        instanceof HopContent.ReturnRouteId id)) {
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD,
          "route: a hop where the return route id was expected");
    }
    return id.id();
  }

  private EnvelopeOpener.Opened open(byte[] block, String what) throws DecodeException {
    try {
      return opener.open(block);
    } catch (CryptoException e) {
      throw new DecodeException(DecodeException.Kind.UNAUTHENTIC, what + ": " + e.getMessage());
    }
  }
}
