package org.jmasq.neighborhood;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jmasq.crypto.PublicKey;

/**
 * The malefactors this Node refuses, each for a while. A ban attaches to the key the offender's
 * link proved; the offender's IP is banned as well only from its second offense (by any key). Owned
 * by the Neighborhood's thread; every question takes the time from the caller's injected clock.
 *
 * <p><b>How long.</b> A first ban lasts {@link #FIRST_BAN} (one hour), and each further ban of the
 * same key or IP twice as long as the one before, up to {@link #LONGEST_BAN} (a day). An hour is
 * sixty of the healing retries a banned Node would otherwise use to come back, so a malefactor
 * loses its links, its place in our routes and its say in our database for a long while; yet an
 * honest Node banned by an honest mistake (restarted with other rates, moved to another address, or
 * behind the same shared IP as a malefactor) is back within the hour without anyone's help. Bans
 * never last for good: keys cost nothing, so a ban for good stops no determined attacker, but it
 * would keep an honest Node out forever. Repeat offenders are remembered for {@link #REMEMBERED}
 * after their last ban ends, so one that comes back and offends again stays out longer each time.
 *
 * <p><b>Keys and IPs.</b> Keys are compared by their encryption half, as descriptors name Nodes, so
 * a ban also holds against the same Node under another signing key. The IP is where the offending
 * link really came from (TCP proved that much), but IPs are shared (NAT, carrier-grade NAT, a
 * reused address), and an IP ban cuts off every Node behind it; a fresh key, on the other hand, is
 * free. So the first offense from an IP bans only the key, and from the second offense at the same
 * IP on (a second key, or the same key again once its ban ended), the IP is banned too: then it is
 * evidently the attacker's, and its links are refused before any handshake.
 *
 * <p><b>Bounded.</b> At most {@link #CAPACITY} keys and as many IPs are remembered; beyond that the
 * one banned longest ago is forgotten first (an attacker making keys without end can shorten old
 * bans, but not grow this Node's memory).
 */
public final class BanList {
  public static final Duration FIRST_BAN = Duration.ofHours(1);
  public static final Duration LONGEST_BAN = Duration.ofHours(24);
  public static final Duration REMEMBERED = Duration.ofDays(7);
  static final int CAPACITY = 4096;

  /**
   * One offender's standing: how often it offended, why the last time, and until when it is
   * refused; an IP's first offense is only noted ({@code refused} false, {@code until} when noted).
   */
  private record Entry(BanReason reason, int offenses, boolean refused, Instant until) {
    boolean refusedAt(Instant now) {
      return refused && now.isBefore(until);
    }
  }

  /**
   * What one ban decided: the key is refused until {@code until}; the IP until {@code ipUntil} when
   * {@code ipBanned}.
   */
  public record Ban(Instant until, boolean ipBanned, Instant ipUntil) {
    /** For the log: until when, and the IP's ban if there is one. */
    @Override
    public String toString() {
      return "until " + until + (ipBanned ? ", and its IP until " + ipUntil : "");
    }
  }

  /** The keys (by encryption half) and IPs refused at one moment. */
  public record Banned(Set<PublicKey> keys, Set<InetAddress> ips) {
    public static final Banned NONE = new Banned(Set.of(), Set.of());

    public Banned {
      keys = Set.copyOf(keys);
      ips = Set.copyOf(ips);
    }

    /** Whether {@code key} is among {@link #keys}, comparing the encryption half only. */
    public boolean contains(PublicKey key) {
      return keys.contains(id(key));
    }
  }

  // Insertion order is ban order: a key or IP banned again is moved to the end.
  private final Map<PublicKey, Entry> keys = new LinkedHashMap<>();
  private final Map<InetAddress, Entry> ips = new LinkedHashMap<>();
  private long changes;
  private Instant lastExpiry = Instant.MIN;

  /** Bans {@code key}, caught misbehaving on a link from {@code ip}, as of {@code now}. */
  Ban ban(PublicKey key, InetAddress ip, BanReason reason, Instant now) {
    Entry keyEntry = record(keys, id(key), reason, now, 0);
    Entry ipEntry = record(ips, ip, reason, now, 1);
    changes++;
    return new Ban(keyEntry.until(), ipEntry.refusedAt(now), ipEntry.until());
  }

  /**
   * The offender's next entry: its first {@code free} offenses are noted without a ban (an IP's
   * first); each one after that bans it twice as long as the last, up to the longest, and never
   * shortens a ban in force.
   */
  private static <K> Entry record(
      Map<K, Entry> entries, K offender, BanReason reason, Instant now, int free) {
    Entry before = entries.remove(offender);
    int offenses = before == null ? 1 : before.offenses() + 1;
    Entry after;
    if (offenses <= free) {
      after = new Entry(reason, offenses, false, now);
    } else {
      Instant until = now.plus(duration(offenses - free));
      if (before != null && before.refusedAt(now) && before.until().isAfter(until)) {
        until = before.until();
      }
      after = new Entry(reason, offenses, true, until);
    }
    evictIfFull(entries, now);
    entries.put(offender, after);
    return after;
  }

  /** How long the {@code n}th ban (1 for the first) of one offender lasts. */
  static Duration duration(int n) {
    Duration d = FIRST_BAN;
    for (int i = 1; i < n && d.compareTo(LONGEST_BAN) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(LONGEST_BAN) < 0 ? d : LONGEST_BAN;
  }

  private static <K> void evictIfFull(Map<K, Entry> entries, Instant now) {
    if (entries.size() < CAPACITY) {
      return;
    }
    forget(entries, now);
    Iterator<K> oldest = entries.keySet().iterator();
    while (entries.size() >= CAPACITY && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  /** Drops the entries no longer remembered. */
  private static <K> void forget(Map<K, Entry> entries, Instant now) {
    entries.values().removeIf(e -> !now.isBefore(e.until().plus(REMEMBERED)));
  }

  boolean isBanned(InetAddress ip, Instant now) {
    Entry e = ips.get(ip);
    return e != null && e.refusedAt(now);
  }

  public boolean isBanned(PublicKey key, Instant now) {
    Entry e = keys.get(id(key));
    return e != null && e.refusedAt(now);
  }

  /**
   * Time passed: forgets what is no longer remembered, and counts a change when a ban ended since
   * the last call, so that whoever publishes the bans ({@link #changes}) publishes again.
   */
  void expire(Instant now) {
    if (endedSince(keys, now) || endedSince(ips, now)) {
      changes++;
    }
    lastExpiry = now;
    forget(keys, now);
    forget(ips, now);
  }

  private <K> boolean endedSince(Map<K, Entry> entries, Instant now) {
    return entries.values().stream()
        .anyMatch(e -> e.refused() && e.until().isAfter(lastExpiry) && !e.until().isAfter(now));
  }

  /** Counts every change to what {@link #banned} answers; read it to know when to publish. */
  long changes() {
    return changes;
  }

  /** The keys and IPs refused at {@code now}. */
  Banned banned(Instant now) {
    Set<PublicKey> refusedKeys = new HashSet<>();
    keys.forEach(
        (key, e) -> {
          if (e.refusedAt(now)) {
            refusedKeys.add(key);
          }
        });
    Set<InetAddress> refusedIps = new HashSet<>();
    ips.forEach(
        (ip, e) -> {
          if (e.refusedAt(now)) {
            refusedIps.add(ip);
          }
        });
    return new Banned(refusedKeys, refusedIps);
  }

  /** A key as bans know it: its encryption half, the part descriptors name a Node by. */
  static PublicKey id(PublicKey key) {
    return key.isFirstContact() ? key : PublicKey.firstContact(key.encryptionKey());
  }
}
