package org.jmasq.node.proxyclient;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jmasq.accountant.ProviderCharges;
import org.jmasq.cores.ExpiredCoresPackage;
import org.jmasq.crypto.CryptoException;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Wallet;
import org.jmasq.node.hopper.Transmitter;
import org.jmasq.node.runtime.NodeRuntime;
import org.jmasq.node.stream.WindowBudget;
import org.jmasq.payload.ClientRequest;
import org.jmasq.payload.DnsResolveFailure;
import org.jmasq.payload.MessageType;
import org.jmasq.payload.SequencedPacket;
import org.jmasq.payload.StreamAck;
import org.jmasq.payload.StreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exit: opens real connections for client requests and returns the servers' bytes. Streams are
 * keyed by the originator's alias key and the stream key together, so one originator cannot write
 * into another's stream by reusing its stream key. A closed stream is never opened again ({@link
 * StreamMemory}); every request that reaches it is billed once (the Hopper drops replays first).
 *
 * <p>Threading: {@link #deliver} runs on the Hopper's caller and only queues; each stream connects
 * and writes on its own virtual thread.
 */
public final class ProxyClient {
  private static final Logger log = LoggerFactory.getLogger(ProxyClient.class);

  /** Bounds the sockets one Node opens on behalf of others. */
  static final int MAX_STREAMS = 4096;

  private record StreamId(PublicKey originator, StreamKey key) {}

  private final NodeRuntime runtime;
  private final HostResolver resolver;
  private final ExitPolicy policy;
  private final OriginConnector origins;
  private final Transmitter transmitter;
  private final Duration connectTimeout;
  private final ProviderCharges charges;
  private final Map<StreamId, ExitStream> streams = new ConcurrentHashMap<>();
  private final StreamMemory memory;
  private final WaysBack waysBack;

  /** One payer may grow its streams' windows into a quarter of the exit's budget. */
  private final WindowBudget windows =
      new WindowBudget(WindowBudget.DEFAULT_BYTES, WindowBudget.DEFAULT_BYTES / 4);

  private final java.util.concurrent.atomic.LongAdder streamsOpened =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder bytesFromServers =
      new java.util.concurrent.atomic.LongAdder();

  public ProxyClient(
      NodeRuntime runtime,
      HostResolver resolver,
      ExitPolicy policy,
      Transmitter transmitter,
      SecureRandom random,
      Duration connectTimeout) {
    this(
        runtime,
        resolver,
        policy,
        OriginConnector.tcp(),
        transmitter,
        random,
        connectTimeout,
        ProviderCharges.none());
  }

  /**
   * An exit that reaches servers through {@code origins}, and bills each request it receives and
   * each response it sends to the stream's payer.
   */
  public ProxyClient(
      NodeRuntime runtime,
      HostResolver resolver,
      ExitPolicy policy,
      OriginConnector origins,
      Transmitter transmitter,
      SecureRandom random,
      Duration connectTimeout,
      ProviderCharges charges) {
    this.runtime = runtime;
    this.memory = new StreamMemory(runtime.clock());
    this.charges = charges;
    this.resolver = resolver;
    this.policy = policy;
    this.origins = origins;
    this.transmitter = transmitter;
    this.waysBack = new WaysBack(random, runtime.clock());
    this.connectTimeout = connectTimeout;
  }

  public void deliver(ExpiredCoresPackage<? extends MessageType> expired) {
    switch ((MessageType) expired.payload()) {
      case ClientRequest request -> deliverRequest(request, expired);
      case StreamAck ack -> {
        ExitStream stream = streams.get(new StreamId(ack.originatorKey(), ack.streamKey()));
        if (stream != null) {
          stream.onAck(ack.written(), ack.window());
        }
      }
      default ->
          log.warn(
              "Dropped a {} delivered to the exit", expired.payload().getClass().getSimpleName());
    }
  }

  private void deliverRequest(
      ClientRequest request, ExpiredCoresPackage<? extends MessageType> expired) {
    SequencedPacket packet = request.packet();
    StreamId id = new StreamId(request.originatorKey(), request.streamKey());
    ExitStream stream = streams.get(id);
    if (stream == null) {
      if (memory.wasClosed(StreamMemory.Id.of(id.originator(), id.key()))) {
        log.debug(
            "Ignored request #{} for stream {}, closed before", packet.sequenceNumber(), id.key());
        bill(packet, expired);
        return;
      }
      if (packet.sequenceNumber() != 0 || packet.lastData()) {
        log.debug("Ignored request #{} for a stream that is not open", packet.sequenceNumber());
        bill(packet, expired);
        return;
      }
      stream = open(id, request, expired);
      if (stream == null) {
        return;
      }
    }
    stream.onRequest(packet);
    bill(packet, expired);
  }

  /**
   * Bills a request that reached this exit, whether or not its stream still wanted it (a client's
   * last packet often crosses the server's close): the originator counts every request it sent, and
   * the Hopper's replay memory has already dropped every copy a relay could send again, so each
   * package billed here was sent once.
   */
  private void bill(SequencedPacket packet, ExpiredCoresPackage<? extends MessageType> expired) {
    expired.payingWallet().ifPresent(payer -> charges.exited(payer, packet.length()));
  }

  private ExitStream open(
      StreamId id, ClientRequest request, ExpiredCoresPackage<? extends MessageType> expired) {
    WaysBack.Way wayBack;
    try {
      wayBack = waysBack.to(request.originatorKey(), expired.remainingRoute());
    } catch (CryptoException e) {
      log.warn("Refused a request whose originator key is unusable: {}", e.getMessage());
      return null;
    }
    Optional<Wallet> payer = expired.payingWallet();
    Optional<String> refusal =
        request.targetHostname().isEmpty()
            ? Optional.of("no target host")
            : streams.size() >= MAX_STREAMS
                ? Optional.of("too many open streams")
                : Optional.empty();
    if (refusal.isEmpty()) {
      refusal = memory.open(payer);
    }
    if (refusal.isPresent()) {
      log.info("Refused a stream: {}", refusal.get());
      try {
        wayBack.send(transmitter, new DnsResolveFailure(request.streamKey()));
      } catch (java.io.IOException e) {
        log.debug("Could not send the refusal back: {}", e.getMessage());
      } finally {
        wayBack.left();
      }
      return null;
    }
    // The stream is remembered as closed before it leaves the open streams, so a request for it
    // always finds one or the other.
    StreamMemory.Id remembered = StreamMemory.Id.of(id.originator(), id.key());
    java.util.concurrent.atomic.AtomicReference<ExitStream> self =
        new java.util.concurrent.atomic.AtomicReference<>();
    ExitStream stream =
        new ExitStream(
            request.streamKey(),
            request.originatorKey(),
            request.targetHostname().get(),
            request.targetPort(),
            wayBack,
            resolver,
            policy,
            origins,
            connectTimeout,
            transmitter,
            bytesFromServers,
            () -> {
              memory.closed(remembered, payer);
              streams.remove(id, self.get());
            },
            responsePayer(payer),
            windows,
            // The share of the budget is the paying wallet's: an originator key costs nothing to
            // change, so streams under many keys would take the whole budget.
            payer.<Object>map(w -> w).orElse(request.originatorKey()));
    self.set(stream);
    ExitStream first = streams.putIfAbsent(id, stream);
    if (first != null) {
      // The same request #0 came twice at once: the stream the first one opened is the stream.
      memory.closed(remembered, payer);
      wayBack.left();
      return first;
    }
    streamsOpened.increment();
    stream.start(runtime);
    return stream;
  }

  private ExitStream.ResponsePayer responsePayer(Optional<Wallet> payingWallet) {
    if (payingWallet.isEmpty()) {
      return ExitStream.ResponsePayer.FREE;
    }
    Wallet payer = payingWallet.get();
    return new ExitStream.ResponsePayer() {
      @Override
      public boolean mayBeServed() {
        return charges.mayServe(payer);
      }

      @Override
      public void responded(int dataSize) {
        charges.exited(payer, dataSize);
      }
    };
  }

  /** Streams this Node has served as an exit since it started. */
  public long streamsOpened() {
    return streamsOpened.sum();
  }

  /** Sealers this exit has made to originators: one per route its streams came by. */
  public long sealersMade() {
    return waysBack.sealersMade();
  }

  /** Bytes this Node's exit has read from servers and sent back. */
  public long bytesFromServers() {
    return bytesFromServers.sum();
  }

  public int openStreams() {
    return streams.size();
  }

  public void close() {
    List.copyOf(streams.values()).forEach(ExitStream::finish);
  }
}
