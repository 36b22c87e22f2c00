package org.jmasq.node.proxyclient;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/** Resolves a target host name at the exit. IP literals are returned as they are. */
public interface HostResolver {
  /**
   * @throws UnknownHostException when the name does not resolve (the stream gets a DNS failure)
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** The operating system's resolver. */
  static HostResolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }

  /** Asks {@code dnsServers} (--dns-servers), or the operating system when there are none. */
  static HostResolver of(List<InetSocketAddress> dnsServers) {
    return dnsServers.isEmpty()
        ? system()
        : new DnsServersResolver(dnsServers, Duration.ofSeconds(5));
  }
}
