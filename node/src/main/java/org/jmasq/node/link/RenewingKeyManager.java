package org.jmasq.node.link;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Offers a Node's one link certificate on both sides of every link, and issues a new one for the
 * same key when the current one is within {@link LinkCertificate#RENEW_BEFORE} of expiring, as a
 * web server's certificate is renewed, so a Node that runs for months never shows an expired one.
 * The key stays the same for the Node's run: the Node key's signature over it ({@link
 * LinkHandshake}) stays valid across renewals.
 *
 * <p>Threading: called on every link's handshake thread. A renewal is a volatile swap; two threads
 * that find it due at once may both issue one, and either certificate is as good.
 */
final class RenewingKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "link";

  private final KeyPair key;
  private final String host;
  private final SecureRandom random;
  private final InstantSource clock;
  private volatile X509Certificate current;

  /** Issues the first certificate at once, so a key or signer that is missing fails here. */
  RenewingKeyManager(KeyPair key, String host, SecureRandom random, InstantSource clock)
      throws GeneralSecurityException {
    this.key = key;
    this.host = host;
    this.random = random;
    this.clock = clock;
    this.current = LinkCertificate.issue(key, host, clock.instant(), random);
  }

  /** The certificate offered now, renewed first when it is due. */
  X509Certificate certificate() {
    X509Certificate certificate = current;
    Instant now = clock.instant();
    if (now.isBefore(LinkCertificate.renewalDue(certificate))) {
      return certificate;
    }
    try {
      certificate = LinkCertificate.issue(key, host, now, random);
    } catch (GeneralSecurityException e) {
      // The same key and signer issued the first certificate; failing now is a broken JDK.
      throw new IllegalStateException("cannot renew the link certificate", e);
    }
    current = certificate;
    return certificate;
  }

  private static String ifEc(String keyType) {
    return "EC".equals(keyType) ? ALIAS : null;
  }

  private static String ifEc(String[] keyTypes) {
    return keyTypes != null && Arrays.asList(keyTypes).contains("EC") ? ALIAS : null;
  }

  private static String[] aliases(String keyType) {
    return "EC".equals(keyType) ? new String[] {ALIAS} : null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return aliases(keyType);
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return ifEc(keyTypes);
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return ifEc(keyTypes);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return aliases(keyType);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return ifEc(keyType);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return ifEc(keyType);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? new X509Certificate[] {certificate()} : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? key.getPrivate() : null;
  }
}
