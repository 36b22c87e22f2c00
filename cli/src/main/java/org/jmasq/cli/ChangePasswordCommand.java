package org.jmasq.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jmasq change-password}: sets the first database password, or changes it; every secret is
 * re-encrypted under the new one in one transaction, and a wrong old password changes nothing.
 */
@Command(
    name = "change-password",
    mixinStandardHelpOptions = true,
    description = "Set or change the password that encrypts the secrets in a Node's database.")
final class ChangePasswordCommand implements Callable<Integer> {
  private final InputStream in;

  @Spec CommandSpec spec;

  @Mixin DatabaseLocation location;

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

  ChangePasswordCommand(InputStream in) {
    this.in = in;
  }

  @Override
  public Integer call() throws Exception {
    Secrets secrets = new Secrets(spec, in);
    String oldPassword =
        secrets.read("--old-password", oldPasswordOption, oldPasswordFile).orElse(null);
    String newPassword =
        secrets
            .read("--new-password", newPasswordOption, newPasswordFile)
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(),
                        "Missing required option: '--new-password' (or MASQ_NEW_PASSWORD, or"
                            + " --new-password-file)"));
    if (newPassword.isEmpty() || oldPassword != null && oldPassword.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          (newPassword.isEmpty() ? "--new-password" : "--old-password") + " must not be empty");
    }
    Path file = location.existingFile();
    try (LockedDatabase locked =
        LockedDatabase.open(
            location.dataDirectory, location.chain, Optional.ofNullable(oldPassword))) {
      locked.database().config().changePassword(Optional.ofNullable(oldPassword), newPassword);
    }
    spec.commandLine()
        .getOut()
        .println(
            (oldPassword == null
                    ? "Set the database password of "
                    : "Changed the database password of ")
                + file
                + "; every secret in it is encrypted under the new one.");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
