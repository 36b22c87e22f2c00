/**
 * The Neighborhood: what this Node knows about the network (signed Node records in a database), how
 * that knowledge changes, and the single-threaded engine that turns Gossip, neighbor losses and the
 * passing of time into messages to send and decisions to act on. Pure logic: no sockets, threads or
 * wall clock.
 */
package org.jmasq.neighborhood;
