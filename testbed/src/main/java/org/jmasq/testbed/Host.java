package org.jmasq.testbed;

import java.util.Optional;

/**
 * A host of a built testbed: its namespace, its address (public, or on its router's LAN), the
 * gateway its default route goes through, and the name of the veth end that leads to it (in the
 * internet namespace for a public host, in its router's namespace for a LAN host; the host's own
 * end is always {@code eth0}).
 */
public record Host(
    String name,
    String namespace,
    Ipv4 address,
    Ipv4 gateway,
    Optional<String> router,
    String link) {

  public boolean isPublic() {
    return router.isEmpty();
  }
}
