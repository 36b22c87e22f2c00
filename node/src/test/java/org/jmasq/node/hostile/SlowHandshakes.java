package org.jmasq.node.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Handshake exhaustion as an attacker mounts it: raw TCP connections to a Node's clandestine port,
 * each from a given loopback address, that send a TLS ClientHello one byte a second and never
 * finish it. A connection the Node closes is opened again on the next second while the attacker
 * re-dials. What the Node did is recorded: how long each connection lived.
 *
 * <p>Threading: one timer thread dials and drips; one virtual thread per connection waits for the
 * Node to close it. Hooks run on the timer thread after each second's work.
 */
final class SlowHandshakes implements AutoCloseable {
  /** A TLS record header and a ClientHello header that promise far more bytes than will come. */
  private static final byte[] HELLO = {
    0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03, 0x5a, 0x5a, 0x5a
  };

  private static final int CONNECT_TIMEOUT_MS = 1_000;

  private final class Connection {
    final Socket socket = new Socket();
    final long openedAt = System.nanoTime();
    volatile long closedAt = -1;
    int sent;

    Connection(InetAddress from) {
      try {
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(target, CONNECT_TIMEOUT_MS);
        opened.incrementAndGet();
        Thread.ofVirtual().start(this::awaitClose);
      } catch (IOException e) {
        closed();
      }
    }

    void drip() {
      if (closedAt < 0) {
        try {
          socket.getOutputStream().write(HELLO[sent++ % HELLO.length]);
        } catch (IOException e) {
          // the Node closed it; the reader records when
        }
      }
    }

    private void awaitClose() {
      try (InputStream in = socket.getInputStream()) {
        while (in.read() >= 0) {
          // an alert, perhaps: read on to the end
        }
      } catch (IOException e) {
        // a reset ends it too
      }
      closed();
    }

    private void closed() {
      if (closedAt < 0) {
        closedAt = System.nanoTime();
        lifetimes.add(closedAt - openedAt);
      }
      try {
        socket.close();
      } catch (IOException e) {
        // nothing left to do with it
      }
    }
  }

  private final InetSocketAddress target;
  private final List<InetAddress> sources;
  private final AtomicReferenceArray<Connection> current;
  private final List<Long> lifetimes = new CopyOnWriteArrayList<>();
  private final List<Runnable> hooks = new CopyOnWriteArrayList<>();
  private final AtomicInteger opened = new AtomicInteger();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private volatile boolean redialling = true;

  /** One connection from each of {@code sources} (an address may repeat) to {@code target}. */
  SlowHandshakes(InetSocketAddress target, List<InetAddress> sources) {
    this.target = target;
    this.sources = List.copyOf(sources);
    this.current = new AtomicReferenceArray<>(sources.size());
  }

  /** Opens every connection now, then drips and re-dials once a second. */
  void start() {
    timer.execute(
        () -> {
          for (int i = 0; i < current.length(); i++) {
            current.set(i, new Connection(sources.get(i)));
          }
        });
    timer.scheduleAtFixedRate(this::second, 1, 1, TimeUnit.SECONDS);
  }

  /** Runs {@code hook} on the timer thread after each second's dials and drips. */
  void everySecond(Runnable hook) {
    hooks.add(hook);
  }

  /** Opens no more connections; the open ones go on dripping. */
  void stopRedialling() {
    redialling = false;
  }

  private void second() {
    for (int i = 0; i < current.length(); i++) {
      if (current.get(i).closedAt >= 0 && redialling) {
        current.set(i, new Connection(sources.get(i)));
      } else {
        current.get(i).drip();
      }
    }
    for (Runnable hook : hooks) {
      try {
        hook.run();
      } catch (RuntimeException e) {
        // Kept for the test to see; a periodic task that threw would never run again.
        failure.compareAndSet(null, e);
      }
    }
  }

  /** The first failure of a hook, if any. */
  RuntimeException failure() {
    return failure.get();
  }

  /** Connections the Node has not closed yet. */
  int stillOpen() {
    int open = 0;
    for (Connection c : all()) {
      if (c != null && c.closedAt < 0) {
        open++;
      }
    }
    return open;
  }

  /** The longest any connection lived, or has lived so far, in nanoseconds. */
  long longestLifetimeNanos() {
    long longest = lifetimes.stream().mapToLong(Long::longValue).max().orElse(0);
    long now = System.nanoTime();
    for (Connection c : all()) {
      if (c != null && c.closedAt < 0) {
        longest = Math.max(longest, now - c.openedAt);
      }
    }
    return longest;
  }

  /** Connections opened so far. */
  int opened() {
    return opened.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Connection c : all()) {
      if (c != null) {
        c.closed();
      }
    }
  }

  private List<Connection> all() {
    List<Connection> all = new ArrayList<>();
    for (int i = 0; i < current.length(); i++) {
      all.add(current.get(i));
    }
    return all;
  }
}
