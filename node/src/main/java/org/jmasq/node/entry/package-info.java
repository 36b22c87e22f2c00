/** The entry: SOCKS5, HTTP proxy and CONNECT on one localhost port. */
package org.jmasq.node.entry;
