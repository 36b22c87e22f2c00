/**
 * Route finding over the full-neighbor graph: round trips of at least min-hops hops whose exit is
 * not adjacent to the originator, the cheapest by rate-pack cost, found by a bounded
 * branch-and-bound search; and a Graphviz view of the graph.
 */
package org.jmasq.neighborhood.route;
