package org.jmasq.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Optional;
import org.jmasq.node.DatabaseConfigurator;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.ui.ConfigurationHandlers;
import picocli.CommandLine.Mixin;

/**
 * What {@code set-password} and {@code change-password} share: one {@code changePassword} request,
 * asked of the Node on {@code --ui-port}, or, when none is running, answered by the Node's own
 * handler over the database in {@code --data-directory}.
 */
abstract class PasswordCommand extends UiCommand {
  @Mixin StoppedNodeOptions stopped = new StoppedNodeOptions();

  private ObjectNode request;
  private Optional<String> oldPassword = Optional.empty();

  /** Sets the first password ({@code oldPassword} empty) or changes it. */
  int change(Optional<String> oldPassword, String newPassword) throws Exception {
    this.oldPassword = oldPassword;
    request = object();
    oldPassword.ifPresentOrElse(
        p -> request.put("oldPasswordOpt", p), () -> request.putNull("oldPasswordOpt"));
    request.put("newPassword", newPassword);
    try {
      return super.call();
    } catch (NoNodeRunning none) {
      StoppedNode.answer(
          spec,
          none,
          stopped,
          oldPassword,
          db ->
              ConfigurationHandlers.changePassword(Optional.of(DatabaseConfigurator.passwords(db))),
          request);
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          (oldPassword.isEmpty()
                  ? "Set the database password of "
                  : "Changed the database password of ")
              + stopped.dataDirectory.resolve(NodeDatabase.FILE_NAME)
              + "; every secret in it is encrypted under the new one.");
      out.flush();
      return 0;
    }
  }

  @Override
  int run(UiConnection node, PrintWriter out) throws Exception {
    node.ask("changePassword", request);
    out.println(
        oldPassword.isEmpty()
            ? "Database password has been set"
            : "Database password has been changed");
    return 0;
  }

  /** Warns that a password typed as a word of a one-shot command is seen by others. */
  void warnTyped() {
    if (access == UiAccess.ONE_SHOT) {
      spec.commandLine()
          .getErr()
          .println(
              "jmasq: warning: a password on the command line can be read by other users"
                  + " (ps) and stays in the shell's history; jmasq shell keeps it out");
    }
  }
}
