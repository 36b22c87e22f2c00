package org.jmasq.node.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntPredicate;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.WrongPasswordException;

/**
 * {@code checkPassword}, {@code changePassword} and {@code setConfiguration}: the Configurator's
 * opcodes this Node serves.
 */
public final class ConfigurationHandlers {
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
   * {@code {oldPasswordOpt, newPassword}} → {@code {}}, and {@code newPassword {}} broadcast to the
   * other clients, as the reference's Configurator does. A wrong old password (or one given when
   * none is set, or none given when one is) is {@link UiErrors#BAD_PASSWORD_ERROR}.
   */
  public static UiHandler changePassword(Optional<UiNode.Passwords> passwords) {
    return request -> {
      if (passwords.isEmpty()) {
        return UiAnswer.failed(
            UiErrors.CONFIGURATOR_WRITE_ERROR, "a zero-hop Node keeps no database password");
      }
      JsonNode old = request.get("oldPasswordOpt");
      JsonNode fresh = request.get("newPassword");
      if ((old != null && !old.isNull() && !old.isTextual())
          || fresh == null
          || !fresh.isTextual()) {
        return UiAnswer.failed(
            UiErrors.UNMARSHAL_ERROR,
            "oldPasswordOpt must be a string or null, newPassword a string");
      }
      if (fresh.asText().isEmpty()) {
        return UiAnswer.failed(
            UiErrors.NON_PARSABLE_VALUE, "newPassword: the database password must not be empty");
      }
      try {
        passwords
            .get()
            .change(
                old == null || old.isNull() ? Optional.empty() : Optional.of(old.asText()),
                fresh.asText());
      } catch (WrongPasswordException e) {
        return UiAnswer.failed(UiErrors.BAD_PASSWORD_ERROR, e.getMessage());
      } catch (DatabaseException e) {
        return UiAnswer.failed(
            UiErrors.CONFIGURATOR_WRITE_ERROR, "cannot change the password: " + e.getMessage());
      }
      return new UiAnswer.Ok(
          UiAnswer.object(),
          UiAnswer.NOTHING,
          Optional.of(
              new UiMessage.Payload("newPassword", OptionalLong.empty(), UiAnswer.object())));
    };
  }

  /**
   * {@code {name, value}} → {@code {}}. {@code min-hops} (1–6) holds for the routes found from then
   * on; {@code start-block} (a block number, {@code none} or {@code latest}) for the next
   * receivable scan; {@code gas-price} (gwei, above 0) for the payments made from then on.
   */
  static UiHandler setConfiguration(
      Optional<IntPredicate> minHops,
      Optional<UiNode.StartBlock> startBlock,
      Optional<Configurator> gasPrice) {
    return request -> {
      JsonNode name = request.get("name");
      JsonNode value = request.get("value");
      if (name == null || !name.isTextual() || value == null || !value.isTextual()) {
        return UiAnswer.failed(UiErrors.UNMARSHAL_ERROR, "name and value must be strings");
      }
      return switch (name.asText()) {
        case "min-hops" -> setMinHops(minHops, value.asText());
        case "start-block" -> setStartBlock(startBlock, value.asText());
        case "gas-price" -> setGasPrice(gasPrice, value.asText());
        default ->
            UiAnswer.failed(
                UiErrors.UNRECOGNIZED_PARAMETER,
                "unrecognized parameter: "
                    + name.asText()
                    + " (expected: gas-price, min-hops or start-block)");
      };
    };
  }

  private static UiAnswer setMinHops(Optional<IntPredicate> minHops, String value) {
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
    if (!minHops.get().test(hops)) {
      return UiAnswer.failed(
          UiErrors.CONFIGURATOR_WRITE_ERROR,
          "min-hops was not changed: the Neighborhood is too busy to take it; try again");
    }
    return UiAnswer.ok(UiAnswer.object());
  }

  private static UiAnswer setGasPrice(Optional<Configurator> configurator, String value) {
    long gwei;
    try {
      gwei = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      gwei = 0;
    }
    if (gwei <= 0) {
      return UiAnswer.failed(
          UiErrors.NON_PARSABLE_VALUE,
          "gas-price: " + value + " (expected: gwei, 1~" + Long.MAX_VALUE + ")");
    }
    if (configurator.isEmpty()) {
      return UiAnswer.failed(
          UiErrors.CONFIGURATOR_WRITE_ERROR,
          "gas-price does not apply to a zero-hop Node: it makes no payments");
    }
    try {
      configurator.get().setGasPrice(gwei);
    } catch (DatabaseException e) {
      return UiAnswer.failed(
          UiErrors.CONFIGURATOR_WRITE_ERROR, "cannot write gas-price: " + e.getMessage());
    }
    return UiAnswer.ok(UiAnswer.object());
  }

  private static UiAnswer setStartBlock(Optional<UiNode.StartBlock> startBlock, String value) {
    OptionalLong block;
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("none") || v.equals("latest")) {
      block = OptionalLong.empty();
    } else {
      try {
        long n = Long.parseLong(v);
        if (n < 0) {
          throw new NumberFormatException();
        }
        block = OptionalLong.of(n);
      } catch (NumberFormatException e) {
        return UiAnswer.failed(
            UiErrors.NON_PARSABLE_VALUE,
            "start-block: " + value + " (expected: a block number, none or latest)");
      }
    }
    if (startBlock.isEmpty()) {
      return UiAnswer.failed(
          UiErrors.CONFIGURATOR_WRITE_ERROR,
          "start-block does not apply to a zero-hop Node: it keeps no books");
    }
    try {
      startBlock.get().set(block);
    } catch (DatabaseException e) {
      return UiAnswer.failed(
          UiErrors.CONFIGURATOR_WRITE_ERROR, "cannot write start-block: " + e.getMessage());
    }
    return UiAnswer.ok(UiAnswer.object());
  }
}
