package org.jmasq.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Target servers on 127.0.0.1 for the in-process tests: an echo server and a one-page HTTP origin.
 */
final class LocalServers {
  private LocalServers() {}

  /** Echoes every connection until the client half-closes, then closes. */
  static final class Echo implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();

    /** Connections whose client side ended (end of stream or reset), in the order they ended. */
    final BlockingQueue<Socket> ended = new LinkedBlockingQueue<>();

    Echo() throws IOException {
      Thread.ofPlatform().name("echo-accept").daemon().start(this::acceptLoop);
    }

    int port() {
      return server.getLocalPort();
    }

    private void acceptLoop() {
      try {
        while (true) {
          Socket socket = server.accept();
          accepted.add(socket);
          Thread.ofVirtual().start(() -> echo(socket));
        }
      } catch (IOException e) {
        // closed by the test
      }
    }

    private void echo(Socket socket) {
      try (socket) {
        socket.getInputStream().transferTo(socket.getOutputStream());
      } catch (IOException e) {
        // the other side went away; nothing to echo
      }
      ended.add(socket);
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  /** Answers each request with a fixed page and records the request head it was sent. */
  static final class Origin implements AutoCloseable {
    static final String BODY = "hello from the origin";
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final BlockingQueue<String> heads = new LinkedBlockingQueue<>();

    /** The body of each request that had a {@code Content-Length}. */
    final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();

    Origin() throws IOException {
      Thread.ofPlatform().name("origin-accept").daemon().start(this::acceptLoop);
    }

    int port() {
      return server.getLocalPort();
    }

    private void acceptLoop() {
      try {
        while (true) {
          Socket socket = server.accept();
          Thread.ofVirtual().start(() -> answer(socket));
        }
      } catch (IOException e) {
        // closed by the test
      }
    }

    private void answer(Socket socket) {
      try (socket) {
        String head = readHead(socket.getInputStream());
        heads.add(head);
        java.util.regex.Matcher length =
            java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *(\\d+)").matcher(head);
        if (length.find()) {
          bodies.add(
              new String(
                  socket.getInputStream().readNBytes(Integer.parseInt(length.group(1))),
                  StandardCharsets.ISO_8859_1));
        }
        socket
            .getOutputStream()
            .write(
                ("HTTP/1.1 200 OK\r\nContent-Length: "
                        + BODY.length()
                        + "\r\nConnection: close\r\n\r\n"
                        + BODY)
                    .getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        heads.add("failed: " + e);
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      String s = head.toString(StandardCharsets.ISO_8859_1);
      if (s.endsWith("\r\n\r\n")) {
        return s;
      }
    }
    throw new IOException("the head ended early: " + head.toString(StandardCharsets.ISO_8859_1));
  }

  /** A port on 127.0.0.1 where nothing listens (it was bound a moment ago, then released). */
  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static InetSocketAddress loopback(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }
}
