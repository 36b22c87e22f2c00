package org.jmasq.node;

import java.util.Optional;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.node.accountant.Accountant;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.entry.Entry;
import org.jmasq.node.hopper.Hopper;
import org.jmasq.node.proxyclient.ProxyClient;
import org.jmasq.node.proxyserver.ProxyServer;

/**
 * The running subsystems an assembly built, as the Node reports on them; how to stop them is in the
 * {@link StartedParts} the assembly was given.
 *
 * @param descriptor how the Node is named to others
 * @param database the books, where the Node keeps them (not zero-hop)
 * @param charges what the data path earned and spent since the start
 * @param accountant the Accountant that keeps them, runs their scans and counts how each ended (not
 *     zero-hop)
 */
record Subsystems(
    NodeDescriptor descriptor,
    Entry entry,
    ProxyServer proxyServer,
    Hopper hopper,
    ProxyClient proxyClient,
    Neighbors neighbors,
    Optional<NodeDatabase> database,
    ChargeTotals charges,
    Optional<Accountant> accountant) {}
