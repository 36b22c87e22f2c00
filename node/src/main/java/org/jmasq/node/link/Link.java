package org.jmasq.node.link;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLSocket;
import org.jmasq.cores.LiveCoresPackage;
import org.jmasq.crypto.PublicKey;
import org.jmasq.node.runtime.NodeRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated TLS connection to a neighbor, carrying live packages as frames of {@code u32
 * length ‖ LiveCoresPackage}. A reader thread hands each frame to the Hopper; a writer thread
 * drains a bounded queue, so senders feel back-pressure and no lock is held across I/O. A frame of
 * length 0 is a keepalive ({@link LinkLiveness}): the writer sends one after a spell of silence,
 * the reader drops it, and a link that hears nothing at all for the deadline closes.
 */
final class Link {
  private static final Logger log = LoggerFactory.getLogger(Link.class);
  private static final int QUEUE = 256;
  private static final byte[] CLOSE = new byte[0];

  /** Receives what arrives on a link. */
  interface Events {
    void onPackage(Link link, byte[] livePackage);

    void onClosed(Link link, String why);
  }

  final PublicKey peer;
  final InetSocketAddress remote;
  final int peerClandestinePort;
  private final SSLSocket socket;
  private final DataInputStream in;
  private final DataOutputStream out;
  private final Events events;
  private final LinkLiveness liveness;
  private final BlockingQueue<byte[]> outgoing = new ArrayBlockingQueue<>(QUEUE);
  private final AtomicBoolean closed = new AtomicBoolean();
  final LongAdder bytesIn = new LongAdder();
  final LongAdder bytesOut = new LongAdder();

  /** Keepalives, kept out of the byte counts: they carry nothing anyone pays for. */
  final LongAdder keepalivesIn = new LongAdder();

  final LongAdder keepalivesOut = new LongAdder();

  /** Whether the link closed because the peer went silent past the deadline. */
  volatile boolean wentSilent;

  /**
   * Whether the link closed on an error (a reset, a broken pipe, a malformed frame) rather than
   * because either side closed it.
   */
  volatile boolean broke;

  Link(
      SSLSocket socket,
      DataInputStream in,
      LinkHandshake.Peer peer,
      Events events,
      LinkLiveness liveness)
      throws IOException {
    this.socket = socket;
    this.in = in;
    this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
    this.peer = peer.key();
    this.peerClandestinePort = peer.clandestinePort();
    this.remote = (InetSocketAddress) socket.getRemoteSocketAddress();
    this.events = events;
    this.liveness = liveness;
    // Every read waits at most the deadline; a peer that keeps to the protocol is never silent
    // that long.
    socket.setSoTimeout((int) liveness.deadline().toMillis());
  }

  void start(NodeRuntime runtime) {
    runtime.startIo("link-reader-" + peer, this::readLoop);
    runtime.startIo("link-writer-" + peer, this::writeLoop);
  }

  /** Queues a package; waits while the queue is full. */
  void send(byte[] livePackage) throws IOException {
    if (livePackage.length == 0) {
      // No package is empty, and the peer would read an empty frame as a keepalive.
      throw new IOException("an empty package cannot be sent");
    }
    if (closed.get()) {
      throw new IOException("link to " + peer + " is closed");
    }
    try {
      while (!outgoing.offer(livePackage, 1, TimeUnit.SECONDS)) {
        if (closed.get()) {
          throw new IOException("link to " + peer + " is closed");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending to " + peer, e);
    }
  }

  boolean isOpen() {
    return !closed.get();
  }

  private void readLoop() {
    try {
      while (true) {
        int length = in.readInt();
        if (length < 0 || length > LiveCoresPackage.MAX_ENCODED) {
          throw new LinkRefusedException(
              "frame of "
                  + Integer.toUnsignedString(length)
                  + " bytes (expected: at most "
                  + LiveCoresPackage.MAX_ENCODED
                  + ")");
        }
        if (length == 0) {
          // A keepalive: no package is empty, so it never reaches the Hopper.
          keepalivesIn.increment();
          continue;
        }
        byte[] frame = readFrame(length);
        bytesIn.add(4L + length);
        events.onPackage(this, frame);
      }
    } catch (SocketTimeoutException e) {
      silent();
    } catch (IOException e) {
      broke(e);
    }
  }

  /**
   * A data package is read straight into an array of its size. A larger frame is read in pieces as
   * it arrives (readNBytes), so a peer that announces a megabyte and sends nothing makes this Node
   * hold no more than it sent.
   */
  private byte[] readFrame(int length) throws IOException {
    if (length <= DIRECT_FRAME) {
      byte[] frame = new byte[length];
      in.readFully(frame);
      return frame;
    }
    byte[] frame = in.readNBytes(length);
    if (frame.length != length) {
      throw new EOFException("the link closed inside a frame");
    }
    return frame;
  }

  /** A package of a full 64 KiB chunk and its longest route fits: read into one array. */
  private static final int DIRECT_FRAME = 128 * 1024;

  /**
   * The peer has been silent past the deadline. Its host is gone or cut off, so a write to it may
   * block for good, holding the TLS record lock that an ordinary close waits for: closing with
   * linger 0 does not wait, and resets the connection instead of sending a close_notify nobody
   * would read.
   */
  private void silent() {
    lingerZero();
    close(liveness.silence(), Ending.SILENT);
  }

  /**
   * Closes the link at once, without waiting on the peer or on a writer stuck on a dead path (as
   * {@link #silent} does): for a link whose path is known gone, such as one through this Node's old
   * public address.
   */
  void abort(String why) {
    lingerZero();
    close(why, Ending.CLOSED);
  }

  private void lingerZero() {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      log.debug("setting linger on a link: {}", e.getMessage());
    }
  }

  private void writeLoop() {
    long keepaliveMillis = liveness.keepalive().toMillis();
    try {
      while (true) {
        byte[] frame = outgoing.poll(keepaliveMillis, TimeUnit.MILLISECONDS);
        if (frame == null) {
          // Nothing to send for a keepalive period: tell the peer we are here.
          out.writeInt(0);
          out.flush();
          keepalivesOut.increment();
          continue;
        }
        do {
          if (frame == CLOSE) {
            return;
          }
          out.writeInt(frame.length);
          out.write(frame);
          bytesOut.add(4L + frame.length);
        } while ((frame = outgoing.poll()) != null);
        out.flush();
      }
    } catch (IOException e) {
      broke(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close("interrupted");
    }
  }

  /**
   * An I/O error ended the link. The peer's orderly close is no breakage; an error on a link this
   * Node closed itself is not heard of, as {@link #close} runs once.
   */
  private void broke(IOException e) {
    if (e instanceof EOFException) {
      close("closed by the peer");
    } else {
      close(e.getMessage(), Ending.BROKE);
    }
  }

  /** How a link ended, told with its close: the first close to run sets it. */
  private enum Ending {
    CLOSED,
    SILENT,
    BROKE
  }

  void close(String why) {
    close(why, Ending.CLOSED);
  }

  private void close(String why, Ending how) {
    if (closed.compareAndSet(false, true)) {
      wentSilent = how == Ending.SILENT;
      broke = how == Ending.BROKE;
      log.info("Link to {} at {} closed: {}", peer, remote, why);
      outgoing.clear();
      outgoing.offer(CLOSE);
      // The Node hears of it first: closing a TLS socket writes a close_notify, which can wait a
      // long time on a peer that is gone (seen: 16 s after a host's link was cut), and the
      // Neighborhood must not wait that long to drop the neighbor and tell the others.
      events.onClosed(this, why);
      try {
        socket.close();
      } catch (IOException e) {
        log.debug("closing link socket: {}", e.getMessage());
      }
    }
  }

  @Override
  public String toString() {
    return "Link[" + peer + " at " + remote + "]";
  }
}
