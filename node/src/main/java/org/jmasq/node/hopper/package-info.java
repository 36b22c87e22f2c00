/** The Hopper: opens, shifts, relays and expires CORES packages. */
package org.jmasq.node.hopper;
