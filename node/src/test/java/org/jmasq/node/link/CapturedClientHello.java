package org.jmasq.node.link;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TLS ClientHello as a plain socket received it (RFC 8446 §4.1.2): its cipher suites and its
 * extensions in the order sent, with readers for the few a censor looks at.
 */
record CapturedClientHello(List<Integer> cipherSuites, Map<Integer, byte[]> extensions) {
  static final int SERVER_NAME = 0;
  static final int SUPPORTED_GROUPS = 10;
  static final int SIGNATURE_ALGORITHMS = 13;
  static final int ALPN = 16;
  static final int SUPPORTED_VERSIONS = 43;
  static final int SIGNATURE_ALGORITHMS_CERT = 50;

  /** Reads one handshake record holding a ClientHello. */
  static CapturedClientHello read(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    if (in.readUnsignedByte() != 22) {
      throw new IOException("not a handshake record");
    }
    in.readUnsignedShort(); // legacy record version
    byte[] body = new byte[in.readUnsignedShort()];
    in.readFully(body);
    ByteBuffer hello = ByteBuffer.wrap(body);
    if (hello.get() != 1) {
      throw new IOException("not a ClientHello");
    }
    int length = (hello.get() & 0xff) << 16 | (hello.getShort() & 0xffff);
    if (length != hello.remaining()) {
      throw new IOException("a ClientHello over several records");
    }
    hello.getShort(); // legacy version
    skip(hello, 32); // random
    skip(hello, hello.get() & 0xff); // legacy session id
    List<Integer> suites = u16s(slice(hello, hello.getShort() & 0xffff));
    skip(hello, hello.get() & 0xff); // compression methods
    ByteBuffer all = slice(hello, hello.getShort() & 0xffff);
    Map<Integer, byte[]> extensions = new LinkedHashMap<>();
    while (all.hasRemaining()) {
      int type = all.getShort() & 0xffff;
      byte[] data = new byte[all.getShort() & 0xffff];
      all.get(data);
      extensions.put(type, data);
    }
    return new CapturedClientHello(suites, extensions);
  }

  /** The host names of the server_name extension (RFC 6066 §3). */
  List<String> serverNames() {
    ByteBuffer list = listOf(SERVER_NAME, 2);
    List<String> names = new ArrayList<>();
    while (list.hasRemaining()) {
      list.get(); // name type: host_name
      names.add(string(slice(list, list.getShort() & 0xffff)));
    }
    return names;
  }

  /** The protocols of the ALPN extension (RFC 7301 §3.1), in the client's order. */
  List<String> applicationProtocols() {
    ByteBuffer list = listOf(ALPN, 2);
    List<String> protocols = new ArrayList<>();
    while (list.hasRemaining()) {
      protocols.add(string(slice(list, list.get() & 0xff)));
    }
    return protocols;
  }

  List<Integer> supportedGroups() {
    return u16s(listOf(SUPPORTED_GROUPS, 2));
  }

  List<Integer> signatureAlgorithms() {
    return u16s(listOf(SIGNATURE_ALGORITHMS, 2));
  }

  List<Integer> signatureAlgorithmsForCertificates() {
    return u16s(listOf(SIGNATURE_ALGORITHMS_CERT, 2));
  }

  List<Integer> supportedVersions() {
    return u16s(listOf(SUPPORTED_VERSIONS, 1));
  }

  private ByteBuffer listOf(int type, int lengthBytes) {
    byte[] data = extensions.get(type);
    if (data == null) {
      throw new AssertionError("no extension " + type + " in the ClientHello");
    }
    ByteBuffer buffer = ByteBuffer.wrap(data);
    int length = lengthBytes == 1 ? buffer.get() & 0xff : buffer.getShort() & 0xffff;
    return slice(buffer, length);
  }

  private static void skip(ByteBuffer buffer, int length) {
    buffer.position(buffer.position() + length);
  }

  private static ByteBuffer slice(ByteBuffer buffer, int length) {
    ByteBuffer slice = buffer.slice(buffer.position(), length);
    buffer.position(buffer.position() + length);
    return slice;
  }

  private static List<Integer> u16s(ByteBuffer buffer) {
    List<Integer> values = new ArrayList<>();
    while (buffer.hasRemaining()) {
      values.add(buffer.getShort() & 0xffff);
    }
    return values;
  }

  private static String string(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
