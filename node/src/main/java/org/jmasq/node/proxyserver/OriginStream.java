package org.jmasq.node.proxyserver;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jmasq.cores.IncipientCoresPackage;
import org.jmasq.cores.RoutePlan;
import org.jmasq.crypto.EnvelopeSealer;
import org.jmasq.crypto.PublicKey;
import org.jmasq.node.hopper.Transmitter;
import org.jmasq.node.stream.OrderedWriter;
import org.jmasq.payload.ClientRequest;
import org.jmasq.payload.PayloadEnvelopes;
import org.jmasq.payload.SequencedPacket;
import org.jmasq.payload.StreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection on the originating Node: its route plan, the sealer for its exit, and the
 * two directions. The client's reader thread sends requests; a writer thread writes responses in
 * order. Whichever side ends first closes the stream once, and nothing is sent after that.
 */
final class OriginStream {
  private static final Logger log = LoggerFactory.getLogger(OriginStream.class);
  static final int READ_CHUNK = SequencedPacket.MAX_DATA;
  private static final long MAX_BUFFERED_RESPONSE_BYTES = 4L << 20;

  final StreamKey key;
  final long returnRouteId;
  final Target target;
  private final ClientSide client;
  private final RoutePlan plan;
  private final EnvelopeSealer exitSealer;
  private final PublicKey aliasKey;
  private final Transmitter transmitter;
  private final Runnable onClosed;
  private final OrderedWriter responses = new OrderedWriter(MAX_BUFFERED_RESPONSE_BYTES);
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile boolean connected;
  private long nextSequence;

  OriginStream(
      StreamKey key,
      long returnRouteId,
      Target target,
      ClientSide client,
      RoutePlan plan,
      EnvelopeSealer exitSealer,
      PublicKey aliasKey,
      Transmitter transmitter,
      Runnable onClosed) {
    this.key = key;
    this.returnRouteId = returnRouteId;
    this.target = target;
    this.client = client;
    this.plan = plan;
    this.exitSealer = exitSealer;
    this.aliasKey = aliasKey;
    this.transmitter = transmitter;
    this.onClosed = onClosed;
  }

  /** Sends the first request and starts both directions. */
  void start(byte[] firstData) {
    try {
      send(firstData, false);
    } catch (IOException e) {
      fail(new StreamFailure(StreamFailure.Kind.NO_ROUTE, target.host(), "The first hop could not be reached."));
      return;
    }
    Thread.ofVirtual().name("client-reader-" + key).start(this::readClient);
    Thread.ofVirtual().name("client-writer-" + key).start(this::writeClient);
  }

  private void send(byte[] data, boolean last) throws IOException {
    ClientRequest request =
        new ClientRequest(
            key, new SequencedPacket(data, nextSequence++, last), Optional.of(target.host()),
            target.port(), target.protocol(), aliasKey);
    transmitter.transmit(new IncipientCoresPackage(plan.seal(), PayloadEnvelopes.seal(exitSealer, request)));
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
          send(Arrays.copyOf(buffer, n), false);
        }
      }
    } catch (IOException e) {
      log.debug("Stream {}: client read ended: {}", key, e.getMessage());
    }
    // The client has gone: tell the exit to close its side, then close ours.
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
      OrderedWriter.End end = responses.drainTo(client.output());
      if (end == OrderedWriter.End.LAST_DATA && finished.compareAndSet(false, true)) {
        closeLocally();
      }
    } catch (IOException e) {
      log.debug("Stream {}: client write failed: {}", key, e.getMessage());
      if (finished.compareAndSet(false, true)) {
        try {
          send(new byte[0], true);
        } catch (IOException ignored) {
          log.debug("Stream {}: could not send the close to the exit", key);
        }
        closeLocally();
      }
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
        connected = true;
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

  boolean isConnected() {
    return connected;
  }

  /** Tells the client why the stream failed and closes it; the exit has already given up. */
  void fail(StreamFailure failure) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    log.info("Stream to {} failed: {} {}", target, failure.kind(), failure.detail());
    try {
      client.failed(failure);
    } catch (IOException e) {
      log.debug("Stream {}: could not tell the client: {}", key, e.getMessage());
    }
    closeLocally();
  }

  /** Closes without telling the exit (used at shutdown and on local errors). */
  void close() {
    if (finished.compareAndSet(false, true)) {
      closeLocally();
    }
  }

  private void closeLocally() {
    responses.abort();
    client.close();
    onClosed.run();
  }
}
