package org.jmasq.node.automap;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/**
 * One request and its answer over UDP, as PCP and NAT-PMP do it: the request is sent again after
 * {@link Timing#firstWait}, then after twice that, and so on, {@link Timing#tries} times in all,
 * and never past {@link Timing#deadline}. Each exchange has a socket of its own, connected to the
 * router, so neither a stale answer nor a datagram from anyone else is read.
 */
final class UdpExchange {
  /** The largest datagram read; longer ones are cut and then refused by the decoders. */
  static final int MAX_DATAGRAM = 1100 + 1;

  /** How long and how often to ask. */
  record Timing(Duration firstWait, int tries, Duration deadline) {
    /**
     * RFC 6886 starts at 250 ms and doubles; a Node gives up after four tries (3.75 s), within 4 s,
     * so that a router without the protocol costs a few seconds before the next is tried.
     */
    static final Timing DEFAULT = new Timing(Duration.ofMillis(250), 4, Duration.ofSeconds(4));
  }

  private UdpExchange() {}

  static byte[] exchange(InetSocketAddress router, byte[] request, Timing timing, String what)
      throws AutomapException {
    long deadline = System.nanoTime() + timing.deadline().toNanos();
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.connect(router);
      long wait = timing.firstWait().toMillis();
      for (int attempt = 0; attempt < timing.tries(); attempt++) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          break;
        }
        socket.send(new DatagramPacket(request, request.length));
        socket.setSoTimeout((int) Math.max(1, Math.min(wait, left)));
        DatagramPacket answer = new DatagramPacket(new byte[MAX_DATAGRAM], MAX_DATAGRAM);
        try {
          socket.receive(answer);
          return Arrays.copyOf(answer.getData(), answer.getLength());
        } catch (SocketTimeoutException e) {
          wait *= 2;
        }
      }
    } catch (PortUnreachableException e) {
      // The router said, by ICMP, that nothing listens there: its daemon is not running. The
      // exception carries no message of its own.
      throw new AutomapException(
          AutomapException.Reason.NO_ANSWER,
          what + ": " + router + " answered that nothing listens on its port (no daemon running)",
          e);
    } catch (IOException e) {
      String detail = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      throw new AutomapException(
          AutomapException.Reason.IO, what + " to " + router + ": " + detail, e);
    }
    throw new AutomapException(
        AutomapException.Reason.NO_ANSWER,
        what + ": no answer from " + router + " after " + timing.tries() + " tries");
  }
}
