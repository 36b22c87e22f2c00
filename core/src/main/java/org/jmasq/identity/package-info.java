/**
 * Who and where a Node is: chains, wallets, listening addresses and {@code masq://} descriptors.
 */
package org.jmasq.identity;
