package org.jmasq.node.neighborhood;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits for the answer to a question asked of the Neighborhood's mailbox, within a limit. */
final class Answers {
  private static final Logger log = LoggerFactory.getLogger(NeighborhoodService.class);

  private Answers() {}

  /**
   * The answer, or empty if it did not come within {@code limit}, the question failed, or the
   * mailbox closed before it was asked (each logged, quietly for a closed mailbox).
   */
  static <T> Optional<T> within(CompletableFuture<T> answer, Duration limit) {
    try {
      return Optional.ofNullable(answer.get(limit.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RejectedExecutionException) {
        log.debug("Neighborhood query dropped at shutdown");
      } else {
        log.warn("Neighborhood query failed: {}", e.getCause().toString());
      }
      return Optional.empty();
    } catch (TimeoutException e) {
      log.warn("Neighborhood query failed: {}", e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
