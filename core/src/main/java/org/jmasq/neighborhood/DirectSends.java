package org.jmasq.neighborhood;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jmasq.crypto.PublicKey;

/**
 * The Nodes this Node sent Gossip to lately (a Debut, an answer to one, an Introduction, Standard
 * Gossip), and when: their Standard Gossip is an answer even before we list them or hold a record
 * of them listing us. At most {@link #CAPACITY} are remembered, the least recently addressed
 * forgotten first. Owned by the Neighborhood's thread.
 */
final class DirectSends {
  /**
   * How long an answer is expected: well beyond the one flush (at most a second) an honest Node
   * takes to answer, and the ten seconds a join attempt waits for one.
   */
  static final Duration ANSWER_WINDOW = Duration.ofSeconds(60);

  /** Far more than a Node addresses in a minute: five neighbors, four healing debuts, answers. */
  static final int CAPACITY = 256;

  private final Map<PublicKey, Instant> sent =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PublicKey, Instant> eldest) {
          return size() > CAPACITY;
        }
      };

  /**
   * Notes every {@link NeighborhoodEffect.SendGossip} among {@code effects} as sent at {@code now}.
   */
  void note(Iterable<NeighborhoodEffect> effects, Instant now) {
    for (NeighborhoodEffect e : effects) {
      if (e instanceof NeighborhoodEffect.SendGossip s) {
        sent.put(BanList.id(s.to()), now);
      }
    }
  }

  boolean recentlySentTo(PublicKey key, Instant now) {
    Instant at = sent.get(BanList.id(key));
    return at != null && now.isBefore(at.plus(ANSWER_WINDOW));
  }
}
