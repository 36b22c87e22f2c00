/**
 * The Neighborhood simulator: thousands of Nodes running the real core logic over an in-memory
 * network, driven by a fake clock and seeded randomness, with a report on convergence, degree,
 * Gossip cost, route success under churn and the banning of a malicious Node.
 */
package org.jmasq.sim;
