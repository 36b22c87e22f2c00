package org.jmasq.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Where a command's secrets (passwords, the consuming key, a mnemonic) come from. A command line is
 * readable by every user of the machine ({@code ps}, {@code /proc/<pid>/cmdline}) and is often kept
 * in a shell's history, so each secret option {@code --x} also comes from the environment ({@code
 * MASQ_X}, readable only by the same user) or from a file ({@code --x-file}: its first line; {@code
 * -} reads one line of standard input). A secret typed on the command line is still taken, as the
 * reference takes it, with a warning on standard error.
 *
 * <p>Order: the command line's {@code --x} or {@code --x-file} (not both), then the environment's
 * {@code MASQ_X_FILE}, then {@code MASQ_X}, then {@code x-file} and {@code x} of {@code jmasq
 * node}'s config file (which must then be private: see {@link NodeConfigFile}).
 */
final class Secrets {
  private final CommandSpec spec;
  private final InputStream in;
  private String stdinTakenBy;

  Secrets(CommandSpec spec, InputStream in) {
    this.spec = spec;
    this.in = in;
  }

  /**
   * The secret of {@code option}, from {@code value} (its option or environment variable) or from
   * {@code file} ({@code option + "-file"}); empty when neither is given.
   */
  Optional<String> read(String option, String value, Path file) {
    return read(option, value, file, text -> text);
  }

  /**
   * As {@link #read(String, String, Path)} for an option whose value picocli converts: a value from
   * the file is converted by {@code parse}, whose {@link IllegalArgumentException} is a bad flag.
   */
  <T> Optional<T> read(String option, T value, Path file, Function<String, T> parse) {
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    boolean valueTyped = parsed.hasMatchedOption(option);
    boolean fileTyped = parsed.hasMatchedOption(option + "-file");
    if (valueTyped && fileTyped) {
      throw new ParameterException(
          spec.commandLine(), option + " and " + option + "-file cannot both be given");
    }
    if (valueTyped) {
      warn(
          option
              + " on the command line can be read by every user of this machine (ps,"
              + " /proc/<pid>/cmdline) and may stay in the shell's history; give it in "
              + variable(option)
              + " or "
              + option
              + "-file instead");
      return Optional.of(value);
    }
    if (file != null) {
      String text = fromFile(option + "-file", file);
      try {
        return Optional.of(parse.apply(text));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            spec.commandLine(), option + "-file: " + file + ": " + e.getMessage());
      }
    }
    return Optional.ofNullable(value);
  }

  /** Warns that {@code option}, a secret, was typed on the command line, when it was. */
  void warnIfTyped(String option, String safeWay) {
    if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
      warn(
          option
              + " on the command line can be read by every user of this machine (ps,"
              + " /proc/<pid>/cmdline); "
              + safeWay);
    }
  }

  /**
   * One line of standard input, for {@code what}; only one secret of a command may come from there.
   */
  Optional<String> stdinLine(String what) {
    if (stdinTakenBy != null) {
      throw new ParameterException(
          spec.commandLine(),
          "standard input gives one secret only, and it gives "
              + stdinTakenBy
              + "; give "
              + what
              + " in a file or the environment");
    }
    stdinTakenBy = what;
    try {
      // Not closed: it is the process's standard input.
      String line =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      return line == null || line.isEmpty() ? Optional.empty() : Optional.of(line);
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "cannot read standard input: " + e.getMessage());
    }
  }

  private String fromFile(String option, Path file) {
    if (file.toString().equals("-")) {
      return stdinLine(option + " -")
          .orElseThrow(
              () ->
                  new ParameterException(
                      spec.commandLine(), option + " -: standard input has no line"));
    }
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = reader.readLine();
      if (line == null || line.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(), option + ": " + file + " is empty (expected: the secret)");
      }
      warnIfOthersCanRead(file);
      return line;
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), option + ": cannot read " + file + " (" + e.getMessage() + ")");
    }
  }

  private void warnIfOthersCanRead(Path file) throws IOException {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return;
    }
    if (permissions.contains(PosixFilePermission.GROUP_READ)
        || permissions.contains(PosixFilePermission.OTHERS_READ)) {
      warn(file + " can be read by other users; chmod 600 it");
    }
  }

  private void warn(String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("jmasq: warning: " + message);
    err.flush();
  }

  /** The environment variable of {@code option}, as {@link EnvironmentDefaults} reads it. */
  static String variable(String option) {
    return "MASQ_" + option.substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
