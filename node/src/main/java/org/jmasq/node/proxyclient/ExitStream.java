package org.jmasq.node.proxyclient;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jmasq.crypto.PublicKey;
import org.jmasq.node.hopper.Transmitter;
import org.jmasq.node.runtime.NodeRuntime;
import org.jmasq.node.stream.Acknowledger;
import org.jmasq.node.stream.OrderedWriter;
import org.jmasq.node.stream.SendWindow;
import org.jmasq.node.stream.WindowBudget;
import org.jmasq.payload.ClientResponse;
import org.jmasq.payload.DnsResolveFailure;
import org.jmasq.payload.ExitFailure;
import org.jmasq.payload.MessageType;
import org.jmasq.payload.SequencedPacket;
import org.jmasq.payload.StreamAck;
import org.jmasq.payload.StreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream at the exit: resolves and connects to the target, writes the client's data in order,
 * and sends the server's bytes back along the route the requests came by, sealed to the
 * originator's alias key. Its first response (sequence 0, no data) tells the originator the
 * connection is open.
 */
final class ExitStream {
  private static final Logger log = LoggerFactory.getLogger(ExitStream.class);
  static final int READ_CHUNK = SequencedPacket.MAX_DATA;
  private static final long MAX_BUFFERED_REQUEST_BYTES = 4L << 20;

  /** How long a server read may wait for the originator to acknowledge earlier data. */
  static final Duration ACK_PATIENCE = Duration.ofSeconds(60);

  private final StreamKey key;
  private final String host;
  private final int port;
  private final WaysBack.Way wayBack;
  private final HostResolver resolver;
  private final ExitPolicy policy;
  private final OriginConnector origins;
  private final Duration connectTimeout;
  private final Transmitter transmitter;
  private final Runnable onClosed;
  private final java.util.concurrent.atomic.LongAdder bytesFromServer;
  private final OrderedWriter requests = new OrderedWriter(MAX_BUFFERED_REQUEST_BYTES);
  private final SendWindow responseWindow = new SendWindow(SendWindow.DEFAULT_WINDOW);
  private final Acknowledger acknowledger;
  private final AtomicBoolean finished = new AtomicBoolean();

  /**
   * The stream's payer, as the exit sees it once the stream is open: the packages that come in pass
   * the Hopper's gate, but a server's bytes go out without one, so the exit asks before each.
   */
  interface ResponsePayer {
    /** Whether the server's next bytes may go to the payer. */
    boolean mayBeServed();

    /** Bills the payer for a response of this many data bytes, once it is sent. */
    void responded(int dataSize);

    /** No payer: a zero-hop Node serving itself. */
    ResponsePayer FREE =
        new ResponsePayer() {
          @Override
          public boolean mayBeServed() {
            return true;
          }

          @Override
          public void responded(int dataSize) {}
        };
  }

  private final ResponsePayer payer;

  private volatile OriginConnector.Connection server;
  private long nextSequence;

  ExitStream(
      StreamKey key,
      PublicKey originatorKey,
      String host,
      int port,
      WaysBack.Way wayBack,
      HostResolver resolver,
      ExitPolicy policy,
      OriginConnector origins,
      Duration connectTimeout,
      Transmitter transmitter,
      java.util.concurrent.atomic.LongAdder bytesFromServer,
      Runnable onClosed,
      ResponsePayer payer,
      WindowBudget windows,
      Object windowOwner) {
    this.payer = payer;
    this.bytesFromServer = bytesFromServer;
    this.key = key;
    this.acknowledger =
        new Acknowledger(
            windows,
            windowOwner,
            (written, window) -> send(new StreamAck(key, originatorKey, written, window)),
            window -> requests.raiseLimit(2 * window));
    this.host = host;
    this.port = port;
    this.wayBack = wayBack;
    this.resolver = resolver;
    this.policy = policy;
    this.origins = origins;
    this.connectTimeout = connectTimeout;
    this.transmitter = transmitter;
    this.onClosed = onClosed;
  }

  void start(NodeRuntime runtime) {
    runtime.startIo("exit-" + key, () -> run(runtime));
  }

  /** The originator has written this many response bytes to its client, and holds more. */
  void onAck(long written, long window) {
    responseWindow.acknowledge(written, window);
  }

  /**
   * Queues client data; blocks while too much waits for a slow server. Returns whether the packet
   * was new to the stream (not a duplicate, nor one already written, nor one after the end).
   */
  boolean onRequest(SequencedPacket packet) {
    try {
      if (!requests.offer(packet)) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finish();
      return false;
    }
    return true;
  }

  private void run(NodeRuntime runtime) {
    Optional<OriginConnector.Connection> connected = connect();
    if (connected.isEmpty()) {
      finish();
      return;
    }
    server = connected.get();
    if (finished.get()) {
      // Finished while connecting: finish() found no connection to close, and will not run again.
      closeQuietly(connected.get());
      return;
    }
    if (!respond(new byte[0], false)) {
      finish();
      return;
    }
    runtime.startIo("exit-reader-" + key, this::readServer);
    try {
      if (requests.drainTo(
              server.output(), total -> acknowledger.written(total, requests.bufferedBytes()))
          == OrderedWriter.End.LAST_DATA) {
        log.debug("Stream {}: the client closed; closing the server side", key);
      }
    } catch (IOException e) {
      log.debug("Stream {}: server write failed: {}", key, e.getMessage());
      if (!finished.get()) {
        respond(new byte[0], true);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    finish();
  }

  private Optional<OriginConnector.Connection> connect() {
    List<InetAddress> resolved;
    try {
      resolved = resolver.resolve(host);
    } catch (UnknownHostException e) {
      log.info("Exit could not resolve {}", host);
      failWith(new DnsResolveFailure(key));
      return Optional.empty();
    }
    List<InetAddress> allowed = new ArrayList<>();
    String refusal = null;
    for (InetAddress address : resolved) {
      if (address.isAnyLocalAddress()) {
        continue; // the reference filters 0.0.0.0 answers: they mean "blocked" on many resolvers
      }
      Optional<String> kind = policy.refusal(address);
      if (kind.isPresent()) {
        String ip = address.getHostAddress();
        String why =
            ip.equals(host)
                ? ip + " is a " + kind.get() + " address"
                : host + " resolves to " + ip + ", a " + kind.get() + " address";
        refusal = refusal == null ? why : refusal;
      } else {
        allowed.add(address);
      }
    }
    if (allowed.isEmpty()) {
      if (refusal != null) {
        log.info("Exit refused {}: {}", host, refusal);
        failWith(new ExitFailure(key, ExitFailure.Reason.REFUSED_BY_POLICY, refusal));
      } else {
        failWith(new DnsResolveFailure(key));
      }
      return Optional.empty();
    }
    IOException last = null;
    for (InetAddress address : allowed) {
      try {
        return Optional.of(origins.connect(new InetSocketAddress(address, port), connectTimeout));
      } catch (IOException e) {
        last = e;
      }
    }
    failWith(new ExitFailure(key, reasonOf(last), describe(last)));
    return Optional.empty();
  }

  private static ExitFailure.Reason reasonOf(IOException e) {
    if (e instanceof ConnectException) {
      return ExitFailure.Reason.CONNECTION_REFUSED;
    }
    if (e instanceof SocketTimeoutException) {
      return ExitFailure.Reason.TIMED_OUT;
    }
    if (e instanceof NoRouteToHostException) {
      return ExitFailure.Reason.UNREACHABLE;
    }
    return ExitFailure.Reason.UNREACHABLE;
  }

  private String describe(IOException e) {
    String message = e == null || e.getMessage() == null ? "no usable address" : e.getMessage();
    String detail = host + ":" + port + ": " + message;
    return detail.length() > ExitFailure.MAX_DETAIL
        ? detail.substring(0, ExitFailure.MAX_DETAIL)
        : detail;
  }

  private void readServer() {
    byte[] buffer = new byte[READ_CHUNK];
    try {
      InputStream in = server.input();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (n == 0) {
          continue;
        }
        if (!payer.mayBeServed()) {
          log.info("Stream {}: its payer is no longer served here; ending the stream", key);
          break;
        }
        if (!responseWindow.acquire(n, ACK_PATIENCE)) {
          log.info("Stream {}: the originator stopped acknowledging; ending the stream", key);
          finish();
          return;
        }
        // The packet keeps a copy of its own: a full buffer needs no other.
        if (!respond(n == buffer.length ? buffer : Arrays.copyOf(buffer, n), false)) {
          break;
        }
        bytesFromServer.add(n);
      }
      if (!finished.get()) {
        respond(new byte[0], true);
      }
    } catch (IOException e) {
      // Closed by us after the client's close: the reference's exit stays silent then.
      if (!finished.get()) {
        respond(new byte[0], true);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    finish();
  }

  /** Sends a response; numbers are taken under the lock, the send is not (the far end reorders). */
  private boolean respond(byte[] data, boolean last) {
    long sequence;
    synchronized (this) {
      if (finished.get()) {
        return false;
      }
      sequence = nextSequence++;
    }
    boolean sent = send(new ClientResponse(key, new SequencedPacket(data, sequence, last)));
    if (sent) {
      payer.responded(data.length);
    }
    return sent;
  }

  /**
   * Ends the stream and then tells the originator why: whoever hears of the failure finds the
   * stream already forgotten, and a new stream under the same key starts afresh.
   */
  private void failWith(MessageType failure) {
    finish();
    send(failure);
  }

  private boolean send(MessageType message) {
    try {
      wayBack.send(transmitter, message);
      return true;
    } catch (IOException e) {
      log.info("Stream {}: the way back to the originator failed: {}", key, e.getMessage());
      finish();
      return false;
    }
  }

  /** Ends the stream once: stops the writer, closes the server connection, forgets the stream. */
  void finish() {
    if (finished.compareAndSet(false, true)) {
      requests.abort();
      acknowledger.release();
      wayBack.left();
      responseWindow.close();
      OriginConnector.Connection s = server;
      if (s != null) {
        closeQuietly(s);
      }
      onClosed.run();
    }
  }

  private static void closeQuietly(OriginConnector.Connection s) {
    try {
      s.close();
    } catch (IOException e) {
      log.debug("close failed: {}", e.getMessage());
    }
  }
}
