package org.jmasq.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * An authoritative DNS server on 127.0.0.1 (UDP) for a few test names; every other name is
 * NXDOMAIN, but {@link #UNANSWERED}, whose queries it never answers (an exit then waits on its
 * resolver). It lets the exit do real DNS resolution without sending a query off this machine.
 */
final class LocalDnsServer implements AutoCloseable {
  /** A name this server never answers. */
  static final String UNANSWERED = "unanswered.jmasq.test";

  private final DatagramSocket socket;
  private final Map<String, InetAddress> names;
  private final AtomicInteger queries = new AtomicInteger();

  LocalDnsServer(Map<String, InetAddress> names) throws IOException {
    this.names = Map.copyOf(names);
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread.ofPlatform().daemon().name("test-dns").start(this::serve);
  }

  /** The value for {@code --dns-servers}. */
  String address() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  int queries() {
    return queries.get();
  }

  private void serve() {
    byte[] buffer = new byte[512];
    while (!socket.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        queries.incrementAndGet();
        Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        if (query
            .getQuestion()
            .getName()
            .toString(true)
            .toLowerCase(java.util.Locale.ROOT)
            .equals(UNANSWERED)) {
          continue;
        }
        byte[] answer = answer(query);
        socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
      } catch (IOException e) {
        if (!socket.isClosed()) {
          System.err.println("test DNS server: " + e.getMessage());
        }
      }
    }
  }

  private byte[] answer(Message query) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    Record question = query.getQuestion();
    response.addRecord(question, Section.QUESTION);
    String name = question.getName().toString(true).toLowerCase(java.util.Locale.ROOT);
    InetAddress address = names.get(name);
    if (address == null) {
      response.getHeader().setRcode(Rcode.NXDOMAIN);
    } else if (question.getType() == Type.A) {
      response.addRecord(
          new ARecord(Name.fromConstantString(name + "."), DClass.IN, 60, address), Section.ANSWER);
    }
    return response.toWire();
  }

  @Override
  public void close() {
    socket.close();
  }
}
