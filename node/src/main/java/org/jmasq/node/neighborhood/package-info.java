/** The Neighborhood inside a real Node: one owning thread, effects carried out on another. */
package org.jmasq.node.neighborhood;
