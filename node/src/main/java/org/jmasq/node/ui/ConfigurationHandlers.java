package org.jmasq.node.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.jmasq.node.database.DatabaseException;

/**
 * {@code checkPassword} and {@code setConfiguration}: the Configurator's opcodes this Node serves.
 */
final class ConfigurationHandlers {
  private ConfigurationHandlers() {}

  /**
   * {@code {dbPasswordOpt}} → {@code {matches}}. With no password given it matches when none is
   * set, as the reference's does.
   */
  static UiHandler checkPassword(Optional<UiNode.Passwords> passwords) {
    return request -> {
      if (passwords.isEmpty()) {
        return UiAnswer.failed(
            UiErrors.CONFIGURATOR_READ_ERROR, "a zero-hop Node keeps no database password");
      }
      JsonNode given = request.get("dbPasswordOpt");
      if (given != null && !given.isNull() && !given.isTextual()) {
        return UiAnswer.failed(UiErrors.UNMARSHAL_ERROR, "dbPasswordOpt must be a string or null");
      }
      try {
        boolean matches =
            given == null || given.isNull()
                ? !passwords.get().hasPassword()
                : passwords.get().matches(given.asText());
        ObjectNode out = UiAnswer.object();
        out.put("matches", matches);
        return UiAnswer.ok(out);
      } catch (DatabaseException e) {
        return UiAnswer.failed(
            UiErrors.CONFIGURATOR_READ_ERROR, "cannot read the password check: " + e.getMessage());
      }
    };
  }

  /**
   * {@code {name, value}} → {@code {}}. Only {@code min-hops} (1–6) is served: it holds for the
   * routes found from then on. {@code gas-price} and {@code start-block} name settings this Node
   * does not keep yet.
   */
  static UiHandler setConfiguration(Optional<IntConsumer> minHops) {
    return request -> {
      JsonNode name = request.get("name");
      JsonNode value = request.get("value");
      if (name == null || !name.isTextual() || value == null || !value.isTextual()) {
        return UiAnswer.failed(UiErrors.UNMARSHAL_ERROR, "name and value must be strings");
      }
      return switch (name.asText()) {
        case "min-hops" -> setMinHops(minHops, value.asText());
        case "gas-price", "start-block" ->
            UiAnswer.failed(
                UiErrors.UNRECOGNIZED_PARAMETER,
                name.asText() + " cannot be set on this Node yet: it keeps no such setting");
        default ->
            UiAnswer.failed(
                UiErrors.UNRECOGNIZED_PARAMETER,
                "unrecognized parameter: " + name.asText() + " (expected: min-hops)");
      };
    };
  }

  private static UiAnswer setMinHops(Optional<IntConsumer> minHops, String value) {
    int hops;
    try {
      hops = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      hops = -1;
    }
    if (hops < 1 || hops > 6) {
      return UiAnswer.failed(
          UiErrors.NON_PARSABLE_VALUE, "min-hops: " + value + " (expected: 1~6)");
    }
    if (minHops.isEmpty()) {
      return UiAnswer.failed(
          UiErrors.CONFIGURATOR_WRITE_ERROR,
          "min-hops does not apply to a zero-hop Node: its routes are always [self, self]");
    }
    minHops.get().accept(hops);
    return UiAnswer.ok(UiAnswer.object());
  }
}
