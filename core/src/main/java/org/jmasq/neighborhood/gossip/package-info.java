/**
 * Receiving and producing Gossip: verification of signed records, the handler chain (Debut, Pass,
 * Introduction, Standard, Reject) that decides what a Gossip means and returns a {@link
 * org.jmasq.neighborhood.gossip.GossipOutcome}, and the per-target Gossip producer.
 */
package org.jmasq.neighborhood.gossip;
