package org.jmasq.node.link;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * Bounds what strangers can hold on the clandestine port: handshakes in progress, in all and per
 * IP, and accepted links per IP (an IPv6 source counts by its /64, see {@link #source}). A
 * connection over a per-IP bound is refused at once; when the bound on all handshakes is reached,
 * the oldest handshake in progress is given up for the new one, so an attacker holding many slow
 * handshakes from many addresses cannot keep an honest Node, whose handshake takes a few round
 * trips, from getting in.
 *
 * <p>Threading: any thread; one lock, held only to count.
 */
final class Admissions {
  /**
   * How much strangers may hold.
   *
   * @param pending handshakes in progress in all
   * @param pendingPerIp handshakes in progress from one IP
   * @param linksPerIp accepted links from one IP
   */
  record Limits(int pending, int pendingPerIp, int linksPerIp) {
    /**
     * An honest Node dials once and finishes in a few round trips, so handshakes in progress are
     * few: 64 leaves room for a burst of Nodes debuting at a bootstrap Node. Per IP, 4 handshakes
     * and 8 links leave room for several Nodes behind one NAT address and for two Nodes that dial
     * each other at once, while one address holds at most 12 of this Node's sockets.
     */
    static final Limits DEFAULT = new Limits(64, 4, 8);

    Limits {
      if (pending < 1 || pendingPerIp < 1 || linksPerIp < 1) {
        throw new IllegalArgumentException(
            "limits: " + pending + ", " + pendingPerIp + ", " + linksPerIp + " (expected: >= 1)");
      }
    }
  }

  /** A connection's place, from its accept until its handshake fails or its link closes. */
  final class Ticket {
    final InetAddress ip;
    private final Runnable giveUp;
    private boolean pending = true;
    private boolean linked;

    private Ticket(InetAddress ip, Runnable giveUp) {
      this.ip = ip;
      this.giveUp = giveUp;
    }

    /**
     * The handshake is done: the connection now counts as a link of its IP.
     *
     * @return why it may not become a link (given up for a newer handshake, or its IP has as many
     *     links as it may), or empty if it is one now
     */
    Optional<String> linked() {
      synchronized (Admissions.this) {
        if (!pending) {
          return Optional.of("given up for newer handshakes");
        }
        end();
        if (count(links, ip) >= limits.linksPerIp()) {
          return Optional.of("too many links from " + ip.getHostAddress());
        }
        linked = true;
        links.merge(ip, 1, Integer::sum);
        return Optional.empty();
      }
    }

    /** The handshake failed or the link closed; a second call does nothing. */
    void release() {
      synchronized (Admissions.this) {
        if (pending) {
          end();
        } else if (linked) {
          linked = false;
          links.computeIfPresent(ip, (k, n) -> n == 1 ? null : n - 1);
        }
      }
    }

    private void end() {
      pending = false;
      inProgress.remove(this);
      pendingByIp.computeIfPresent(ip, (k, n) -> n == 1 ? null : n - 1);
    }
  }

  private final Limits limits;
  private final SequencedSet<Ticket> inProgress = new LinkedHashSet<>();
  private final Map<InetAddress, Integer> pendingByIp = new HashMap<>();
  private final Map<InetAddress, Integer> links = new HashMap<>();

  Admissions(Limits limits) {
    this.limits = limits;
  }

  /**
   * Admits a connection from {@code ip} for its handshake, or says why not. {@code giveUp} closes
   * it if a newer handshake takes its place; it is called under this object's lock, so it must only
   * hand the closing on.
   */
  synchronized Ticket admit(InetAddress from, Runnable giveUp) throws LinkRefusedException {
    InetAddress ip = source(from);
    if (count(pendingByIp, ip) >= limits.pendingPerIp()) {
      throw new LinkRefusedException("too many handshakes from " + ip.getHostAddress());
    }
    if (count(links, ip) >= limits.linksPerIp()) {
      throw new LinkRefusedException("too many links from " + ip.getHostAddress());
    }
    if (inProgress.size() >= limits.pending()) {
      Ticket given = inProgress.getFirst();
      given.end();
      given.giveUp.run();
    }
    Ticket ticket = new Ticket(ip, giveUp);
    inProgress.add(ticket);
    pendingByIp.merge(ip, 1, Integer::sum);
    return ticket;
  }

  /** Handshakes in progress, for tests and status. */
  synchronized int pending() {
    return inProgress.size();
  }

  /**
   * What the per-IP bounds count by: an IPv4 address, or an IPv6 address's /64 prefix, since one
   * ordinary IPv6 host may pick any address of its /64 for each connection.
   */
  static InetAddress source(InetAddress ip) {
    if (!(ip instanceof java.net.Inet6Address)) {
      return ip;
    }
    byte[] prefix = java.util.Arrays.copyOf(ip.getAddress(), 16);
    java.util.Arrays.fill(prefix, 8, 16, (byte) 0);
    try {
      return InetAddress.getByAddress(prefix);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e); // 16 bytes are always an address
    }
  }

  private static int count(Map<InetAddress, Integer> counts, InetAddress ip) {
    return counts.getOrDefault(ip, 0);
  }
}
