package org.jmasq.node.automap;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A router's UDP port on 127.0.0.1 that answers each datagram as its script says (or not at all),
 * and records what it was sent: the PCP, NAT-PMP and SSDP side of the tests' fake routers.
 */
final class FakeUdpRouter implements AutoCloseable {
  private final DatagramSocket socket;
  private final Function<byte[], Optional<byte[]>> script;
  private final List<byte[]> received = new CopyOnWriteArrayList<>();

  FakeUdpRouter(Function<byte[], Optional<byte[]>> script) throws IOException {
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.script = script;
    Thread.ofVirtual().name("fake-router").start(this::serve);
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
  }

  List<byte[]> received() {
    return received;
  }

  private void serve() {
    byte[] buffer = new byte[4096];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        byte[] request = Arrays.copyOf(packet.getData(), packet.getLength());
        received.add(request);
        Optional<byte[]> answer = script.apply(request);
        if (answer.isPresent()) {
          socket.send(
              new DatagramPacket(answer.get(), answer.get().length, packet.getSocketAddress()));
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    // The reader ends with its socket.
    socket.close();
  }
}
