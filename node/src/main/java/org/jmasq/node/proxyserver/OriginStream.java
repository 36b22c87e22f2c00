package org.jmasq.node.proxyserver;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jmasq.crypto.PublicKey;
import org.jmasq.node.hopper.Transmitter;
import org.jmasq.node.runtime.NodeRuntime;
import org.jmasq.node.stream.Acknowledger;
import org.jmasq.node.stream.OrderedWriter;
import org.jmasq.node.stream.SendWindow;
import org.jmasq.node.stream.WindowBudget;
import org.jmasq.payload.ClientRequest;
import org.jmasq.payload.SequencedPacket;
import org.jmasq.payload.StreamAck;
import org.jmasq.payload.StreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection on the originating Node: its current route, the sealer for its exit, and
 * the two directions. The client's reader thread sends requests; a writer thread writes responses
 * in order. Until the exit confirms the connection, requests are kept so that a DNS failure can be
 * retried through another exit with the same bytes. Whichever side ends first closes the stream
 * once, and nothing is sent after that.
 */
final class OriginStream {
  private static final Logger log = LoggerFactory.getLogger(OriginStream.class);
  static final int READ_CHUNK = SequencedPacket.MAX_DATA;
  private static final long MAX_BUFFERED_RESPONSE_BYTES = 4L << 20;

  /** What is kept for a retry; a client that sends more before the exit answers gets no retry. */
  private static final long MAX_UNCONFIRMED_BYTES = 1L << 20;

  final StreamKey key;
  final Target target;
  private final ClientSide client;
  private final PublicKey aliasKey;
  private final Transmitter transmitter;
  private final Runnable onClosed;
  private final OwnTraffic own;

  /** How long the client's reader waits for the exit to acknowledge earlier requests. */
  static final Duration ACK_PATIENCE = Duration.ofSeconds(60);

  /**
   * How long a client told its stream is open before the exit confirmed it has to send its first
   * bytes, for them to travel with the opening. A client that speaks first (HTTP, TLS) sends them
   * at once; one whose server speaks first sends nothing, and its opening leaves after this.
   */
  static final Duration EARLY_DATA_WAIT = Duration.ofMillis(30);

  private final OrderedWriter responses = new OrderedWriter(MAX_BUFFERED_RESPONSE_BYTES);
  private final SendWindow requestWindow = new SendWindow(SendWindow.DEFAULT_WINDOW);
  private final Acknowledger acknowledger;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final List<SequencedPacket> unconfirmed = new ArrayList<>();
  private long unconfirmedBytes;
  private volatile SharedRoute path;
  private volatile NodeRuntime runtime;
  private volatile boolean connected;
  private int retriesLeft;
  private long nextSequence;

  /**
   * The exits this stream was sent through. A retry never goes back to one: an exit remembers the
   * streams it closed (its replay defence) and drops this one's packages silently, so the client
   * would wait for nothing.
   */
  private final Set<PublicKey> exitsTried = new HashSet<>();

  OriginStream(
      StreamKey key,
      Target target,
      ClientSide client,
      SharedRoute path,
      PublicKey aliasKey,
      Transmitter transmitter,
      int retries,
      OwnTraffic own,
      WindowBudget windows,
      Runnable onClosed) {
    this.own = own;
    this.acknowledger =
        new Acknowledger(
            windows, aliasKey, this::acknowledge, window -> responses.raiseLimit(2 * window));
    this.key = key;
    this.target = target;
    this.client = client;
    this.path = path;
    this.aliasKey = aliasKey;
    this.transmitter = transmitter;
    this.retriesLeft = retries;
    this.onClosed = onClosed;
    exitsTried.add(path.legs.exit());
  }

  SharedRoute path() {
    return path;
  }

  /**
   * Sends the first request and starts both directions. A client that is told its stream is open at
   * once (optimistic data) is told so first, and its first bytes go in that request.
   */
  void start(NodeRuntime runtime, byte[] firstData) {
    this.runtime = runtime;
    byte[] first = firstData;
    if (first.length == 0 && client.opensOptimistically()) {
      try {
        client.connected();
        first = client.readEarly(READ_CHUNK, EARLY_DATA_WAIT);
        own.carried(first.length);
      } catch (IOException e) {
        log.debug("Stream {}: the client went before its stream opened: {}", key, e.getMessage());
        close();
        return;
      }
    }
    try {
      requestWindow.acquire(first.length, ACK_PATIENCE);
      send(first, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      return;
    } catch (IOException e) {
      fail(
          new StreamFailure(
              StreamFailure.Kind.NO_ROUTE,
              target.host(),
              "The first hop could not be reached: " + e.getMessage()));
      return;
    }
    runtime.startIo("client-reader-" + key, this::readClient);
    runtime.startIo("client-writer-" + key, this::writeClient);
  }

  private void send(byte[] data, boolean last) throws IOException {
    SequencedPacket packet;
    SharedRoute current;
    synchronized (this) {
      packet = new SequencedPacket(data, nextSequence++, last);
      current = path;
      if (!connected && retriesLeft > 0) {
        if (unconfirmedBytes + data.length > MAX_UNCONFIRMED_BYTES) {
          // Too much to keep for a replay: this stream will not be retried.
          retriesLeft = 0;
          unconfirmed.clear();
        } else {
          unconfirmed.add(packet);
          unconfirmedBytes += data.length;
        }
      }
    }
    transmit(current, packet);
  }

  private void transmit(SharedRoute via, SequencedPacket packet) throws IOException {
    ClientRequest request =
        new ClientRequest(
            key, packet, Optional.of(target.host()), target.port(), target.protocol(), aliasKey);
    via.send(transmitter, request, Optional.of(packet.length()));
  }

  /** Whether a DNS failure may still be retried: retries are left and every request is kept. */
  synchronized boolean canRetry() {
    return retriesLeft > 0 && !connected && !finished.get();
  }

  /** Whether this stream was already sent through {@code exit}. */
  synchronized boolean triedExit(PublicKey exit) {
    return exitsTried.contains(exit);
  }

  /** Moves the stream to {@code next} and sends it every request the failed exit had. */
  void retryOn(SharedRoute next) {
    List<SequencedPacket> replay;
    synchronized (this) {
      retriesLeft--;
      path = next;
      exitsTried.add(next.legs.exit());
      replay = List.copyOf(unconfirmed);
    }
    log.info(
        "Stream to {}: the exit could not resolve it; trying another exit over {}",
        target,
        next.describe());
    try {
      for (SequencedPacket packet : replay) {
        transmit(next, packet);
      }
    } catch (IOException e) {
      fail(
          new StreamFailure(
              StreamFailure.Kind.NO_ROUTE,
              target.host(),
              "The first hop could not be reached: " + e.getMessage()));
    }
  }

  private void readClient() {
    byte[] buffer = new byte[READ_CHUNK];
    try {
      InputStream in = client.input();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (finished.get()) {
          return;
        }
        if (n > 0) {
          own.carried(n);
          if (!requestWindow.acquire(n, ACK_PATIENCE)) {
            log.info("Stream {}: the exit stopped acknowledging", key);
            break;
          }
          // The packet keeps a copy of its own: a full buffer needs no other.
          send(n == buffer.length ? buffer : Arrays.copyOf(buffer, n), false);
        }
      }
    } catch (IOException e) {
      log.debug("Stream {}: client read ended: {}", key, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeFromClientSide();
  }

  /** The client has gone: tell the exit to close its side, then close ours. */
  private void closeFromClientSide() {
    if (finished.compareAndSet(false, true)) {
      try {
        send(new byte[0], true);
      } catch (IOException e) {
        log.debug("Stream {}: could not send the close to the exit: {}", key, e.getMessage());
      }
      closeLocally();
    }
  }

  private void writeClient() {
    try {
      long[] counted = {0};
      OrderedWriter.End end =
          responses.drainTo(
              client.output(),
              total -> {
                own.carried(total - counted[0]);
                counted[0] = total;
                acknowledger.written(total, responses.bufferedBytes());
              });
      if (end == OrderedWriter.End.LAST_DATA && finished.compareAndSet(false, true)) {
        closeLocally();
      }
    } catch (IOException e) {
      log.debug("Stream {}: client write failed: {}", key, e.getMessage());
      closeFromClientSide();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
    }
  }

  /** A response chunk from the exit; the first (sequence 0, no data) confirms the connection. */
  void onResponse(SequencedPacket packet) {
    if (finished.get()) {
      return;
    }
    try {
      if (!connected && packet.sequenceNumber() == 0) {
        synchronized (this) {
          connected = true;
          unconfirmed.clear();
        }
        client.connected();
      }
      responses.offer(packet);
    } catch (IOException e) {
      close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
    }
  }

  /** The exit has written this many request bytes to the server, and holds {@code window} more. */
  void onAck(long written, long window) {
    requestWindow.acknowledge(written, window);
  }

  /** Tells the exit how many response bytes the client has taken, so it may send more. */
  private void acknowledge(long written, long window) {
    try {
      path.send(transmitter, new StreamAck(key, aliasKey, written, window), Optional.empty());
    } catch (IOException e) {
      log.debug("Stream {}: could not acknowledge: {}", key, e.getMessage());
    }
  }

  boolean isConnected() {
    return connected;
  }

  boolean isFinished() {
    return finished.get();
  }

  /**
   * Tells the client why the stream failed and closes it; the exit has already given up. A client
   * told its stream was open before the exit confirmed it is told on an I/O thread of its own: its
   * answer may wait for its first bytes, and this runs on a link's reader.
   */
  void fail(StreamFailure failure) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    log.info("Stream to {} failed: {} {}", target, failure.kind(), failure.detail());
    NodeRuntime io = runtime;
    if (client.opensOptimistically() && !connected && io != null) {
      io.startIo("fail-" + key, () -> tellAndClose(failure));
    } else {
      tellAndClose(failure);
    }
  }

  private void tellAndClose(StreamFailure failure) {
    try {
      if (!connected) {
        client.failed(failure);
      }
    } catch (IOException e) {
      log.debug("Stream {}: could not tell the client: {}", key, e.getMessage());
    }
    closeLocally();
  }

  /** Closes without telling the exit (used at shutdown and when the route is gone). */
  void close() {
    if (finished.compareAndSet(false, true)) {
      closeLocally();
    }
  }

  /**
   * Forgets the stream before closing the client, so whoever sees the client closed finds it gone.
   */
  private void closeLocally() {
    responses.abort();
    acknowledger.release();
    requestWindow.close();
    onClosed.run();
    client.close();
  }
}
