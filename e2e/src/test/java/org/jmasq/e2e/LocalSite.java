package org.jmasq.e2e;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * What the end-to-end tests browse to: {@value #HOST} in a DNS server on loopback, served over HTTP
 * (a large random file, a short page) and HTTPS (with a certificate curl is told to trust).
 */
final class LocalSite implements AutoCloseable {
  static final String HOST = "files.jmasq.test";
  static final String HELLO = "hello through JMasq\n";
  static final String SECRET = "over TLS, end to end\n";

  final byte[] big;
  final LocalDnsServer dns;
  final LocalWebServer web;
  final LocalWebServer tls;
  final TestCertificate certificate;

  LocalSite(Path work, int bigSize, long seed) throws Exception {
    big = new byte[bigSize];
    new Random(seed).nextBytes(big);
    dns = new LocalDnsServer(Map.of(HOST, InetAddress.getLoopbackAddress()));
    web = LocalWebServer.http().serve("/big.bin", big).serve("/hello", HELLO);
    certificate = TestCertificate.forHost(HOST, work.resolve("tls"));
    tls = LocalWebServer.https(certificate.serverContext).serve("/secret", SECRET);
  }

  String url(String path) {
    return "http://" + HOST + ":" + web.port() + path;
  }

  String secretUrl() {
    return "https://" + HOST + ":" + tls.port() + "/secret";
  }

  @Override
  public void close() {
    web.close();
    tls.close();
    dns.close();
  }
}
