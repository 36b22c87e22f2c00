package org.jmasq.node.automap;

import java.net.InetAddress;
import org.jmasq.automap.MappingProtocol;

/** What {@link Automap} tells its listener: the Node's reachability from outside as it changes. */
public sealed interface AutomapEvent {
  /** The port is mapped: at start, or again after the router lost it. */
  record Mapped(Mapping mapping) implements AutomapEvent {}

  /** The mapping was renewed before it expired. */
  record Renewed(Mapping mapping) implements AutomapEvent {}

  /** The router lost its mappings (it restarted); a new mapping is being made. */
  record RouterRestarted(MappingProtocol protocol, String how) implements AutomapEvent {}

  /** The router's public IP is now {@code now}: the Node's record must say so. */
  record PublicIpChanged(InetAddress before, InetAddress now) implements AutomapEvent {}

  /** A renewal or a new mapping failed; Automap tries again after a while. */
  record Failed(String why) implements AutomapEvent {}

  /** The mapping was removed from the router as the Node stopped. */
  record Removed(Mapping mapping) implements AutomapEvent {}
}
