package org.jmasq.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jmasq.node.runtime.WatchedRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a local client can hold of a Node's entry: clients that never send their request are closed
 * at a deadline, and only so many are kept; a client that asks in time is served. A zero-hop Node
 * on a clock the test moves.
 */
@Timeout(60)
class EntryGuardsTest {
  /** The entry's deadline for a client's first request head. */
  private static final Duration FIRST_REQUEST_DEADLINE = Duration.ofSeconds(20);

  private static final int MAX_WAITING = 256;
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final WatchedRuntime runtime = new WatchedRuntime();
  private final List<Socket> clients = new ArrayList<>();
  private LocalServers.Echo echo;
  private InProcessNode node;

  @BeforeEach
  void start() throws IOException {
    echo = new LocalServers.Echo();
    node = new InProcessNode(true, Map.of("echo.test", InetAddress.getLoopbackAddress()), runtime);
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket c : clients) {
      c.close();
    }
    node.close();
    echo.close();
  }

  private Socket client() throws IOException {
    Socket socket = new Socket(node.proxyAddress().getAddress(), node.proxyAddress().getPort());
    clients.add(socket);
    socket.setSoTimeout((int) PATIENCE.toMillis());
    return socket;
  }

  /** Waits until the entry has set the deadline of a client it accepted. */
  private void awaitDeadlineSet() throws InterruptedException {
    while (!runtime.nextScheduled(PATIENCE).equals(FIRST_REQUEST_DEADLINE)) {
      // another timer (a stream's): not the one awaited
    }
  }

  private static boolean closedByEntry(Socket socket) throws IOException {
    try {
      socket.getInputStream().readAllBytes();
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // reset
    }
  }

  /** A SOCKS5 CONNECT to the echo server; returns the reply's code. */
  private int socksToEcho(Socket socket) throws IOException {
    OutputStream out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    out.write(new byte[] {5, 1, 0});
    assertThat(in.readNBytes(2)).containsExactly(5, 0);
    byte[] name = "echo.test".getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(new byte[] {5, 1, 0, 3, (byte) name.length});
    request.writeBytes(name);
    request.write(echo.port() >>> 8);
    request.write(echo.port() & 0xff);
    out.write(request.toByteArray());
    return in.readNBytes(10)[1];
  }

  private static String echoed(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    return new String(socket.getInputStream().readNBytes(text.length()), StandardCharsets.US_ASCII);
  }

  @Test
  void a_client_that_sends_only_part_of_its_request_is_closed_at_the_deadline() throws Exception {
    Socket slow = client();
    slow.getOutputStream().write(5); // a SOCKS greeting's first byte, and no more
    awaitDeadlineSet();

    runtime.advance(FIRST_REQUEST_DEADLINE);

    assertThat(closedByEntry(slow)).isTrue();
  }

  @Test
  void a_client_whose_request_came_in_time_is_not_closed_by_the_deadline() throws Exception {
    Socket honest = client();
    awaitDeadlineSet();
    assertThat(socksToEcho(honest)).as("SOCKS reply").isZero();

    runtime.advance(FIRST_REQUEST_DEADLINE.plusSeconds(1));

    assertThat(echoed(honest, "still here")).isEqualTo("still here");
  }

  @Test
  void at_most_256_silent_clients_are_kept_and_once_they_are_gone_clients_are_served()
      throws Exception {
    List<Socket> silent = new ArrayList<>();
    for (int i = 0; i < MAX_WAITING; i++) {
      silent.add(client());
      awaitDeadlineSet();
    }

    assertThat(closedByEntry(client())).as("one more, at once").isTrue();
    runtime.advance(FIRST_REQUEST_DEADLINE);
    for (Socket s : silent) {
      assertThat(closedByEntry(s)).isTrue();
    }
    Socket honest = client();
    assertThat(socksToEcho(honest)).as("SOCKS reply").isZero();
    assertThat(echoed(honest, "served")).isEqualTo("served");
  }
}
