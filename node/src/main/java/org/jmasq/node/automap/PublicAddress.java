package org.jmasq.node.automap;

import java.net.InetAddress;
import java.util.Optional;
import org.jmasq.automap.ServerEpoch;

/** The router's public IP as it told it, and its epoch when the protocol has one. */
public record PublicAddress(InetAddress ip, Optional<ServerEpoch> epoch) {}
