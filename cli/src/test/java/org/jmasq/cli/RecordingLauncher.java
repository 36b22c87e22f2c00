package org.jmasq.cli;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link NodeLauncher} that starts nothing: it records each launch, gives process ids from 1000
 * and UI ports from 40000, and its Nodes end when a test completes their exit.
 */
final class RecordingLauncher implements NodeLauncher {
  final List<Map<String, String>> environments = new CopyOnWriteArrayList<>();
  final List<Launched> launched = new CopyOnWriteArrayList<>();
  volatile IOException failure;

  @Override
  public Launched launch(Map<String, String> environment, int uiPort) throws IOException {
    if (failure != null) {
      throw failure;
    }
    environments.add(environment);
    Launched node = new Launched(1000 + launched.size(), uiPort, new CompletableFuture<>());
    launched.add(node);
    return node;
  }

  @Override
  public int freePort() {
    return 40000 + launched.size();
  }
}
