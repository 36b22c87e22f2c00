/**
 * The router port-mapping protocols a Node uses to be reachable behind a home router (PCP, NAT-PMP
 * and UPnP IGD) as pure codecs, with the rules for telling that a router restarted; the sockets and
 * timers are node's {@code org.jmasq.node.automap}.
 */
package org.jmasq.automap;
