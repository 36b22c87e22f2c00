package org.jmasq.cli;

import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code jmasq set-password NEW}: the first database password of a Node that has none, as the
 * reference's masq sets it; {@code change-password} changes one that is set.
 */
@Command(
    name = "set-password",
    mixinStandardHelpOptions = true,
    description = {
      "Set the first password that encrypts the secrets in a Node's database.",
      "Asks the Node on --ui-port; when none is running, changes the database in --data-directory."
    })
final class SetPasswordCommand extends PasswordCommand {
  @Parameters(paramLabel = "NEW", description = "The password to set.")
  String newPassword;

  @Override
  public Integer call() throws Exception {
    if (newPassword.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "NEW must not be empty");
    }
    warnTyped();
    return change(Optional.empty(), newPassword);
  }
}
