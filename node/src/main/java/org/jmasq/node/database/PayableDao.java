package org.jmasq.node.database;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jmasq.accountant.PayableAccount;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Wallet;

/** What this Node owes its creditors. */
interface PayableDao {
  /**
   * Adds to a creditor's debt; a new creditor's last payment is {@code now}, an old one's is kept.
   */
  void addDebt(Wallet creditor, Wei amount, Instant now) throws DatabaseException;

  Optional<PayableAccount> get(Wallet creditor) throws DatabaseException;

  List<PayableAccount> all() throws DatabaseException;

  /** Links the creditor's debt to the pending payment that pays it, so no scan pays it again. */
  void markPending(Wallet creditor, long pendingPayableRowid) throws DatabaseException;

  /** The payment linked to this debt will never happen; the debt may be paid again. */
  void clearPending(Wallet creditor) throws DatabaseException;

  /**
   * A payment was confirmed: the debt drops by {@code paid} (not below zero), the last payment is
   * {@code paidAt}, and the pending link is cleared.
   */
  void settle(Wallet creditor, Wei paid, Instant paidAt) throws DatabaseException;

  /** The sum of all debts, pending payments included. */
  Wei total() throws DatabaseException;
}
