package org.jmasq.node.accountant;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jmasq.accountant.DebtPolicy;
import org.jmasq.accountant.ReceivableAccount;
import org.jmasq.blockchain.BlockRangeLimit;
import org.jmasq.blockchain.ScanWindow;
import org.jmasq.blockchain.TransferLogs;
import org.jmasq.identity.Wallet;
import org.jmasq.node.blockchain.BlockchainClient;
import org.jmasq.node.blockchain.BlockchainException;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.database.PersistentBans;

/**
 * Bans delinquent debtors and unbans those who paid, then credits the token transfers to the
 * earning wallet found since the stored start block. The credits and the new start block are
 * written in one transaction, so a crash can neither credit a transfer twice nor skip one.
 */
public final class ReceivableScanner {
  static final String START_BLOCK = "start_block";
  static final String MAX_BLOCK_COUNT = "max_block_count";

  private final NodeDatabase database;
  private final BlockchainClient chain;
  private final Wallet earning;
  private final DebtPolicy policy;
  private final PersistentBans bans;
  private final Clock clock;

  public ReceivableScanner(
      NodeDatabase database,
      BlockchainClient chain,
      Wallet earning,
      DebtPolicy policy,
      PersistentBans bans,
      Clock clock) {
    this.database = database;
    this.chain = chain;
    this.earning = earning;
    this.policy = policy;
    this.bans = bans;
    this.clock = clock;
  }

  /**
   * What one scan did; {@code refusal} says why the provider's answer was not used, if it was not.
   */
  public record Outcome(
      List<Wallet> banned,
      List<Wallet> unbanned,
      List<TransferLogs.IncomingTransfer> credited,
      Optional<String> refusal) {}

  public Outcome scan() throws DatabaseException, BlockchainException {
    List<ReceivableAccount> receivables = database.receivables().all();
    Set<Wallet> alreadyBanned = database.banned().all();
    List<Wallet> toBan = policy.newDelinquencies(receivables, alreadyBanned);
    List<Wallet> toUnban = policy.paidDelinquencies(receivables, alreadyBanned);
    for (Wallet w : toBan) {
      bans.ban(w);
    }
    for (Wallet w : toUnban) {
      bans.unban(w);
    }

    Optional<String> startAsRead = database.config().get(START_BLOCK);
    OptionalLong start = number(START_BLOCK, startAsRead);
    OptionalLong maxBlockCount = number(MAX_BLOCK_COUNT, database.config().get(MAX_BLOCK_COUNT));
    Optional<ScanWindow> window = ScanWindow.of(start, chain.latestBlock(), maxBlockCount);
    if (window.isEmpty()) {
      return new Outcome(toBan, toUnban, List.of(), Optional.empty());
    }
    List<TransferLogs.RawLog> logs;
    try {
      logs = chain.transfersTo(earning, window.get().fromBlock(), window.get().toBlock());
    } catch (BlockchainException e) {
      OptionalLong limit = BlockRangeLimit.fromError(e.getMessage());
      if (limit.isEmpty()) {
        throw e;
      }
      database.config().set(MAX_BLOCK_COUNT, Long.toString(limit.getAsLong()));
      return new Outcome(
          toBan,
          toUnban,
          List.of(),
          Optional.of("the provider allows " + limit.getAsLong() + " blocks per query"));
    }
    TransferLogs.Result result = TransferLogs.decode(logs);
    if (result instanceof TransferLogs.Refused refused) {
      return new Outcome(toBan, toUnban, List.of(), Optional.of(refused.reason()));
    }
    List<TransferLogs.IncomingTransfer> transfers = ((TransferLogs.Decoded) result).transfers();
    Instant now = clock.instant();
    List<TransferLogs.IncomingTransfer> credited = new java.util.ArrayList<>();
    database.atomically(
        "credit " + transfers.size() + " transfers",
        () -> {
          for (TransferLogs.IncomingTransfer t : transfers) {
            if (database.receivables().recordPayment(t.from(), t.amount(), now)) {
              credited.add(t);
            }
          }
          // A start block set from a UI while the chain was asked is the user's: it wins.
          if (database.config().get(START_BLOCK).equals(startAsRead)) {
            database.config().set(START_BLOCK, Long.toString(window.get().nextStartBlock()));
          }
        });
    return new Outcome(toBan, toUnban, List.copyOf(credited), Optional.empty());
  }

  /**
   * Sets the block the next receivable scan starts from; empty starts it from the chain's latest
   * block. A scan under way when it is set does not write over it.
   */
  public static void setStartBlock(NodeDatabase database, OptionalLong block)
      throws DatabaseException {
    database.config().set(START_BLOCK, block.isPresent() ? Long.toString(block.getAsLong()) : null);
  }

  private static OptionalLong number(String name, Optional<String> value) throws DatabaseException {
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.get()));
    } catch (NumberFormatException e) {
      throw new DatabaseException(
          "config '" + name + "' holds '" + value.get() + "', not a block number");
    }
  }
}
