package org.jmasq.node.proxyclient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A connection to a server over TCP, as {@link OriginConnector#tcp()} opens it. */
record TcpOrigin(Socket socket) implements OriginConnector.Connection {
  private static final Logger log = LoggerFactory.getLogger(TcpOrigin.class);

  static TcpOrigin connect(InetSocketAddress target, Duration timeout) throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(target, (int) timeout.toMillis());
      return new TcpOrigin(s);
    } catch (IOException e) {
      try {
        s.close();
      } catch (IOException closing) {
        log.debug("close failed: {}", closing.getMessage());
      }
      throw e;
    }
  }

  @Override
  public InputStream input() throws IOException {
    return socket.getInputStream();
  }

  @Override
  public OutputStream output() throws IOException {
    return socket.getOutputStream();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
