package org.jmasq.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.jmasq.wire.FuzzContract;

/**
 * A fuzz target for {@code config.toml} as {@code jmasq node} reads it: a file the user wrote, or
 * one someone else left in the data directory. The corpus is in {@code ConfigFileFuzzTestInputs};
 * see docs/FUZZING.md.
 */
class ConfigFileFuzzTest {
  private static final String NAME = "/data/config.toml";

  /**
   * Text: Jazzer's compare hooks allocate for each string compare while fuzzing; the size limit (64
   * KiB, ConfigFileTest) bounds what the parser is given at all.
   */
  private static final FuzzContract FILE =
      FuzzContract.refusingWith(ConfigFile.BadConfigFile.class).allowingPerInputByte(4096);

  @FuzzTest
  void a_config_file_is_read_or_refused(byte[] input) {
    Optional<Map<String, String>> values = FILE.decode(input.length, () -> parseExplained(input));
    if (values.isEmpty()) {
      return;
    }
    // What was taken means the same written plainly: each key and value a quoted TOML string.
    StringBuilder plain = new StringBuilder();
    values
        .get()
        .forEach((k, v) -> plain.append(quoted(k)).append(" = ").append(quoted(v)).append('\n'));
    Map<String, String> again;
    try {
      again = ConfigFile.parse(plain.toString().getBytes(StandardCharsets.UTF_8), NAME);
    } catch (ConfigFile.BadConfigFile e) {
      throw new AssertionError("taken " + values.get() + ", but not when written plainly: " + e, e);
    }
    FuzzContract.assertRoundTrip(values.get(), again);
  }

  /** Parses, and fails the target unless a refusal is one line that names the file. */
  private static Map<String, String> parseExplained(byte[] input) throws ConfigFile.BadConfigFile {
    try {
      return ConfigFile.parse(input, NAME);
    } catch (ConfigFile.BadConfigFile e) {
      String message = e.getMessage();
      if (!message.startsWith("config file " + NAME) || message.lines().count() != 1) {
        throw new AssertionError("a refusal that does not name the file in one line: " + e, e);
      }
      throw e;
    }
  }

  /** {@code text} as a TOML basic string. */
  private static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    text.codePoints()
        .forEach(
            c -> {
              if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
              } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.append('"').toString();
  }
}
