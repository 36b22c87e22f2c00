/**
 * The messages a CORES package carries (requests, responses, failures and Gossip), versioned and
 * with a maximum on every length.
 */
package org.jmasq.payload;
