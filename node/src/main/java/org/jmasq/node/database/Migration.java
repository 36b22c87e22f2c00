package org.jmasq.node.database;

import java.sql.Connection;
import java.sql.SQLException;
import org.jmasq.identity.Chain;

/**
 * One step of the schema, from {@code toVersion − 1} to {@code toVersion}, run inside a
 * transaction.
 */
interface Migration {
  int toVersion();

  String description();

  void apply(Connection connection, Chain chain) throws SQLException;
}
