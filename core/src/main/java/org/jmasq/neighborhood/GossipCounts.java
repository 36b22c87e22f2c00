package org.jmasq.neighborhood;

/**
 * What a Neighborhood did with the Gossip it was given, counted since it started: how much it
 * refused before checking any signature, and how many signatures it checked.
 *
 * @param received Gossip messages given to it
 * @param fromBanned refused: the sender's key or IP is banned
 * @param otherSender refused: it names another Node than its link's as its sender
 * @param fromStrangers refused: Standard Gossip from a Node that is not a neighbor
 * @param overBudget ignored: the sender had no signature checks left
 * @param recordsNotUsed records of Standard Gossip left unverified because they would not be used
 * @param signaturesChecked signatures actually verified
 * @param signaturesRemembered signature answers taken from the cache
 */
public record GossipCounts(
    long received,
    long fromBanned,
    long otherSender,
    long fromStrangers,
    long overBudget,
    long recordsNotUsed,
    long signaturesChecked,
    long signaturesRemembered) {
  public static final GossipCounts NONE = new GossipCounts(0, 0, 0, 0, 0, 0, 0, 0);
}
