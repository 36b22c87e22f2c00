package org.jmasq.node.entry;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * The SOCKS5 handshake (RFC 1928), server side, for CONNECT, without authentication or with a
 * username and password (RFC 1929). Any username and password is accepted: they only name an
 * identity whose streams are kept on routes of their own ({@code StreamIsolation}). A domain name
 * is not resolved here: it travels to the exit, which resolves it ("remote DNS").
 *
 * <pre>
 * greeting  VER(5) NMETHODS METHODS[NMETHODS]          reply VER(5) METHOD(2, 0 or 0xFF)
 * auth      VER(1) ULEN UNAME[ULEN] PLEN PASSWD[PLEN]  reply VER(1) STATUS(0)   (method 2 only)
 * request   VER(5) CMD RSV(0) ATYP DST.ADDR DST.PORT    reply VER(5) REP RSV(0) ATYP(1) 0.0.0.0 0
 *           ATYP 1: 4 bytes, 3: length + name, 4: 16 bytes
 * </pre>
 */
final class Socks5 {
  static final int VERSION = 5;
  static final int METHOD_NO_AUTH = 0;
  static final int METHOD_USERNAME_PASSWORD = 2;
  static final int AUTH_VERSION = 1;
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

  /** A username and password, each at most 255 bytes (RFC 1929). */
  record Credentials(byte[] username, byte[] password) {}

  private Socks5() {}

  /**
   * Reads the greeting (the version byte is already consumed) and chooses a method: username and
   * password when offered (the client then has an identity to keep apart), else no authentication
   * when offered, else {@link #NO_ACCEPTABLE_METHOD}.
   */
  static int readGreeting(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int count = data.readUnsignedByte();
    boolean noAuth = false;
    boolean password = false;
    for (int i = 0; i < count; i++) {
      int method = data.readUnsignedByte();
      noAuth |= method == METHOD_NO_AUTH;
      password |= method == METHOD_USERNAME_PASSWORD;
    }
    return password ? METHOD_USERNAME_PASSWORD : noAuth ? METHOD_NO_AUTH : NO_ACCEPTABLE_METHOD;
  }

  static byte[] methodReply(int method) {
    return new byte[] {VERSION, (byte) method};
  }

  /** Reads the username and password sub-negotiation (RFC 1929) after method 2 was chosen. */
  static Credentials readCredentials(InputStream in) throws IOException, HandshakeException {
    DataInputStream data = new DataInputStream(in);
    int version = data.readUnsignedByte();
    if (version != AUTH_VERSION) {
      throw new HandshakeException(
          REPLY_GENERAL_FAILURE, "username/password version " + version + " (expected: 1)");
    }
    byte[] username = new byte[data.readUnsignedByte()];
    data.readFully(username);
    byte[] password = new byte[data.readUnsignedByte()];
    data.readFully(password);
    if (username.length == 0) {
      throw new HandshakeException(REPLY_GENERAL_FAILURE, "an empty username");
    }
    return new Credentials(username, password);
  }

  /** The sub-negotiation's answer: every username and password is accepted. */
  static byte[] credentialsAccepted() {
    return new byte[] {AUTH_VERSION, 0};
  }

  /** The answer to a sub-negotiation that could not be read: any status but 0 is a failure. */
  static byte[] credentialsRefused() {
    return new byte[] {AUTH_VERSION, 1};
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
