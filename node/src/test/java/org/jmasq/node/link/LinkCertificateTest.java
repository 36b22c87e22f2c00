package org.jmasq.node.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LinkCertificateTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:34:56.789Z");
  private static final String HOST = "www.maplebridge.com";
  private final SecureRandom random = new SecureRandom();

  @Test
  void a_certificate_is_shaped_like_a_web_servers() throws Exception {
    KeyPair key = LinkCertificate.newKey(random);

    X509Certificate certificate = LinkCertificate.issue(key, HOST, T0, random);

    assertThat(certificate.getVersion()).isEqualTo(3);
    assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(certificate.getPublicKey()).isInstanceOf(ECPublicKey.class);
    assertThat(
            ((ECPublicKey) certificate.getPublicKey())
                .getParams()
                .getCurve()
                .getField()
                .getFieldSize())
        .isEqualTo(256);
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + HOST);
    assertThat(certificate.getIssuerX500Principal())
        .isEqualTo(certificate.getSubjectX500Principal());
    assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(2, HOST));
    assertThat(certificate.getSerialNumber().signum()).isPositive();
    assertThat(certificate.getSerialNumber().bitLength()).isBetween(100, 128);
    certificate.verify(key.getPublic());
  }

  @Test
  void a_certificate_carries_only_the_extensions_web_server_certificates_do() throws Exception {
    X509Certificate certificate =
        LinkCertificate.issue(LinkCertificate.newKey(random), HOST, T0, random);

    assertThat(certificate.getCriticalExtensionOIDs())
        .as("basic constraints, key usage")
        .containsExactlyInAnyOrder("2.5.29.19", "2.5.29.15");
    assertThat(certificate.getNonCriticalExtensionOIDs())
        .as("extended key usage, subject and authority key identifiers, subject alternative name")
        .containsExactlyInAnyOrder("2.5.29.37", "2.5.29.14", "2.5.29.35", "2.5.29.17");
    assertThat(certificate.getBasicConstraints()).as("not a CA").isEqualTo(-1);
    assertThat(certificate.getKeyUsage())
        .as("digital signature only")
        .containsExactly(true, false, false, false, false, false, false, false, false);
    assertThat(certificate.getExtendedKeyUsage())
        .containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
  }

  @Test
  void a_certificate_is_dated_an_hour_back_and_valid_for_ninety_days() throws Exception {
    X509Certificate certificate =
        LinkCertificate.issue(LinkCertificate.newKey(random), HOST, T0, random);

    Instant notBefore = Instant.parse("2026-03-01T11:34:56Z");
    assertThat(certificate.getNotBefore()).isEqualTo(Date.from(notBefore));
    assertThat(certificate.getNotAfter())
        .isEqualTo(Date.from(notBefore.plus(Duration.ofDays(90)).minusSeconds(1)));
  }

  @Test
  void the_offered_certificate_is_renewed_thirty_days_before_it_expires_for_the_same_key()
      throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(T0);
    KeyPair key = LinkCertificate.newKey(random);
    RenewingKeyManager keys = new RenewingKeyManager(key, HOST, random, now::get);
    X509Certificate first = keys.getCertificateChain("link")[0];

    now.set(T0.plus(Duration.ofDays(59)));
    assertThat(keys.getCertificateChain("link")).containsExactly(first);

    now.set(T0.plus(Duration.ofDays(60)));
    X509Certificate renewed = keys.getCertificateChain("link")[0];

    assertThat(renewed).isNotEqualTo(first);
    assertThat(renewed.getPublicKey()).isEqualTo(key.getPublic());
    assertThat(renewed.getNotBefore().toInstant())
        .isEqualTo(
            T0.plus(Duration.ofDays(60))
                .minus(Duration.ofHours(1))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    assertThat(keys.getCertificateChain("link")).containsExactly(renewed);
  }

  @Test
  void the_key_manager_offers_its_one_certificate_for_ecdsa_only() throws Exception {
    RenewingKeyManager keys =
        new RenewingKeyManager(LinkCertificate.newKey(random), HOST, random, () -> T0);

    assertThat(keys.chooseServerAlias("EC", null, null)).isEqualTo("link");
    assertThat(keys.chooseServerAlias("RSA", null, null)).isNull();
    assertThat(keys.chooseClientAlias(new String[] {"RSA", "EC"}, null, null)).isEqualTo("link");
    assertThat(keys.getPrivateKey("other")).isNull();
  }
}
