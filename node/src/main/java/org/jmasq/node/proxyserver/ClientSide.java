package org.jmasq.node.proxyserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/**
 * The browser-side end of a stream, as an entry protocol (SOCKS5, HTTP proxy, CONNECT) presents it.
 * The entry decides how "connected" and each failure look to its client.
 */
public interface ClientSide {
  InetSocketAddress clientAddress();

  InputStream input() throws IOException;

  OutputStream output() throws IOException;

  /** The exit has opened the connection to the target. */
  void connected() throws IOException;

  /** Tells the client, in its own protocol, why the stream failed. */
  void failed(StreamFailure failure) throws IOException;

  /** Closes the client's connection; safe to call more than once. */
  void close();
}
