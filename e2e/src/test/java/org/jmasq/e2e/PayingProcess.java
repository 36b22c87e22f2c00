package org.jmasq.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jmasq.accountant.DebtPolicy;
import org.jmasq.accountant.PaymentThresholds;
import org.jmasq.accountant.ReceiptStatus;
import org.jmasq.accountant.Wei;
import org.jmasq.blockchain.TransferLogs;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.node.accountant.PayableScanner;
import org.jmasq.node.blockchain.BlockchainClient;
import org.jmasq.node.blockchain.BlockchainException;
import org.jmasq.node.blockchain.JsonRpcBlockchainClient;
import org.jmasq.node.blockchain.TransferSigner;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.database.NodeDatabase;

/**
 * A process that runs one payable scan and stops dead at the send, for the crash test to kill:
 * {@code before-send} announces "SENDING" and waits without sending; {@code after-send} sends,
 * announces "SENT" and waits.
 *
 * <p>Arguments: data directory, chain URL, chain id, token address, consuming key (hex), mode.
 */
public final class PayingProcess {
  private PayingProcess() {}

  public static void main(String[] args) throws Exception {
    Path dataDirectory = Path.of(args[0]);
    Wallet token = Wallet.parse(args[3]);
    WalletKey consuming = WalletKey.parse(args[4]);
    boolean sendFirst = args[5].equals("after-send");
    BlockchainClient rpc =
        new JsonRpcBlockchainClient(
            URI.create(args[1]), token, HttpClient.newHttpClient(), Duration.ofSeconds(10));
    BlockchainClient stopping = new StopAtSend(rpc, sendFirst);
    Clock clock = Clock.systemUTC();
    try (NodeDatabase db = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      new PayableScanner(
              db,
              stopping,
              new TransferSigner(Long.parseLong(args[2]), token, Chain.DEV, consuming),
              consuming.wallet(),
              Chain.DEV,
              new DebtPolicy(PaymentThresholds.parse("1000|10|10|500|100|500"), clock),
              clock)
          .scan();
    }
  }

  /** Passes every call through, and at the send announces itself and waits to be killed. */
  private record StopAtSend(BlockchainClient chain, boolean sendFirst) implements BlockchainClient {
    @Override
    public void sendRawTransactions(List<String> raw) throws BlockchainException {
      if (sendFirst) {
        chain.sendRawTransactions(raw);
      }
      System.out.println(sendFirst ? "SENT" : "SENDING");
      System.out.flush();
      try {
        Thread.sleep(Duration.ofMinutes(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new BlockchainException("not killed in time");
    }

    @Override
    public Wei gasPrice() throws BlockchainException {
      return chain.gasPrice();
    }

    @Override
    public Wei gasBalance(Wallet wallet) throws BlockchainException {
      return chain.gasBalance(wallet);
    }

    @Override
    public Wei tokenBalance(Wallet wallet) throws BlockchainException {
      return chain.tokenBalance(wallet);
    }

    @Override
    public long transactionCount(Wallet wallet, boolean includingPending)
        throws BlockchainException {
      return chain.transactionCount(wallet, includingPending);
    }

    @Override
    public Map<String, ReceiptStatus> receipts(List<String> hashes) throws BlockchainException {
      return chain.receipts(hashes);
    }

    @Override
    public long latestBlock() throws BlockchainException {
      return chain.latestBlock();
    }

    @Override
    public List<TransferLogs.RawLog> transfersTo(Wallet recipient, long fromBlock, long toBlock)
        throws BlockchainException {
      return chain.transfersTo(recipient, fromBlock, toBlock);
    }
  }
}
