package org.jmasq.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;

/**
 * A Node's {@code config.toml}, as the reference reads it: a TOML file of scalars only, whose keys
 * are option names without {@code --} and whose values are taken as if typed after the option
 * ({@code clandestine-port = 1234} or {@code = "1234"}).
 *
 * @param file where it was read from, as error messages name it
 * @param values each key and its value as option text, in the file's order
 */
record ConfigFile(Path file, Map<String, String> values) {
  /** More than a config file needs: a bigger one is a mistake, not settings. */
  static final int MAX_BYTES = 64 * 1024;

  private static final TomlMapper TOML = new TomlMapper();

  ConfigFile {
    values = Map.copyOf(values);
  }

  /** A refused config file; the message is one line that names the file (and the key, if one). */
  static final class BadConfigFile extends Exception {
    private static final long serialVersionUID = 1L;

    BadConfigFile(String message) {
      super(message.replaceAll("\\s*\\R\\s*", " ").trim());
    }
  }

  /**
   * Reads {@code file}. A missing file is no settings when {@code required} is false (the default
   * {@code config.toml}), and refused when the user named it.
   */
  static ConfigFile read(Path file, boolean required) throws BadConfigFile {
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      // Read no more than one byte past the limit, whatever the file claims its size is.
      content = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      if (required) {
        throw new BadConfigFile("config file " + file + " does not exist");
      }
      return new ConfigFile(file, Map.of());
    } catch (IOException e) {
      throw new BadConfigFile("config file " + file + " cannot be read (" + e.getMessage() + ")");
    }
    if (content.length > MAX_BYTES) {
      throw new BadConfigFile(
          "config file " + file + " is larger than " + MAX_BYTES / 1024 + " KiB");
    }
    return new ConfigFile(file, parse(content, file.toString()));
  }

  /**
   * The keys and values of {@code content}, a TOML document named {@code name} in messages: each a
   * string, an integer or a boolean. Tables, arrays and other types are refused.
   */
  static Map<String, String> parse(byte[] content, String name) throws BadConfigFile {
    String text;
    try {
      // TOML is UTF-8; the parser would take malformed bytes as some other text.
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
    } catch (CharacterCodingException e) {
      throw new BadConfigFile("config file " + name + " is not UTF-8 text");
    }
    JsonNode root;
    try {
      root = TOML.readTree(text);
    } catch (JacksonException e) {
      throw new BadConfigFile(
          "config file " + name + " is not valid TOML: " + e.getOriginalMessage() + at(e));
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (root == null) {
      return values;
    }
    for (Entry<String, JsonNode> entry : root.properties()) {
      String key = entry.getKey();
      values.put(key, scalar(entry.getValue()).orElseThrow(() -> notScalar(name, key, entry)));
    }
    return values;
  }

  private static Optional<String> scalar(JsonNode value) {
    if (value.isTextual()) {
      return Optional.of(value.textValue());
    }
    if (value.isIntegralNumber()) {
      return Optional.of(value.bigIntegerValue().toString());
    }
    if (value.isBoolean()) {
      return Optional.of(String.valueOf(value.booleanValue()));
    }
    return Optional.empty();
  }

  private static BadConfigFile notScalar(String name, String key, Entry<String, JsonNode> entry) {
    JsonNode value = entry.getValue();
    String what =
        value.isObject()
            ? "a table"
            : value.isArray() ? "an array" : value.isNumber() ? "a fraction" : "not a scalar";
    return new BadConfigFile(
        "config file "
            + name
            + ": "
            + printable(key)
            + " is "
            + what
            + " (expected: a string, an integer or a boolean)");
  }

  /** Where a parse error is, as " (line L, column C)", or nothing. */
  private static String at(JacksonException e) {
    JsonLocation where = e.getLocation();
    return where == null || where.getLineNr() < 1
        ? ""
        : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
  }

  /**
   * {@code key} as a message may show it: on one line, with no terminal control characters (a
   * quoted TOML key may hold any character).
   */
  static String printable(String key) {
    StringBuilder out = new StringBuilder(key.length() + 2);
    key.codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
