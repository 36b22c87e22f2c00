package org.jmasq.node.link;

import java.net.InetAddress;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jmasq.identity.NodeAddr;

/**
 * Which addresses this Node dials when other Nodes name them (in a record, an Introduction or a
 * Pass): none of the kinds an exit refuses to connect to (loopback, private, link-local, ...), so
 * no peer can make this Node knock on its own machine's or its LAN's services. A Node that is on
 * such a network itself (devnet on 127.0.0.x, a testbed on 10.x) dials addresses of its own kind:
 * that is where its peers are. The neighbors it was configured with are always dialled: its owner
 * named them.
 *
 * @param kindOf the kind of an address that an exit refuses ("loopback", "private (unique local)",
 *     ...), or empty for an address of the open internet
 * @param ownKinds the kinds this Node dials because it is on such a network itself
 * @param configured the addresses (IP and ports) of the neighbors this Node was configured with:
 *     only those, not other ports of the same IP, are exempt
 */
public record DialPolicy(
    Function<InetAddress, Optional<String>> kindOf,
    Set<String> ownKinds,
    Set<NodeAddr> configured) {
  /**
   * The kinds of network a Node can be on. The others (unspecified, multicast, broadcast, reserved)
   * are never dialled, whatever the Node's own address: {@code 0.0.0.0} reaches the local machine.
   */
  private static final Set<String> NETWORKS = Set.of("loopback", "private", "link-local");

  public DialPolicy {
    ownKinds = Set.copyOf(ownKinds);
    configured = Set.copyOf(configured);
  }

  /**
   * The policy of a Node at {@code ownIp}: it dials the kind of its own address when that is a
   * loopback, private or link-local one. A Node that does not know its address ({@code 0.0.0.0}: no
   * {@code --ip}) takes its network to be that of the neighbors it was configured with.
   */
  public static DialPolicy of(
      Function<InetAddress, Optional<String>> kindOf,
      InetAddress ownIp,
      Collection<NodeAddr> configured) {
    Collection<InetAddress> network =
        ownIp.isAnyLocalAddress() ? configured.stream().map(NodeAddr::ip).toList() : Set.of(ownIp);
    Set<String> kinds =
        network.stream()
            .flatMap(ip -> kindOf.apply(ip).stream())
            .map(DialPolicy::family)
            .filter(NETWORKS::contains)
            .collect(Collectors.toUnmodifiableSet());
    return new DialPolicy(kindOf, kinds, Set.copyOf(configured));
  }

  /**
   * The policy of a Node on the open internet, whatever its own address: it dials none of the kinds
   * {@code kindOf} names, except its {@code configured} neighbors.
   */
  public static DialPolicy openInternet(
      Function<InetAddress, Optional<String>> kindOf, Collection<NodeAddr> configured) {
    return new DialPolicy(kindOf, Set.of(), Set.copyOf(configured));
  }

  /** Why this Node will not dial {@code target}, or empty if it may. */
  public Optional<String> refusal(NodeAddr target) {
    if (configured.contains(target)) {
      return Optional.empty();
    }
    return kindOf.apply(target.ip()).filter(kind -> !ownKinds.contains(family(kind)));
  }

  /** "private (unique local)" is of the family "private". */
  private static String family(String kind) {
    int space = kind.indexOf(" (");
    return space < 0 ? kind : kind.substring(0, space);
  }
}
