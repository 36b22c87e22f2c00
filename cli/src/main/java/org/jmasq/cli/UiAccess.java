package org.jmasq.cli;

import java.time.Duration;
import java.util.function.Consumer;
import org.jmasq.node.ui.UiMessage;

/**
 * How a UI command reaches the Node: a connection of its own that it closes when done (one-shot
 * {@code jmasq <command>}), or the shell's, which stays open between commands so notifications keep
 * arriving.
 */
interface UiAccess {
  UiConnection connect(int port, Duration timeout, Consumer<UiMessage> notifications)
      throws Refusal, NoNodeRunning;

  /** Done with a connection {@link #connect} gave. */
  void release(UiConnection connection);

  /** Each command opens its own connection and closes it afterwards. */
  UiAccess ONE_SHOT =
      new UiAccess() {
        @Override
        public UiConnection connect(int port, Duration timeout, Consumer<UiMessage> notifications)
            throws Refusal, NoNodeRunning {
          return UiConnection.open(port, timeout, notifications);
        }

        @Override
        public void release(UiConnection connection) {
          connection.close();
        }
      };
}
