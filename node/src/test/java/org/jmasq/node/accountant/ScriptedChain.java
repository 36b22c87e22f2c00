package org.jmasq.node.accountant;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jmasq.accountant.ReceiptStatus;
import org.jmasq.accountant.Wei;
import org.jmasq.blockchain.TransferLogs;
import org.jmasq.identity.Wallet;
import org.jmasq.node.blockchain.BlockchainClient;
import org.jmasq.node.blockchain.BlockchainException;

/**
 * A chain the test scripts: balances, nonces, receipts and logs are set by hand, and every batch
 * sent is recorded. {@link #beforeSend} runs when a batch arrives, to look at the database at that
 * moment; {@link #beforeLatestBlock} runs when the latest block is asked for, to hold a scan on the
 * chain; {@link #failSends} makes the provider refuse batches.
 */
final class ScriptedChain implements BlockchainClient {
  Wei gasPrice = Wei.ofGwei(1);
  Wei gasBalance = Wei.of(java.math.BigInteger.TEN.pow(18));
  Wei tokenBalance = Wei.of(java.math.BigInteger.TEN.pow(24));
  long pendingCount;
  long minedCount;
  long latestBlock = 1000;
  boolean failSends;
  Runnable beforeSend = () -> {};
  Runnable beforeLatestBlock = () -> {};
  final List<List<String>> sentBatches = new ArrayList<>();
  final Map<String, ReceiptStatus> receipts = new HashMap<>();
  final Deque<Object> logAnswers = new ArrayDeque<>();
  final List<long[]> logQueries = new ArrayList<>();
  int calls;

  @Override
  public Wei gasPrice() {
    calls++;
    return gasPrice;
  }

  @Override
  public Wei gasBalance(Wallet wallet) {
    calls++;
    return gasBalance;
  }

  @Override
  public Wei tokenBalance(Wallet wallet) {
    calls++;
    return tokenBalance;
  }

  @Override
  public long transactionCount(Wallet wallet, boolean includingPending) {
    calls++;
    return includingPending ? pendingCount : minedCount;
  }

  @Override
  public void sendRawTransactions(List<String> rawTransactions) throws BlockchainException {
    calls++;
    beforeSend.run();
    if (failSends) {
      throw new BlockchainException("connection reset");
    }
    sentBatches.add(List.copyOf(rawTransactions));
    pendingCount += rawTransactions.size();
  }

  @Override
  public Map<String, ReceiptStatus> receipts(List<String> transactionHashes) {
    calls++;
    Map<String, ReceiptStatus> out = new HashMap<>();
    for (String h : transactionHashes) {
      out.put(h, receipts.getOrDefault(h, new ReceiptStatus.NotFound()));
    }
    return out;
  }

  @Override
  public long latestBlock() {
    calls++;
    beforeLatestBlock.run();
    return latestBlock;
  }

  /** Answers with the next scripted answer: a list of logs, or an error text to throw. */
  @Override
  @SuppressWarnings("unchecked")
  public List<TransferLogs.RawLog> transfersTo(Wallet recipient, long fromBlock, long toBlock)
      throws BlockchainException {
    calls++;
    logQueries.add(new long[] {fromBlock, toBlock});
    Object answer = logAnswers.isEmpty() ? List.of() : logAnswers.poll();
    if (answer instanceof String error) {
      throw new BlockchainException(error);
    }
    return (List<TransferLogs.RawLog>) answer;
  }
}
