package org.jmasq.node.link;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues a link certificate shaped like an ordinary web server's: an ECDSA P-256 key, the Node's
 * host name as its subject's CN and its one DNS name, a 128-bit random serial, dated an hour back
 * and valid for 90 days as a Let's Encrypt certificate is, and the extensions such certificates
 * carry (not a CA, digital signatures only, for server and client authentication, key identifiers).
 * It is self-signed, as the certificate a server software installs by default is. Nothing in it
 * names the project or the Node's key: the Node key vouches for the certificate's key inside the
 * link instead ({@link LinkHandshake}).
 */
final class LinkCertificate {
  /** How long a certificate is valid, from {@link #BACKDATED} before it is issued. */
  static final Duration VALIDITY = Duration.ofDays(90);

  /** A certificate is renewed this long before it expires, as certbot does by default. */
  static final Duration RENEW_BEFORE = Duration.ofDays(30);

  /** How far back a certificate is dated, so a peer whose clock is a little behind accepts it. */
  static final Duration BACKDATED = Duration.ofHours(1);

  private LinkCertificate() {}

  /** A new P-256 key pair for a Node's certificates. */
  static KeyPair newKey(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    return generator.generateKeyPair();
  }

  /** A certificate for {@code key} naming {@code host}, issued at {@code now}. */
  static X509Certificate issue(KeyPair key, String host, Instant now, SecureRandom random)
      throws GeneralSecurityException {
    Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS).minus(BACKDATED);
    Instant notAfter = notBefore.plus(VALIDITY).minusSeconds(1);
    byte[] serial = new byte[16];
    random.nextBytes(serial);
    X500Name subject = new X500Name("CN=" + host);
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            new BigInteger(1, serial),
            Date.from(notBefore),
            Date.from(notAfter),
            subject,
            key.getPublic());
    JcaX509ExtensionUtils identifiers = new JcaX509ExtensionUtils();
    try {
      builder
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(
                  new KeyPurposeId[] {
                    KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                  }))
          .addExtension(
              Extension.subjectKeyIdentifier,
              false,
              identifiers.createSubjectKeyIdentifier(key.getPublic()))
          .addExtension(
              Extension.authorityKeyIdentifier,
              false,
              identifiers.createAuthorityKeyIdentifier(key.getPublic()))
          .addExtension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    } catch (CertIOException | OperatorCreationException e) {
      throw new GeneralSecurityException("cannot issue the link certificate", e);
    }
  }

  /** When a certificate should give way to a new one. */
  static Instant renewalDue(X509Certificate certificate) {
    return certificate.getNotAfter().toInstant().minus(RENEW_BEFORE);
  }
}
