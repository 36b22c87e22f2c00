/**
 * The ProxyServer: the originating side of streams, and the failures it impersonates to clients.
 */
package org.jmasq.node.proxyserver;
