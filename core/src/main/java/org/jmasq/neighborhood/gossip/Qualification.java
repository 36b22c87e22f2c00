package org.jmasq.neighborhood.gossip;

import org.jmasq.neighborhood.BanReason;

/** Whether a handler takes a Gossip: yes, not mine, or it has my shape but is deceptive. */
sealed interface Qualification {
  record Matched() implements Qualification {}

  record Unmatched() implements Qualification {}

  record Malformed(BanReason reason, String detail) implements Qualification {}

  Qualification MATCHED = new Matched();
  Qualification UNMATCHED = new Unmatched();

  static Qualification malformed(BanReason reason, String detail) {
    return new Malformed(reason, detail);
  }
}
