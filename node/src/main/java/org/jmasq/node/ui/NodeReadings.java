package org.jmasq.node.ui;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import org.jmasq.node.accountant.ScanResults;
import org.jmasq.node.database.DatabaseException;

/**
 * What a running Node reports of its traffic, its Neighborhood and its health: the one source that
 * the dashboard's opcodes, their broadcasts and {@code /metrics} all read, so they cannot disagree.
 * Each call reads the Node's own counters at that moment; none waits on a mailbox.
 */
public interface NodeReadings {
  TrafficSnapshot traffic();

  NeighborhoodSnapshot neighborhood();

  /** What an operator watches beyond the traffic, for {@code /metrics}. */
  Health health();

  /**
   * An operator's readings.
   *
   * @param droppedPackages packages the Hopper dropped, by reason label
   * @param bannedNodes keys the Neighborhood bans now
   * @param bannedIps addresses the Neighborhood bans now
   * @param scans how the payment scans ended, by scan and outcome
   */
  record Health(
      Map<String, Long> droppedPackages,
      int bannedNodes,
      int bannedIps,
      Map<ScanResults.Key, Long> scans) {
    public Health {
      droppedPackages = Map.copyOf(droppedPackages);
      scans = Map.copyOf(scans);
    }
  }

  /** The books' totals now, where the Node keeps books (not zero-hop). */
  Optional<BooksSource> books();

  /** The books' totals, read from the database (a scrape may wait on it briefly). */
  interface BooksSource {
    Books read() throws DatabaseException;
  }

  /**
   * The books' totals.
   *
   * @param payableWei what this Node owes, paid or not yet
   * @param receivableWei what others owe this Node (negative: it owes them)
   * @param pendingPayments payments sent and not yet confirmed
   */
  record Books(BigInteger payableWei, BigInteger receivableWei, int pendingPayments) {}
}
