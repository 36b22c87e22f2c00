package org.jmasq.node.proxyserver;

import org.jmasq.payload.ClientRequest;
import org.jmasq.payload.ProxyProtocol;

/** The server a client wants to reach, as the entry understood it. */
public record Target(String host, int port, ProxyProtocol protocol) {
  public Target {
    ClientRequest.checkHostname(host);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("target port: " + port + " (expected: 1~65535)");
    }
    if (protocol == null) {
      throw new IllegalArgumentException("protocol: null");
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
