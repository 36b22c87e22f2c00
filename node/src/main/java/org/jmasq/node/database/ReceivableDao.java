package org.jmasq.node.database;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jmasq.accountant.Balance;
import org.jmasq.accountant.ReceivableAccount;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Wallet;

/** What this Node's debtors owe it. */
interface ReceivableDao {
  /** Adds a charge; a new debtor's last payment is {@code now}, an old one's is kept. */
  void addCharge(Wallet debtor, Wei amount, Instant now) throws DatabaseException;

  /**
   * A payment from {@code debtor} arrived: its balance drops by {@code amount} (it may go negative)
   * and its last payment is {@code now}. Answers false, changing nothing, when the sender is not a
   * known debtor.
   */
  boolean recordPayment(Wallet debtor, Wei amount, Instant now) throws DatabaseException;

  Optional<ReceivableAccount> get(Wallet debtor) throws DatabaseException;

  List<ReceivableAccount> all() throws DatabaseException;

  Balance total() throws DatabaseException;
}
