package org.jmasq.neighborhood.gossip;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jmasq.geo.CountryOf;
import org.jmasq.identity.NodeAddr;
import org.jmasq.neighborhood.BanReason;
import org.jmasq.neighborhood.GossipSource;
import org.jmasq.neighborhood.NeighborhoodDatabase;
import org.jmasq.neighborhood.NodeRecord;

/**
 * Holds the countries that records claim to this Node's own IP-to-country table, wherever this Node
 * knows the IP the claim is about. A claim is false only when the table knows the IP's country and
 * names another: a record with no country claims nothing, and an IP the table does not know ({@link
 * CountryOf#UNKNOWN}) cannot prove a claim false, so both are taken as they are, as are the records
 * of Nodes whose IP this Node does not know.
 *
 * <ul>
 *   <li>The sender's own record is held to the IP its link comes from, the one it is kept at: a
 *       false claim there is the sender's own lie, and it is banned ({@link
 *       BanReason#FALSE_COUNTRY}). Not when the record names another IP: a Node whose public IP
 *       just changed tells its new address and that address's country over a link still open from
 *       the old one. Such a record is still held to the link's IP, since it is kept there until the
 *       Node shows itself at the new one, but a false claim only leaves it out, with no ban: the
 *       Node's country is then taken from the record it sends from its new IP. Held to the IP it
 *       names instead, it would let a Node claim any country by naming an IP there.
 *   <li>Another Node's record is held to the IP the Gossip gives for it, or else the one this Node
 *       holds. A false claim there is refused, but the relay is not blamed: it may not have known
 *       the IP, or may read an older table. The liar itself is banned once it gossips to us.
 * </ul>
 */
final class CountryCheck {
  private final CountryOf countries;

  CountryCheck(CountryOf countries) {
    this.countries = countries;
  }

  /** The verdict on one Gossip's records. */
  sealed interface Verdict {
    /** The sender lied about its own country. */
    record Liar(GossipOutcome.Ban ban) implements Verdict {}

    /** The records that may be used, those with a false claim of someone else left out. */
    record Kept(List<NodeRecord> records, int refused) implements Verdict {}
  }

  Verdict check(GossipSource source, List<NodeRecord> records, NeighborhoodDatabase db) {
    List<NodeRecord> kept = new ArrayList<>(records.size());
    for (NodeRecord r : records) {
      Optional<String> claimed = r.inner().countryCode();
      if (claimed.isEmpty()) {
        kept.add(r);
        continue;
      }
      boolean fromSender = r.key().equals(source.key());
      boolean own = fromSender && r.nodeAddr().map(a -> a.ip().equals(source.ip())).orElse(true);
      Optional<InetAddress> ip = fromSender ? Optional.of(source.ip()) : knownIp(r, db);
      Optional<String> actual =
          ip.map(countries::countryOf).filter(c -> !CountryOf.UNKNOWN.equals(c));
      if (actual.isEmpty() || actual.get().equals(claimed.get())) {
        kept.add(r);
      } else if (own) {
        return new Verdict.Liar(
            new GossipOutcome.Ban(
                BanReason.FALSE_COUNTRY,
                "claims "
                    + claimed.get()
                    + " from "
                    + source.ip().getHostAddress()
                    + ", which is in "
                    + actual.get()));
      }
    }
    return new Verdict.Kept(kept, records.size() - kept.size());
  }

  private static Optional<InetAddress> knownIp(NodeRecord r, NeighborhoodDatabase db) {
    return r.nodeAddr().or(() -> db.node(r.key()).flatMap(NodeRecord::nodeAddr)).map(NodeAddr::ip);
  }
}
