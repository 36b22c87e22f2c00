package org.jmasq.node;

import java.security.SecureRandom;
import org.jmasq.cores.RouteOpener;
import org.jmasq.crypto.EnvelopeOpener;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;

/**
 * A Node's two key pairs and what opens with them: the main key (its identity; hops and payloads
 * sealed to it) and an alias key made new for each run (payloads coming back to it as an
 * originator).
 */
record NodeKeys(
    NodeKeyPair main,
    NodeKeyPair alias,
    EnvelopeOpener mainOpener,
    EnvelopeOpener aliasOpener,
    RouteOpener routeOpener) {

  /** Session keys remembered per key pair: about one per hop per live stream. */
  private static final int SESSION_CACHE = 65_536;

  /** Around the Node's {@code main} key, with a new alias key. */
  static NodeKeys around(NodeKeyPair main, SecureRandom random) {
    NodeKeyPair alias = NodeKeyPair.generate(random);
    EnvelopeOpener mainOpener = new EnvelopeOpener(main, SESSION_CACHE);
    EnvelopeOpener aliasOpener = new EnvelopeOpener(alias, SESSION_CACHE);
    return new NodeKeys(main, alias, mainOpener, aliasOpener, new RouteOpener(mainOpener));
  }

  PublicKey self() {
    return main.publicKey();
  }
}
