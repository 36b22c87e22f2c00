/**
 * What a Node keeps in its data directory: the lock that keeps two Nodes off one directory, the
 * small files of an unencrypted Node (port, record version, key, past neighbors), and the secrets
 * kept encrypted in its database (the Node key, past neighbors, the consuming wallet and seed).
 */
package org.jmasq.node.datadir;
