package org.jmasq.node.proxyclient;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jmasq.identity.IpLiteral;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Resolves through the DNS servers given with {@code --dns-servers} (UDP, with TCP on truncation),
 * asking for A and then AAAA records. Names are taken as absolute: no search domains are appended,
 * so an exit never asks about a name the user did not type.
 */
public final class DnsServersResolver implements HostResolver {
  private final Resolver resolver;

  public DnsServersResolver(List<InetSocketAddress> servers, Duration timeout) {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("at least one DNS server is needed");
    }
    List<Resolver> each = new ArrayList<>();
    for (InetSocketAddress server : servers) {
      SimpleResolver simple = new SimpleResolver(server);
      simple.setTimeout(timeout);
      each.add(simple);
    }
    ExtendedResolver extended = new ExtendedResolver(each);
    extended.setTimeout(timeout);
    extended.setRetries(1);
    this.resolver = extended;
  }

  @Override
  public List<InetAddress> resolve(String host) throws UnknownHostException {
    Optional<InetAddress> literal = IpLiteral.parse(host);
    if (literal.isPresent()) {
      return List.of(literal.get());
    }
    if (host.contains(":") || host.matches("[0-9.]+")) {
      throw new UnknownHostException(host + " is neither a host name nor an IP address");
    }
    Name name;
    try {
      name = Name.fromString(host.endsWith(".") ? host : host + ".");
    } catch (TextParseException e) {
      throw new UnknownHostException(host + ": " + e.getMessage());
    }
    List<InetAddress> addresses = new ArrayList<>();
    for (int type : new int[] {Type.A, Type.AAAA}) {
      Lookup lookup = new Lookup(name, type);
      lookup.setResolver(resolver);
      lookup.setCache(null);
      Record[] records = lookup.run();
      if (records != null) {
        for (Record record : records) {
          if (record instanceof ARecord a) {
            addresses.add(a.getAddress());
          } else if (record instanceof AAAARecord aaaa) {
            addresses.add(aaaa.getAddress());
          }
        }
      }
    }
    if (addresses.isEmpty()) {
      throw new UnknownHostException(host);
    }
    return addresses;
  }
}
