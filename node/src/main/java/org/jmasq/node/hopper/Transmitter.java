package org.jmasq.node.hopper;

import java.io.IOException;
import org.jmasq.cores.IncipientCoresPackage;

/** Hands a package this Node originates to the Hopper. */
@FunctionalInterface
public interface Transmitter {
  void transmit(IncipientCoresPackage incipient) throws IOException;
}
