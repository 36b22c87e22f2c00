package org.jmasq.accountant;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jmasq.identity.Wallet;

/**
 * The credit a serving Node gives a payer it knows nothing about, so that a wallet made a moment
 * ago cannot be served without limit: up to {@link Terms#credit} bytes of service (relayed and
 * exited together) before the chain must have said that the wallet holds tokens and gas. It counts
 * what each wallet was served, remembers the chain's last answer about it, and decides for each
 * package whether to serve it and whether to ask the chain now.
 *
 * <p>The question goes out once a wallet was served a sixteenth of its credit ({@link #askAt}): the
 * rest of the credit is the funded payer's margin while the chain answers (15 × 640 KiB by default,
 * which an answer within a second covers up to about 75 Mbit/s), so that it never notices the
 * question. Asking at the first package instead would let a flood of fresh wallets, one package
 * each, keep the chain's questions busy for free. Past the credit, a payer is refused until an
 * answer says it is funded: packages are not held, because the Hopper runs on the link's reader
 * thread, where holding one payer's package would stall every stream on that link. The last answer
 * counts until a newer one comes; an answer older than its time ({@link Terms#fundedFor}, {@link
 * Terms#emptyFor}) only makes the next package ask again, so a funded payer is served on while the
 * chain is asked again, and a chain that cannot be reached changes nothing that was known.
 *
 * <p>Pure: the time comes from the injected clock, and asking the chain is {@link Questions}'s job,
 * called after the lock is released. At most {@link Terms#wallets} wallets are remembered, least
 * recently used out; a forgotten wallet starts afresh. Thread-safe: called from the Hopper's and
 * the exit's threads and from whoever answers the questions.
 */
public final class PayerCredit implements ServiceMeter {
  /** What the chain said about a wallet. */
  public enum Funds {
    /** It holds some of the token and some of the gas currency. */
    FUNDED,
    /** It holds none of the token, or none of the gas currency: it cannot pay. */
    EMPTY
  }

  /**
   * The rules.
   *
   * @param credit bytes of service a wallet gets before the chain must have said it is funded
   * @param fundedFor how long a "funded" answer stands before the chain is asked again
   * @param emptyFor how long an "empty" answer stands; a user who funds the wallet waits this long
   * @param answerWait how long a question may stay unanswered before it is asked again
   * @param retryAfter how long after a failed question the chain is asked again
   * @param wallets how many wallets are remembered
   */
  public record Terms(
      long credit,
      Duration fundedFor,
      Duration emptyFor,
      Duration answerWait,
      Duration retryAfter,
      int wallets) {
    /** 10 MiB: a few pages or a short video, not a free ride. */
    public static final long DEFAULT_CREDIT = 10L << 20;

    public static final Terms DEFAULT = withCredit(DEFAULT_CREDIT);

    public Terms {
      if (credit < 0) {
        throw new IllegalArgumentException("credit: " + credit + " (expected: >= 0)");
      }
      for (Duration d : new Duration[] {fundedFor, emptyFor, answerWait, retryAfter}) {
        if (d == null || d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("payer credit: " + d + " (expected: positive)");
        }
      }
      if (wallets < 1) {
        throw new IllegalArgumentException("wallets: " + wallets + " (expected: >= 1)");
      }
    }

    /**
     * {@code credit} bytes; a funded answer stands an hour, an empty one five minutes; a question
     * is asked again after two minutes without an answer or a minute after it failed; 100 000
     * wallets remembered.
     */
    public static Terms withCredit(long credit) {
      return new Terms(
          credit,
          Duration.ofHours(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(2),
          Duration.ofMinutes(1),
          100_000);
    }
  }

  /**
   * Asks the chain about a wallet, and later tells {@code answers} what it found, or that it
   * failed.
   */
  @FunctionalInterface
  public interface Questions {
    void ask(Wallet wallet, Answers answers);
  }

  /** Where the chain's answers go. */
  public interface Answers {
    void answered(Wallet wallet, Funds funds);

    /** The chain could not be asked; nothing known about the wallet changes. */
    void unanswered(Wallet wallet);
  }

  /** The outcome for one package. */
  public sealed interface Decision {
    record Serve() implements Decision {}

    record Refuse(String reason) implements Decision {}
  }

  private static final Decision SERVE = new Decision.Serve();

  private static final class Account {
    long served;
    Funds funds;
    Instant nextQuestion = Instant.MIN;
  }

  private final Terms terms;
  private final InstantSource clock;
  private final Questions questions;
  private final Answers answers = new ChainAnswers();
  private final Map<Wallet, Account> accounts;

  public PayerCredit(Terms terms, InstantSource clock, Questions questions) {
    if (terms == null || clock == null || questions == null) {
      throw new IllegalArgumentException("payer credit: terms, clock and questions are required");
    }
    this.terms = terms;
    this.clock = clock;
    this.questions = questions;
    this.accounts =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Wallet, Account> eldest) {
            return size() > terms.wallets();
          }
        };
  }

  public Terms terms() {
    return terms;
  }

  /** How much of its credit a wallet is served before the chain is asked about it. */
  public long askAt() {
    return terms.credit() / 16;
  }

  /** Whether a package of {@code payer}'s is served; asks the chain when it is time to. */
  public Decision admit(Wallet payer) {
    Decision decision;
    boolean ask;
    synchronized (this) {
      Account a = account(payer);
      ask = a.served >= askAt() && askNow(a);
      decision = decide(payer, a);
    }
    if (ask) {
      questions.ask(payer, answers);
    }
    return decision;
  }

  private Decision decide(Wallet payer, Account a) {
    if (a.funds == Funds.FUNDED || a.served < terms.credit()) {
      return SERVE;
    }
    if (a.funds == Funds.EMPTY) {
      return new Decision.Refuse(
          "wallet " + payer + " holds no tokens or no gas, and its credit is used up");
    }
    return new Decision.Refuse(
        "wallet " + payer + " has used its credit; the chain has not yet said it is funded");
  }

  /** Marks the account asked when a question is due; the caller asks once it holds no lock. */
  private boolean askNow(Account a) {
    Instant now = clock.instant();
    if (now.isBefore(a.nextQuestion)) {
      return false;
    }
    a.nextQuestion = now.plus(terms.answerWait());
    return true;
  }

  @Override
  public void served(Wallet payer, long bytes) {
    if (bytes <= 0) {
      return;
    }
    synchronized (this) {
      Account a = account(payer);
      a.served = a.served > Long.MAX_VALUE - bytes ? Long.MAX_VALUE : a.served + bytes;
    }
  }

  @Override
  public synchronized boolean mayServe(Wallet payer) {
    Account a = accounts.get(payer);
    return a == null || decide(payer, a) instanceof Decision.Serve;
  }

  /**
   * What the chain last said about this Node's own {@code wallet}, asking again first when the
   * answer is missing or old: how an originator learns that the Nodes it uses will refuse it.
   */
  public Optional<Funds> funds(Wallet wallet) {
    Optional<Funds> known;
    boolean ask;
    synchronized (this) {
      Account a = account(wallet);
      ask = askNow(a);
      known = Optional.ofNullable(a.funds);
    }
    if (ask) {
      questions.ask(wallet, answers);
    }
    return known;
  }

  private Account account(Wallet wallet) {
    return accounts.computeIfAbsent(wallet, w -> new Account());
  }

  /** The answers, kept apart so that only a question's asker can give one. */
  private final class ChainAnswers implements Answers {
    @Override
    public void answered(Wallet wallet, Funds funds) {
      synchronized (PayerCredit.this) {
        Account a = account(wallet);
        a.funds = funds;
        a.nextQuestion =
            clock.instant().plus(funds == Funds.FUNDED ? terms.fundedFor() : terms.emptyFor());
      }
    }

    @Override
    public void unanswered(Wallet wallet) {
      synchronized (PayerCredit.this) {
        account(wallet).nextQuestion = clock.instant().plus(terms.retryAfter());
      }
    }
  }
}
