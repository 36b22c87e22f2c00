package org.jmasq.node.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a query with text and whole-number parameters and maps its rows, so each DAO states only its
 * SQL and its row.
 */
final class Rows {
  private Rows() {}

  @FunctionalInterface
  interface Reader<T> {
    T read(ResultSet row) throws SQLException;
  }

  static <T> List<T> list(Connection c, String sql, Reader<T> reader, Object... parameters)
      throws SQLException {
    try (PreparedStatement q = c.prepareStatement(sql)) {
      bind(q, parameters);
      List<T> out = new ArrayList<>();
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(reader.read(r));
        }
      }
      return List.copyOf(out);
    }
  }

  static <T> Optional<T> first(Connection c, String sql, Reader<T> reader, Object... parameters)
      throws SQLException {
    List<T> all = list(c, sql, reader, parameters);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  private static void bind(PreparedStatement q, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      switch (parameters[i]) {
        case String s -> q.setString(i + 1, s);
        case Long l -> q.setLong(i + 1, l);
        case Integer n -> q.setInt(i + 1, n);
        default ->
            throw new IllegalArgumentException(
                "query parameter " + (i + 1) + ": " + parameters[i].getClass().getSimpleName());
      }
    }
  }
}
