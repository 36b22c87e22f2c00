package org.jmasq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.jmasq.neighborhood.route.ExitPreferences;
import org.jmasq.node.ui.UiErrors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code exit-location}: chooses the countries where the running Node's traffic leaves the network,
 * or shows the countries it can leave in now; printed as the reference's masq prints it.
 */
@Command(
    name = "exit-location",
    mixinStandardHelpOptions = true,
    description = {
      "Choose the countries where your traffic leaves the network, or list those available.",
      "With countries chosen, exits elsewhere are refused: a request fails, naming the countries"
          + " missing, when no exit in them is reachable. With --fallback-routing the countries"
          + " are only preferred, and exits elsewhere are used when none of them is reachable.",
      "The choice is kept and holds again when the Node starts.",
      "  exit-location --show-countries            countries of the exits reachable now",
      "  exit-location                             no preference (exit anywhere)",
      "  exit-location --country-codes \"CZ,PL|SK\"  CZ and PL first, then SK only",
      "  exit-location --country-codes FR --fallback-routing   FR if possible"
    })
final class ExitLocationCommand extends UiCommand {
  /** The reference's code when none of the requested countries has a reachable exit. */
  static final long MISSING_COUNTRIES = UiErrors.EXIT_COUNTRY_MISSING_COUNTRIES_ERROR;

  @ArgGroup(exclusive = true)
  Mode mode;

  /** Either a choice or the listing, as the reference's argument groups allow. */
  static final class Mode {
    @ArgGroup(exclusive = false)
    Choice choice;

    @Option(
        names = "--show-countries",
        description = "List the countries of the exits a route can reach now; change nothing.")
    boolean showCountries;
  }

  static final class Choice {
    @Option(
        names = "--country-codes",
        paramLabel = "CODES",
        description =
            "Countries by priority: '|' separates priorities, ',' countries of equal priority"
                + " (\"CZ,PL|SK\": CZ and PL first, then SK).")
    String countryCodes;

    @Option(
        names = "--fallback-routing",
        description = "Only prefer the countries: exit elsewhere when none of them is reachable.")
    boolean fallbackRouting;
  }

  @Override
  int run(UiConnection node, PrintWriter out) throws Exception {
    ObjectNode answer;
    try {
      answer = node.ask("exitLocation", request());
    } catch (UiFailure e) {
      if (e.code() == MISSING_COUNTRIES) {
        out.println("All requested countries are missing in Database: " + e.getMessage());
        out.flush();
      }
      throw e;
    }
    return print(answer, out, spec.commandLine().getErr());
  }

  ObjectNode request() {
    boolean show = mode != null && mode.showCountries;
    Choice choice = mode == null ? null : mode.choice;
    String codes = choice == null || choice.countryCodes == null ? "" : choice.countryCodes;
    ExitPreferences preferences;
    try {
      // Without countries there is nothing to fall back from: the reference sends true then.
      preferences = ExitPreferences.parse(codes, codes.isBlank() || choice.fallbackRouting);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--country-codes: " + e.getMessage());
    }
    ObjectNode request = object();
    request.put("fallbackRouting", preferences.fallback());
    var locations = request.putArray("exitLocations");
    for (int i = 0; i < preferences.groups().size(); i++) {
      ObjectNode group = locations.addObject();
      preferences.groups().get(i).forEach(group.putArray("countryCodes")::add);
      group.put("priority", i + 1);
    }
    request.put("showCountries", show);
    return request;
  }

  /** Prints the reference's lines for an {@code exitLocation} answer. */
  static int print(JsonNode answer, PrintWriter out, PrintWriter err) {
    JsonNode countries = answer.path("exitCountries");
    if (countries.isArray()) {
      if (countries.isEmpty()) {
        err.println("No countries available for exit-location!");
        err.flush();
      } else {
        out.println("Countries available for exit-location: " + list(countries));
      }
    } else {
      out.println(
          answer.path("fallbackRouting").asBoolean()
              ? "Fallback Routing is set."
              : "Fallback Routing NOT set.");
    }
    JsonNode selection = answer.path("exitCountrySelection");
    JsonNode missing = answer.path("missingCountries");
    if (!selection.isEmpty()) {
      if (!missing.isEmpty()) {
        out.println("Following countries are missing in Database: " + list(missing));
        err.println(
            "code: " + Long.toUnsignedString(MISSING_COUNTRIES) + "\nmessage: " + list(missing));
        err.flush();
      }
      StringBuilder set = new StringBuilder("Exit location set: ");
      for (JsonNode group : selection) {
        set.append("Country Codes: ")
            .append(list(group.path("countryCodes")))
            .append(", Priority: ")
            .append(group.path("priority").asInt())
            .append("; ");
      }
      out.println(set.toString().stripTrailing());
    } else if (answer.path("fallbackRouting").asBoolean()) {
      out.println("Exit location is Unset.");
    }
    return 0;
  }

  /** A list of codes as the reference prints one: {@code ["CZ", "PL"]}. */
  private static String list(JsonNode codes) {
    List<String> quoted = new ArrayList<>();
    codes.forEach(c -> quoted.add("\"" + c.asText() + "\""));
    return "[" + String.join(", ", quoted) + "]";
  }
}
