/**
 * Automap: maps the Node's clandestine port on its home router (PCP, NAT-PMP or UPnP IGD over real
 * sockets), keeps the mapping alive, notices router restarts and public IP changes, and removes the
 * mapping when the Node stops; the wire formats are core's {@code org.jmasq.automap}.
 */
package org.jmasq.node.automap;
