package org.jmasq.node.accountant;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.jmasq.accountant.PayerCredit;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Wallet;
import org.jmasq.node.blockchain.BlockchainClient;
import org.jmasq.node.blockchain.BlockchainException;
import org.jmasq.node.runtime.Mailbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@link PayerCredit}'s questions from the chain: a wallet is funded when it holds some of
 * the token ({@code balanceOf}) and some of the gas currency ({@code eth_getBalance}).
 *
 * <p>Threading: {@link #ask} only queues; the questions are asked one at a time on a mailbox of
 * their own, never on the Accountant's thread (its ledger flush must not wait on the chain) nor on
 * the data path's. One at a time also means that a flood of new wallets costs the chain provider
 * one question at a time, not a burst that gets this Node rate-limited. At most {@link
 * #MAX_WAITING} wallets wait; a question beyond that fails at once, and {@link PayerCredit} asks it
 * again later.
 */
public final class FundsChecker implements PayerCredit.Questions {
  private static final Logger log = LoggerFactory.getLogger(FundsChecker.class);

  /** Questions waiting for the chain; at 20 s for a question that times out, about 20 minutes. */
  static final int MAX_WAITING = 64;

  private final BlockchainClient chain;
  private final Mailbox mailbox;
  private final Set<Wallet> waiting = ConcurrentHashMap.newKeySet();

  /**
   * Whether the last question failed: a chain that is down is warned about once, not once per
   * wallet, until a question succeeds again. Only the mailbox's thread touches it.
   */
  private boolean failing;

  /**
   * @param chain a client of its own: the scanners' client is for the Accountant's thread only
   * @param mailbox where the questions run, one at a time
   */
  public FundsChecker(BlockchainClient chain, Mailbox mailbox) {
    this.chain = chain;
    this.mailbox = mailbox;
  }

  @Override
  public void ask(Wallet wallet, PayerCredit.Answers answers) {
    if (!waiting.add(wallet)) {
      return; // already waiting: that question's answer will do
    }
    if (waiting.size() > MAX_WAITING) {
      waiting.remove(wallet);
      log.debug("Not asking about wallet {} now: {} questions wait", wallet, MAX_WAITING);
      answers.unanswered(wallet);
      return;
    }
    try {
      mailbox.execute(() -> check(wallet, answers));
    } catch (RejectedExecutionException e) {
      waiting.remove(wallet); // the Node stops
    }
  }

  private void check(Wallet wallet, PayerCredit.Answers answers) {
    Wei tokens;
    Wei gas;
    try {
      tokens = chain.tokenBalance(wallet);
      gas = chain.gasBalance(wallet);
    } catch (BlockchainException e) {
      waiting.remove(wallet);
      if (!failing) {
        log.warn(
            "Cannot check the funds of wallet {}: {}; new payers past their credit are refused"
                + " until the chain answers",
            wallet,
            e.getMessage());
      } else {
        log.debug("Cannot check the funds of wallet {}: {}", wallet, e.getMessage());
      }
      failing = true;
      answers.unanswered(wallet);
      return;
    }
    waiting.remove(wallet);
    if (failing) {
      log.warn("The chain answers questions about funds again");
      failing = false;
    }
    PayerCredit.Funds funds =
        tokens.isZero() || gas.isZero() ? PayerCredit.Funds.EMPTY : PayerCredit.Funds.FUNDED;
    log.info("Wallet {} holds {} wei of tokens and {} wei of gas: {}", wallet, tokens, gas, funds);
    answers.answered(wallet, funds);
  }
}
