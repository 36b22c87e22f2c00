package org.jmasq.node.link;

import java.math.BigInteger;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jmasq.crypto.NodeKeyPair;

/**
 * The TLS side of a Node's identity. The link certificate is self-signed with the Node's own
 * Ed25519 signing key, so TLS 1.3's CertificateVerify proves that key inside the handshake; the
 * trust manager accepts any such certificate, and {@link LinkHandshake} then checks it is the key
 * the peer claims. To an observer a link is an ordinary TLS 1.3 connection with client
 * certificates.
 */
final class LinkIdentity {
  /** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
  private static final byte[] ED25519_SPKI_PREFIX =
      HexFormat.of().parseHex("302a300506032b6570032100");

  private final SSLContext context;

  /** {@code clock} dates the certificate: valid from a day ago for a year. */
  LinkIdentity(NodeKeyPair keys, SecureRandom random, InstantSource clock)
      throws GeneralSecurityException {
    KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
    PrivateKey privateKey =
        ed25519.generatePrivate(new PKCS8EncodedKeySpec(keys.signingKeyPkcs8()));
    byte[] spki = concat(ED25519_SPKI_PREFIX, keys.publicKey().signingKey());
    java.security.PublicKey publicKey = ed25519.generatePublic(new X509EncodedKeySpec(spki));
    X509Certificate certificate = selfSigned(privateKey, publicKey, random, clock.instant());
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("cannot create an empty key store", e);
    }
    char[] password = new char[0];
    store.setKeyEntry("node", privateKey, password, new X509Certificate[] {certificate});
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(store, password);
    context = SSLContext.getInstance("TLSv1.3");
    context.init(
        keyManagers.getKeyManagers(), new TrustManager[] {new SelfSignedEd25519Only()}, random);
  }

  SSLContext context() {
    return context;
  }

  /** The raw Ed25519 key of the peer's certificate, which the TLS handshake has proven. */
  static byte[] peerSigningKey(SSLSession session) throws SSLPeerUnverifiedException {
    java.security.cert.Certificate[] chain = session.getPeerCertificates();
    byte[] encoded = chain[0].getPublicKey().getEncoded();
    if (encoded.length != ED25519_SPKI_PREFIX.length + 32
        || !Arrays.equals(
            encoded,
            0,
            ED25519_SPKI_PREFIX.length,
            ED25519_SPKI_PREFIX,
            0,
            ED25519_SPKI_PREFIX.length)) {
      throw new SSLPeerUnverifiedException("the peer's certificate key is not Ed25519");
    }
    return Arrays.copyOfRange(encoded, ED25519_SPKI_PREFIX.length, encoded.length);
  }

  private static X509Certificate selfSigned(
      PrivateKey privateKey, java.security.PublicKey publicKey, SecureRandom random, Instant now)
      throws GeneralSecurityException {
    // An unremarkable subject: link certificates should not name the project.
    X500Name subject =
        new X500Name("CN=" + HexFormat.of().formatHex(randomBytes(random, 6)) + ".net");
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            new BigInteger(64, random),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(365))),
            subject,
            publicKey);
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("Ed25519").build(privateKey)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign the link certificate", e);
    }
  }

  private static byte[] randomBytes(SecureRandom random, int n) {
    byte[] out = new byte[n];
    random.nextBytes(out);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Accepts exactly one self-signed Ed25519 certificate; who it belongs to is checked after. */
  private static final class SelfSignedEd25519Only extends X509ExtendedTrustManager {
    private static void check(X509Certificate[] chain) throws CertificateException {
      if (chain == null || chain.length != 1) {
        throw new CertificateException("a link presents exactly one self-signed certificate");
      }
      X509Certificate certificate = chain[0];
      if (!"EdDSA".equals(certificate.getPublicKey().getAlgorithm())
          && !"Ed25519".equals(certificate.getPublicKey().getAlgorithm())) {
        throw new CertificateException("a link certificate must carry an Ed25519 key");
      }
      try {
        certificate.verify(certificate.getPublicKey());
      } catch (GeneralSecurityException e) {
        throw new CertificateException("the link certificate is not signed by its own key", e);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
