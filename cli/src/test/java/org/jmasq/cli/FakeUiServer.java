package org.jmasq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * A MASQNode-UIv2 server that accepts one WebSocket upgrade on 127.0.0.1, sends the text frames it
 * is given when told to, and answers no request, or, as a Daemon whose Node runs, redirects every
 * request to that Node's port: the client's timeouts, notification printing and redirects against a
 * server that behaves exactly so.
 */
final class FakeUiServer implements AutoCloseable {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final ServerSocket server;
  private final CompletableFuture<Socket> client = new CompletableFuture<>();
  private final CountDownLatch done = new CountDownLatch(1);

  /** 0: answer nothing; else the port every request is redirected to. */
  private final int redirectTo;

  FakeUiServer() throws IOException {
    this(0);
  }

  FakeUiServer(int redirectTo) throws IOException {
    this.redirectTo = redirectTo;
    server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    Thread.ofVirtual().start(this::serve);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Completes once the upgrade has been answered. */
  CompletableFuture<Socket> upgraded() {
    return client;
  }

  /** Sends one unmasked text frame (under 64 KiB), as a server does. */
  void send(String text) throws Exception {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    OutputStream out = client.get().getOutputStream();
    synchronized (out) {
      out.write(0x81);
      if (data.length < 126) {
        out.write(data.length);
      } else {
        out.write(126);
        out.write(data.length >> 8);
        out.write(data.length & 0xff);
      }
      out.write(data);
      out.flush();
    }
  }

  private void serve() {
    try {
      Socket s = server.accept();
      String key = null;
      for (String line : headers(s.getInputStream()).split("\r\n")) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-key:")) {
          key = line.substring(line.indexOf(':') + 1).strip();
        }
      }
      String response =
          "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              + "Sec-WebSocket-Accept: "
              + accept(key)
              + "\r\nSec-WebSocket-Protocol: "
              + UiConnection.SUBPROTOCOL
              + "\r\n\r\n";
      s.getOutputStream().write(response.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      client.complete(s);
      if (redirectTo != 0) {
        redirect(s.getInputStream());
      }
      done.await(); // read nothing more: requests go unanswered
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      client.completeExceptionally(e);
    }
  }

  /** Answers each request with {@code redirect {port, opcode, contextId, payload}}. */
  private void redirect(InputStream in) throws Exception {
    ObjectMapper json = new ObjectMapper();
    while (true) {
      int first = in.read();
      if (first < 0 || (first & 0x0f) == 0x8) {
        return; // closed
      }
      long length = in.read() & 0x7f;
      if (length == 126) {
        length = (in.read() << 8) | in.read();
      } else if (length == 127) {
        length = 0;
        for (int i = 0; i < 8; i++) {
          length = (length << 8) | in.read();
        }
      }
      byte[] mask = in.readNBytes(4);
      byte[] data = in.readNBytes((int) length);
      for (int i = 0; i < data.length; i++) {
        data[i] ^= mask[i % 4];
      }
      JsonNode request = json.readTree(new String(data, StandardCharsets.UTF_8));
      ObjectNode redirect = json.createObjectNode();
      redirect.put("opcode", "redirect");
      ObjectNode payload = redirect.putObject("payload");
      payload.put("port", redirectTo);
      payload.put("opcode", request.get("opcode").asText());
      payload.set("contextId", request.get("contextId"));
      payload.put("payload", request.get("payload").toString());
      send(redirect.toString());
    }
  }

  private static String headers(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    while (!text.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the upgrade");
      }
      text.append((char) b);
    }
    return text.toString();
  }

  private static String accept(String key) throws NoSuchAlgorithmException {
    byte[] hash =
        MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
    return Base64.getEncoder().encodeToString(hash);
  }

  @Override
  public void close() throws IOException {
    done.countDown();
    server.close();
    if (client.isDone() && !client.isCompletedExceptionally()) {
      client.join().close();
    }
  }
}
