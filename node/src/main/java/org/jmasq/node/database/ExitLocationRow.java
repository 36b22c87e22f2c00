package org.jmasq.node.database;

import java.util.Optional;
import org.jmasq.neighborhood.route.ExitPreferences;

/**
 * The exit-location choice kept in the config row {@code exit_location}, so that a Node takes it
 * again at its next start: {@code fallback;CZ,PL|SK} or {@code strict;CZ}; null when none was made.
 */
public final class ExitLocationRow {
  static final String NAME = "exit_location";
  private static final String FALLBACK = "fallback";
  private static final String STRICT = "strict";

  private ExitLocationRow() {}

  /** The kept choice; empty when none was kept (or the row cannot be read as one). */
  public static Optional<ExitPreferences> load(ConfigTable config) throws DatabaseException {
    return config.get(NAME).flatMap(ExitLocationRow::read);
  }

  public static void store(ConfigTable config, ExitPreferences preferences)
      throws DatabaseException {
    config.set(NAME, write(preferences));
  }

  static String write(ExitPreferences p) {
    return (p.fallback() ? FALLBACK : STRICT) + ";" + p.codes();
  }

  static Optional<ExitPreferences> read(String value) {
    int semicolon = value.indexOf(';');
    if (semicolon < 0) {
      return Optional.empty();
    }
    String mode = value.substring(0, semicolon);
    if (!mode.equals(FALLBACK) && !mode.equals(STRICT)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          ExitPreferences.parse(value.substring(semicolon + 1), mode.equals(FALLBACK)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
