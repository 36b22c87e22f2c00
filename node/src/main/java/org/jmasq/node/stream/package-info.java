/** Ordered, back-pressured delivery of one stream direction to a socket. */
package org.jmasq.node.stream;
