package org.jmasq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Unmatched;

/**
 * The commands of the reference's masq CLI that talk to the Daemon: {@code setup}, {@code start}.
 */
final class DaemonCommands {
  private DaemonCommands() {}

  @Command(
      name = "setup",
      mixinStandardHelpOptions = true,
      description = {
        "Show the Daemon's setup for the Node, and change it: --NAME VALUE sets a value (NAME is"
            + " an option of jmasq node without --), --NAME alone clears it.",
        "Each value has a status: Default, Configured (environment or config file), Set (by"
            + " setup), Blank, Required. The setup cannot change while the Node runs."
      })
  static final class Setup extends UiCommand {
    @Unmatched List<String> words = new ArrayList<>();

    @Override
    int run(UiConnection daemon, PrintWriter out) throws Exception {
      ObjectNode request = object();
      ArrayNode values = request.putArray("values");
      for (int i = 0; i < words.size(); i++) {
        String word = words.get(i);
        if (!word.startsWith("--") || word.length() == 2) {
          throw new ParameterException(
              spec.commandLine(),
              "setup takes --NAME VALUE pairs; '"
                  + ConfigFile.printable(word)
                  + "' is no --NAME (try: jmasq setup --help)");
        }
        ObjectNode value = values.addObject();
        int equals = word.indexOf('=');
        if (equals > 0) {
          value.put("name", word.substring(2, equals)).put("value", word.substring(equals + 1));
        } else if (i + 1 < words.size() && !words.get(i + 1).startsWith("--")) {
          value.put("name", word.substring(2)).put("value", words.get(++i));
        } else {
          value.put("name", word.substring(2)).putNull("value");
        }
      }
      print(daemon.ask("setup", request), out);
      return 0;
    }

    /** The setup as the reference's masq prints it: a table of values, then the errors. */
    static void print(JsonNode setup, PrintWriter out) {
      if (setup.path("running").asBoolean()) {
        out.println(
            "Note: no changes were made to the setup because the Node is currently running.\n");
      }
      out.println(String.format("%-29s %-64s %s", "NAME", "VALUE", "STATUS"));
      for (JsonNode v : setup.path("values")) {
        out.println(
            String.format(
                "%-29s %-64s %s",
                ConfigFile.printable(v.path("name").asText()),
                ConfigFile.printable(v.path("value").asText()),
                ConfigFile.printable(v.path("status").asText())));
      }
      JsonNode errors = setup.path("errors");
      if (!errors.isEmpty()) {
        out.println();
        out.println("ERRORS:");
        for (JsonNode e : errors) {
          out.println(
              String.format(
                  "%-29s %s",
                  ConfigFile.printable(e.path(0).asText()),
                  ConfigFile.printable(e.path(1).asText())));
        }
      }
    }
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Start the Node with the Daemon's setup; later commands are redirected to it.")
  static final class Start extends UiCommand {
    @Override
    int run(UiConnection daemon, PrintWriter out) throws Exception {
      JsonNode started = daemon.ask("start", object());
      out.println(
          "MASQNode successfully started in process "
              + started.path("newProcessId").asText()
              + " on port "
              + started.path("redirectUiPort").asText());
      return 0;
    }
  }
}
