package org.jmasq.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code jmasq change-password [OLD NEW]}: sets the first database password, or changes it; every
 * secret is re-encrypted under the new one in one transaction, and a wrong old password changes
 * nothing. The running Node on {@code --ui-port} does it; with none running, the same handler does
 * it on the database in {@code --data-directory}.
 */
@Command(
    name = "change-password",
    mixinStandardHelpOptions = true,
    description = {
      "Set or change the password that encrypts the secrets in a Node's database.",
      "Asks the Node on --ui-port; when none is running, changes the database in --data-directory."
    })
final class ChangePasswordCommand extends PasswordCommand {
  @Parameters(
      arity = "0..2",
      paramLabel = "OLD NEW",
      description =
          "The old and the new password, as the reference's masq takes them (or the options"
              + " below, which keep them out of ps).")
  List<String> words = List.of();

  @Option(
      names = "--old-password",
      description =
          "The password set now; leave it out when none is set yet. Better in MASQ_OLD_PASSWORD"
              + " or --old-password-file: every local user can read a command line.")
  String oldPasswordOption;

  @Option(
      names = "--old-password-file",
      description = "A file whose first line is the old password (- reads standard input).")
  Path oldPasswordFile;

  @Option(
      names = "--new-password",
      description =
          "The password to set. Better in MASQ_NEW_PASSWORD or --new-password-file: every local"
              + " user can read a command line.")
  String newPasswordOption;

  @Option(
      names = "--new-password-file",
      description = "A file whose first line is the new password (- reads standard input).")
  Path newPasswordFile;

  @Override
  public Integer call() throws Exception {
    if (words.size() == 1) {
      throw new ParameterException(
          spec.commandLine(),
          "give both OLD and NEW, or neither (to set the first password: set-password NEW)");
    }
    Secrets secrets = new Secrets(spec, in);
    String oldPassword =
        secrets.read("--old-password", oldPasswordOption, oldPasswordFile).orElse(null);
    String newPassword =
        secrets.read("--new-password", newPasswordOption, newPasswordFile).orElse(null);
    if (words.size() == 2) {
      if (oldPassword != null || newPassword != null) {
        throw new ParameterException(
            spec.commandLine(), "give the passwords as OLD NEW or as options, not both");
      }
      warnTyped();
      oldPassword = words.get(0);
      newPassword = words.get(1);
    }
    if (newPassword == null) {
      throw new ParameterException(
          spec.commandLine(),
          "Missing required option: '--new-password' (or MASQ_NEW_PASSWORD, or"
              + " --new-password-file, or OLD NEW)");
    }
    if (newPassword.isEmpty() || oldPassword != null && oldPassword.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          (newPassword.isEmpty() ? "--new-password" : "--old-password") + " must not be empty");
    }
    return change(Optional.ofNullable(oldPassword), newPassword);
  }
}
