package org.jmasq.node.automap;

import java.net.InetAddress;
import java.util.Optional;
import org.jmasq.automap.MappingProtocol;

/**
 * Whether a standard Node maps its port on its router (it does when started without {@code --ip}),
 * the one protocol {@code --mapping-protocol} forces, if any, and the router to ask when it is not
 * the default gateway of {@code /proc/net/route}.
 */
public record AutomapConfig(
    boolean enabled, Optional<MappingProtocol> protocol, Optional<InetAddress> router) {
  /** No automap: the Node's address is given and its port forwarded by hand. */
  public static final AutomapConfig OFF =
      new AutomapConfig(false, Optional.empty(), Optional.empty());

  public AutomapConfig {
    if (protocol == null || router == null || (!enabled && protocol.isPresent())) {
      throw new IllegalArgumentException("a mapping protocol only with automap on");
    }
  }

  /** Automap on, with the default gateway as the router. */
  public static AutomapConfig on(Optional<MappingProtocol> protocol) {
    return new AutomapConfig(true, protocol, Optional.empty());
  }
}
