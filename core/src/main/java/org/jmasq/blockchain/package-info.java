/**
 * Pure chain logic the Accountant needs and web3j does not give: ERC-20 transfer call data and its
 * gas limit, the window of blocks a receivable scan asks for, the block-range limits providers
 * state in their errors, and the decoding of incoming {@code Transfer} logs. No I/O.
 */
package org.jmasq.blockchain;
