package org.jmasq.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.ui.UiAnswer;
import org.jmasq.node.ui.UiHandler;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Answers a UI request as a running Node answers it, by the Node's own handler, over the database
 * of a stopped Node: the one code path of a command that works with and without a Node. The data
 * directory's lock is taken, so no Node starts while the command changes its database.
 */
final class StoppedNode {
  private StoppedNode() {}

  /** The handler of one opcode over a database. */
  @FunctionalInterface
  interface Handler {
    UiHandler over(NodeDatabase database) throws Exception;
  }

  /**
   * The answer of {@code handler} to {@code request} over the database {@code where} names; an
   * error answer is a {@link UiFailure}, said in one line as the Node's would be.
   *
   * @param none why the Node was not asked: said again when there is no directory to read
   * @param password checked when the database is opened, before anything is written
   */
  static ObjectNode answer(
      CommandSpec spec,
      NoNodeRunning none,
      StoppedNodeOptions where,
      Optional<String> password,
      Handler handler,
      ObjectNode request)
      throws Exception {
    Path directory = where.directory(spec, none);
    try (LockedDatabase locked = LockedDatabase.open(directory, where.chain, password)) {
      return switch (handler.over(locked.database()).handle(request)) {
        case UiAnswer.Ok ok -> ok.payload();
        case UiAnswer.Failed f -> throw new UiFailure(f.code(), f.message());
      };
    }
  }
}
