package org.jmasq.node.entry;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.jmasq.node.proxyserver.ProxyServer;
import org.jmasq.node.runtime.NodeRuntime;

/**
 * Where a Node's clients come in and are handed to its {@link ProxyServer}. A Node listens on a
 * loopback port ({@link EntryServer}); a test may hand its clients to the ProxyServer directly.
 */
public interface Entry extends AutoCloseable {
  /** Opens an entry on {@code port} (0 = any free port) for {@code proxyServer}. */
  @FunctionalInterface
  interface Opener {
    /** The SOCKS5 and HTTP proxy entry on {@code 127.0.0.1}. */
    Opener LOOPBACK = EntryServer::start;

    /**
     * @param optimisticSocks whether SOCKS5 clients are told "succeeded" before the exit confirms
     * @throws IOException when {@code port} cannot be listened on
     */
    Entry open(NodeRuntime runtime, int port, boolean optimisticSocks, ProxyServer proxyServer)
        throws IOException;
  }

  /** Where clients connect. */
  InetSocketAddress address();

  /** Stops taking clients; the streams already open are the ProxyServer's to close. */
  @Override
  void close();
}
