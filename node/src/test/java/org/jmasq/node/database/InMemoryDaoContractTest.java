package org.jmasq.node.database;

/** The DAO contract against the in-memory fakes. */
class InMemoryDaoContractTest extends AccountantDaoContract {
  private final PayableDao payables = new InMemoryPayableDao();
  private final ReceivableDao receivables = new InMemoryReceivableDao();
  private final BannedDao banned = new InMemoryBannedDao();

  @Override
  PayableDao payables() {
    return payables;
  }

  @Override
  ReceivableDao receivables() {
    return receivables;
  }

  @Override
  BannedDao banned() {
    return banned;
  }
}
