package org.jmasq.node.entry;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * The SOCKS5 handshake (RFC 1928), server side, for CONNECT without authentication. A domain name
 * is not resolved here: it travels to the exit, which resolves it ("remote DNS").
 *
 * <pre>
 * greeting  VER(5) NMETHODS METHODS[NMETHODS]          reply VER(5) METHOD(0 or 0xFF)
 * request   VER(5) CMD RSV(0) ATYP DST.ADDR DST.PORT    reply VER(5) REP RSV(0) ATYP(1) 0.0.0.0 0
 *           ATYP 1: 4 bytes, 3: length + name, 4: 16 bytes
 * </pre>
 */
final class Socks5 {
  static final int VERSION = 5;
  static final int METHOD_NO_AUTH = 0;
  static final int NO_ACCEPTABLE_METHOD = 0xff;
  static final int CMD_CONNECT = 1;
  static final int REPLY_SUCCEEDED = 0;
  static final int REPLY_GENERAL_FAILURE = 1;
  static final int REPLY_COMMAND_NOT_SUPPORTED = 7;
  static final int REPLY_ADDRESS_TYPE_NOT_SUPPORTED = 8;

  /** A refused handshake, with the reply code the client is owed. */
  static final class HandshakeException extends Exception {
    private static final long serialVersionUID = 1L;
    final int reply;

    HandshakeException(int reply, String message) {
      super(message);
      this.reply = reply;
    }
  }

  /** What the client asked to connect to. */
  record ConnectRequest(String host, int port) {}

  private Socks5() {}

  /**
   * Reads the greeting (the version byte is already consumed) and says whether no-auth is offered.
   */
  static boolean readGreeting(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int count = data.readUnsignedByte();
    boolean noAuth = false;
    for (int i = 0; i < count; i++) {
      noAuth |= data.readUnsignedByte() == METHOD_NO_AUTH;
    }
    return noAuth;
  }

  static byte[] methodReply(boolean accepted) {
    return new byte[] {VERSION, (byte) (accepted ? METHOD_NO_AUTH : NO_ACCEPTABLE_METHOD)};
  }

  static ConnectRequest readRequest(InputStream in) throws IOException, HandshakeException {
    DataInputStream data = new DataInputStream(in);
    int version = data.readUnsignedByte();
    if (version != VERSION) {
      throw new HandshakeException(REPLY_GENERAL_FAILURE, "version " + version + " (expected: 5)");
    }
    int command = data.readUnsignedByte();
    data.readUnsignedByte();
    int addressType = data.readUnsignedByte();
    String host =
        switch (addressType) {
          case 1 -> InetAddress.getByAddress(data.readNBytes(4)).getHostAddress();
          case 3 -> new String(data.readNBytes(data.readUnsignedByte()), StandardCharsets.US_ASCII);
          case 4 -> InetAddress.getByAddress(data.readNBytes(16)).getHostAddress();
          default ->
              throw new HandshakeException(
                  REPLY_ADDRESS_TYPE_NOT_SUPPORTED, "address type " + addressType);
        };
    int port = data.readUnsignedShort();
    if (command != CMD_CONNECT) {
      throw new HandshakeException(
          REPLY_COMMAND_NOT_SUPPORTED, "command " + command + " (only CONNECT is supported)");
    }
    return new ConnectRequest(host, port);
  }

  static byte[] reply(int code) {
    return new byte[] {VERSION, (byte) code, 0, 1, 0, 0, 0, 0, 0, 0};
  }
}
