package org.jmasq.node.entry;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.jmasq.node.proxyserver.Target;
import org.jmasq.payload.ProxyProtocol;
import org.jmasq.wire.FuzzContract;

/**
 * A fuzz target for the SOCKS5 handshake a local client sends the entry: the greeting, the CONNECT
 * request, and the target the entry makes of it. The corpus is in {@code Socks5FuzzTestInputs}; see
 * docs/FUZZING.md.
 */
class Socks5FuzzTest {
  private static final FuzzContract HANDSHAKE =
      FuzzContract.refusingWith(IOException.class, Socks5.HandshakeException.class);

  /** The entry answers a target it cannot name to the exit with a SOCKS reply. */
  private static final FuzzContract TARGET =
      FuzzContract.refusingWith(IllegalArgumentException.class);

  @FuzzTest
  void a_socks5_handshake_is_parsed_or_refused(byte[] input) {
    InputStream in = new ByteArrayInputStream(input);
    Optional<Integer> method = HANDSHAKE.decode(input.length, () -> Socks5.readGreeting(in));
    if (method.isEmpty() || method.get() == Socks5.NO_ACCEPTABLE_METHOD) {
      return;
    }
    if (method.get() == Socks5.METHOD_USERNAME_PASSWORD
        && HANDSHAKE.decode(input.length, () -> Socks5.readCredentials(in)).isEmpty()) {
      return;
    }
    Optional<Socks5.ConnectRequest> request =
        HANDSHAKE.decode(input.length, () -> Socks5.readRequest(in));
    if (request.isEmpty()) {
      return;
    }
    Socks5.ConnectRequest connect = request.get();
    if (connect.port() < 0 || connect.port() > 0xffff || connect.host().length() > 255) {
      throw new AssertionError("a request beyond what SOCKS5 can say: " + connect);
    }
    TARGET.decode(
        input.length, () -> new Target(connect.host(), connect.port(), ProxyProtocol.HTTP));
  }
}
