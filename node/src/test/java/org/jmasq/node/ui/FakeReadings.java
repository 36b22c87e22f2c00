package org.jmasq.node.ui;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jmasq.node.accountant.ScanResults;

/** Readings a test sets by hand, counting how often each is read. */
final class FakeReadings implements NodeReadings {
  volatile TrafficSnapshot traffic = traffic(0, 0);
  volatile NeighborhoodSnapshot neighborhood =
      new NeighborhoodSnapshot(
          "selfSelf",
          List.of(new NeighborhoodSnapshot.KnownNode("selfSelfKey", "selfSelf", false)),
          List.of());
  volatile Health health = new Health(Map.of("undecodable", 0L, "replayed", 0L), 0, 0, Map.of());
  volatile Optional<BooksSource> books = Optional.empty();
  final AtomicInteger trafficReads = new AtomicInteger();

  static TrafficSnapshot traffic(long relayed, long exited) {
    return new TrafficSnapshot(
        1,
        relayed,
        exited,
        7,
        BigInteger.valueOf(5),
        new BigInteger("123456789012345678901234"),
        List.of(
            new TrafficSnapshot.RouteInUse(
                "AAAAAAAA-BBBBBBBB-CCCCCCCC~DDDDDDDD",
                List.of("AAAAAAAA", "BBBBBBBB", "CCCCCCCC"),
                "CCCCCCCC",
                1)));
  }

  @Override
  public TrafficSnapshot traffic() {
    trafficReads.incrementAndGet();
    return traffic;
  }

  @Override
  public NeighborhoodSnapshot neighborhood() {
    return neighborhood;
  }

  @Override
  public Health health() {
    return health;
  }

  @Override
  public Optional<BooksSource> books() {
    return books;
  }

  static Map<ScanResults.Key, Long> scans(String scan, long ok, long failed) {
    return Map.of(
        new ScanResults.Key(scan, ScanResults.Outcome.OK), ok,
        new ScanResults.Key(scan, ScanResults.Outcome.FAILED), failed);
  }
}
