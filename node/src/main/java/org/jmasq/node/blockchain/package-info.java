/**
 * The Node's side of Ethereum, on web3j: BIP-39 mnemonics and BIP-32 wallets, the consuming
 * wallet's key, and the payer proofs that hops carry.
 */
package org.jmasq.node.blockchain;
