package org.jmasq.node.database;

import java.nio.file.Path;
import org.jmasq.identity.Chain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The DAO contract against SQLite. */
class SqliteDaoContractTest extends AccountantDaoContract {
  @TempDir Path dataDirectory;
  private NodeDatabase database;

  @BeforeEach
  void open() throws DatabaseException {
    database = NodeDatabase.open(dataDirectory, Chain.DEV);
  }

  @AfterEach
  void close() throws DatabaseException {
    database.close();
  }

  @Override
  PayableDao payables() {
    return database.payables();
  }

  @Override
  ReceivableDao receivables() {
    return database.receivables();
  }

  @Override
  BannedDao banned() {
    return database.banned();
  }
}
