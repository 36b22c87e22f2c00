package org.jmasq.cli;

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
  @Spec CommandSpec spec;

  @Mixin DatabaseLocation location;

  @Option(
      names = "--old-password",
      description = "The password set now; leave it out when none is set yet.")
  String oldPassword;

  @Option(names = "--new-password", required = true, description = "The password to set.")
  String newPassword;

  @Override
  public Integer call() throws Exception {
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
