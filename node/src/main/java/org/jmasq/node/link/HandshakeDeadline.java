package org.jmasq.node.link;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jmasq.node.runtime.Cancellable;
import org.jmasq.node.runtime.NodeRuntime;

/**
 * The absolute deadline of one link handshake, TLS and link hello together, in either direction: a
 * per-read timeout alone let a peer that sent a byte every few seconds hold a socket and a thread
 * for minutes. Whichever comes first settles it: the handshake, or the deadline, which closes the
 * socket so the handshake fails as overdue.
 *
 * <p>Threading: the deadline is one of the runtime's timers; the close it causes runs on an I/O
 * thread ({@link #closeSoon}).
 */
final class HandshakeDeadline {
  /**
   * An honest handshake takes three round trips and two key agreements: well under a second, and a
   * few seconds on the slowest links.
   */
  static final Duration LIMIT = Duration.ofSeconds(10);

  private final AtomicBoolean settled = new AtomicBoolean();
  private final Cancellable timer;
  private final Duration limit;

  private HandshakeDeadline(NodeRuntime runtime, Duration limit, Socket socket) {
    this.limit = limit;
    this.timer =
        runtime.schedule(
            limit,
            () -> {
              if (settled.compareAndSet(false, true)) {
                closeSoon(runtime, socket);
              }
            });
  }

  /** Starts the clock on {@code socket}'s handshake. */
  static HandshakeDeadline start(NodeRuntime runtime, Duration limit, Socket socket) {
    return new HandshakeDeadline(runtime, limit, socket);
  }

  /**
   * The handshake is done: {@code result}, if it was in time.
   *
   * @throws LinkRefusedException if the deadline came first (its socket is being closed)
   */
  <T> T met(T result) throws LinkRefusedException {
    if (settled.compareAndSet(false, true)) {
      timer.cancel();
      return result;
    }
    throw overdue();
  }

  /** What to report for a failed handshake: that it was overdue, if the deadline closed it. */
  IOException explain(IOException failure) {
    timer.cancel();
    return settled.get() && !(failure instanceof LinkRefusedException) ? overdue() : failure;
  }

  /** The handshake failed otherwise; the deadline is off. */
  void cancel() {
    timer.cancel();
  }

  private LinkRefusedException overdue() {
    return new LinkRefusedException(
        "the handshake did not finish within " + limit.toSeconds() + " s");
  }

  /**
   * Closes {@code socket} on an I/O thread of its own: closing a TLS socket may write an alert, so
   * it never runs on the timer thread or under a lock.
   */
  static void closeSoon(NodeRuntime runtime, Socket socket) {
    runtime.startIo(
        "link-close-" + socket.getPort(),
        () -> {
          try {
            socket.close();
          } catch (IOException e) {
            // A socket that will not close has nothing more to say; its handshake fails anyway.
          }
        });
  }
}
