/**
 * The ProxyClient: the exit side, with its resolver and its policy on which targets it will reach.
 */
package org.jmasq.node.proxyclient;
