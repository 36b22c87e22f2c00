package org.jmasq.neighborhood;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jmasq.crypto.PublicKey;

/**
 * The malefactors this Node refuses: by IP (Gossip from there is ignored) and by key (records for
 * that key are never learned again). Owned by the Neighborhood's thread.
 */
public final class BanList {
  private final Map<InetAddress, BanReason> ips = new HashMap<>();
  private final Map<PublicKey, BanReason> keys = new HashMap<>();

  void ban(InetAddress ip, Optional<PublicKey> key, BanReason reason) {
    ips.putIfAbsent(ip, reason);
    key.ifPresent(k -> keys.putIfAbsent(k, reason));
  }

  boolean isBanned(InetAddress ip) {
    return ips.containsKey(ip);
  }

  public boolean isBanned(PublicKey key) {
    return keys.containsKey(key);
  }

  Optional<BanReason> reason(InetAddress ip) {
    return Optional.ofNullable(ips.get(ip));
  }

  int size() {
    return ips.size();
  }
}
