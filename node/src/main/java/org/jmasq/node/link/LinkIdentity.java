package org.jmasq.node.link;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.InstantSource;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import org.jmasq.crypto.NodeKeyPair;

/**
 * The TLS side of a Node's identity: a certificate shaped like a web server's ({@link
 * LinkCertificate}) for a P-256 key made fresh for this run, naming the Node's host name ({@link
 * LinkHostName}), offered on both sides of every link. TLS 1.3's CertificateVerify proves the P-256
 * key inside the handshake; the trust manager accepts any such certificate ({@link
 * SelfSignedTrust}), and {@link LinkHandshake} then checks that the Node key the peer claims has
 * signed exactly that P-256 key.
 */
final class LinkIdentity {
  private final SSLContext context;

  /** {@code clock} dates the certificates and says when to renew them. */
  LinkIdentity(NodeKeyPair keys, SecureRandom random, InstantSource clock)
      throws GeneralSecurityException {
    RenewingKeyManager keyManager =
        new RenewingKeyManager(
            LinkCertificate.newKey(random), LinkHostName.of(keys.publicKey()), random, clock);
    context = SSLContext.getInstance("TLSv1.3");
    context.init(new KeyManager[] {keyManager}, new TrustManager[] {new SelfSignedTrust()}, random);
  }

  SSLContext context() {
    return context;
  }

  /**
   * The DER SubjectPublicKeyInfo of the certificates this side presented and the peer presented in
   * {@code session}; TLS has proven that each side holds its key.
   */
  static LinkHandshake.CertificateKeys certificateKeys(SSLSession session)
      throws SSLPeerUnverifiedException {
    Certificate[] own = session.getLocalCertificates();
    if (own == null || own.length == 0) {
      throw new SSLPeerUnverifiedException("this side presented no certificate");
    }
    return new LinkHandshake.CertificateKeys(
        own[0].getPublicKey().getEncoded(),
        session.getPeerCertificates()[0].getPublicKey().getEncoded());
  }
}
