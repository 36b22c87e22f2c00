/**
 * The CORES package and its life cycle (Incipient, Live, Expired): onion routes of sealed hop
 * blocks, their construction for one-way and round trips, the shift each Node applies, and the
 * symmetric layer each Node takes off so that no two links carry the same bytes.
 */
package org.jmasq.cores;
