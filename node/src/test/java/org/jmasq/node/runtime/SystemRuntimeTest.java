package org.jmasq.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real Node's runtime: what its close promises, and what it does with work that comes late. */
@Timeout(60)
class SystemRuntimeTest {
  @Test
  void scheduling_once_the_runtime_is_closed_does_nothing_and_throws_nothing() {
    SystemRuntime runtime = new SystemRuntime();
    runtime.close();

    Cancellable once = runtime.schedule(Duration.ZERO, () -> {});
    Cancellable tick = runtime.scheduleAtFixedRate(Duration.ofMillis(1), () -> {});
    once.cancel();
    tick.cancel();
  }

  @Test
  void closing_waits_until_the_mailboxes_have_stopped() throws InterruptedException {
    SystemRuntime runtime = new SystemRuntime();
    LastWriteTask task = new LastWriteTask(Thread.currentThread());
    runtime.mailbox("box").execute(task);
    task.awaitRunning();

    runtime.close();

    assertThat(task.written).as("written before close returned").containsExactly("last write");
  }
}
