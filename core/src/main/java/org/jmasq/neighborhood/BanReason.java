package org.jmasq.neighborhood;

/** Why a Gossip sender was judged a malefactor and banned. */
public enum BanReason {
  /** A record's signature does not verify against the key it names, for our chain. */
  FORGED_SIGNATURE,
  /** A record's signed bytes do not decode. */
  UNDECODABLE_RECORD,
  /** A record tries to change a known Node's rate pack. */
  RATE_PACK_CHANGED,
  /** A record moves a known Node's address somewhere else. */
  ADDRESS_CHANGED,
  /** A record claims this Node's own key. */
  CLAIMS_OUR_KEY,
  /** A record claims this Node's own IP. */
  CLAIMS_OUR_IP,
  /** Two records in one Gossip claim the same IP. */
  DUPLICATE_IP,
  /** A Debut from a Node that accepts connections gives no address or no port. */
  DEBUT_WITHOUT_PORTS,
  /** A Debut from a Node that does not accept connections carries an address. */
  DEBUT_ADDRESS_WITHOUT_ACCEPTING,
  /** An Introduction whose introducer or introducee has no port. */
  INTRODUCTION_WITHOUT_PORTS,
  /**
   * A Node's own record claims a country that this Node's table contradicts for the IP the Node's
   * link comes from (a claim against an address the table does not know proves nothing).
   */
  FALSE_COUNTRY,
  /** Gossip of no recognizable shape (for example, no records at all). */
  UNRECOGNIZED_SHAPE
}
