/**
 * The CORES package and its life cycle (Incipient, Live, Expired): onion routes of sealed hop
 * blocks, their construction for one-way and round trips, and the shift each Node applies.
 */
package org.jmasq.cores;
