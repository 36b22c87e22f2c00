package org.jmasq.node.automap;

import java.net.InetAddress;
import java.time.Duration;
import org.jmasq.automap.MappingProtocol;

/**
 * One router protocol as {@link Automap} uses it (an interface, not sealed, so that Automap can be
 * tested against a scripted router without sockets). Every method blocks on the network for a
 * bounded time (retransmits and an overall deadline) and is called on Automap's own thread only.
 */
public interface PortMapper {
  MappingProtocol protocol();

  /** The router's public IP. */
  PublicAddress publicIp() throws AutomapException;

  /**
   * Maps TCP {@code port} (asking for the same external port) for {@code lifetime}, or renews it.
   */
  Mapping map(int port, Duration lifetime) throws AutomapException;

  /**
   * Whether the router still holds {@code mapping}, for a protocol without an epoch (IGD asks for
   * the entry); the others answer true, their epoch tells a restart.
   */
  boolean holds(Mapping mapping) throws AutomapException;

  /** Removes {@code mapping}. */
  void unmap(Mapping mapping) throws AutomapException;

  /** The address of this host as the router sees it on the LAN, for the protocols that send it. */
  static InetAddress localAddressToward(InetAddress router) throws AutomapException {
    try (java.net.DatagramSocket probe = new java.net.DatagramSocket()) {
      // Connecting a UDP socket sends nothing: it only picks the route and the source address.
      probe.connect(router, 9);
      return probe.getLocalAddress();
    } catch (java.io.IOException e) {
      throw new AutomapException(AutomapException.Reason.IO, "no route to " + router, e);
    }
  }
}
