package org.jmasq.node.blockchain;

import java.util.List;
import java.util.Map;
import org.jmasq.accountant.ReceiptStatus;
import org.jmasq.accountant.Wei;
import org.jmasq.blockchain.TransferLogs;
import org.jmasq.identity.Wallet;

/**
 * The JSON-RPC calls the scanners make (Part 2 §6.4), one method per call or batch. An
 * implementation talks to one provider for one chain and token contract.
 */
public interface BlockchainClient {
  /** {@code eth_gasPrice}. */
  Wei gasPrice() throws BlockchainException;

  /** {@code eth_getBalance}: the wallet's gas currency. */
  Wei gasBalance(Wallet wallet) throws BlockchainException;

  /** {@code balanceOf} on the token contract. */
  Wei tokenBalance(Wallet wallet) throws BlockchainException;

  /**
   * {@code eth_getTransactionCount} at "pending" (next nonce to use) or at "latest" (mined count).
   */
  long transactionCount(Wallet wallet, boolean includingPending) throws BlockchainException;

  /** {@code eth_sendRawTransaction}, all in one batch. */
  void sendRawTransactions(List<String> rawTransactions) throws BlockchainException;

  /**
   * {@code eth_getTransactionReceipt}, all in one batch; a hash with no receipt maps to {@code
   * NotFound}.
   */
  Map<String, ReceiptStatus> receipts(List<String> transactionHashes) throws BlockchainException;

  /** {@code eth_blockNumber}. */
  long latestBlock() throws BlockchainException;

  /** {@code eth_getLogs} for token {@code Transfer}s to {@code recipient} in the blocks given. */
  List<TransferLogs.RawLog> transfersTo(Wallet recipient, long fromBlock, long toBlock)
      throws BlockchainException;
}
