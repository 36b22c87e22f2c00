package org.jmasq.node.link;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Accepts exactly one self-signed certificate with a P-256 key, as Nodes make them ({@link
 * LinkCertificate}); whose it is, is proven inside the link ({@link LinkHandshake}). Its dates are
 * not checked: a peer's clock may be wrong, and the Node key's signature, not the certificate's
 * dates, says whether the key may be used.
 */
final class SelfSignedTrust extends X509ExtendedTrustManager {
  private static void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length != 1) {
      throw new CertificateException("a link presents exactly one self-signed certificate");
    }
    X509Certificate certificate = chain[0];
    SubjectPublicKeyInfo key;
    try {
      key = SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded());
    } catch (IllegalArgumentException e) {
      throw new CertificateException("the link certificate's key is malformed", e);
    }
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(key.getAlgorithm().getAlgorithm())
        || !X9ObjectIdentifiers.prime256v1.equals(key.getAlgorithm().getParameters())) {
      throw new CertificateException("a link certificate must carry a P-256 key");
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
