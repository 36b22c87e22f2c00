package org.jmasq.neighborhood;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.identity.Chain;
import org.jmasq.identity.NodeAddr;
import org.jmasq.identity.Wallet;
import org.jmasq.time.ManualClock;

/** Deterministic keys, addresses and Nodes for Neighborhood tests. */
public final class Fixtures {
  public static final Chain CHAIN = Chain.DEV;
  public static final int PORT = 5333;

  private Fixtures() {}

  /** A clock at the start of the tests' day, moved by hand. */
  public static ManualClock clock() {
    return new ManualClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** A SecureRandom whose bytes come from a seed, so test keys are the same on every run. */
  public static SecureRandom seeded(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return new SecureRandom(new byte[0]) {
      @Override
      public void nextBytes(byte[] bytes) {
        random.nextBytes(bytes);
      }
    };
  }

  public static NodeKeyPair keyPair(long n) {
    return NodeKeyPair.generate(seeded(n * 7919 + 13));
  }

  public static InetAddress ip(int n) {
    try {
      return InetAddress.getByAddress(new byte[] {10, 0, (byte) (n >>> 8), (byte) n});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  public static NodeAddr addr(int n) {
    return NodeAddr.of(ip(n), PORT);
  }

  public static Wallet wallet(int n) {
    byte[] bytes = new byte[Wallet.LENGTH];
    bytes[0] = (byte) n;
    bytes[1] = (byte) (n >>> 8);
    return Wallet.of(bytes);
  }

  public static NeighborhoodConfig standard(int n) {
    return NeighborhoodConfig.standard(wallet(n), RatePack.DEFAULT, Optional.of("DE"));
  }

  /** A standard-mode Neighborhood for Node {@code n}, at 10.0.x.y. */
  public static Neighborhood node(int n, ManualClock clock) {
    return node(n, clock, standard(n));
  }

  public static Neighborhood node(int n, ManualClock clock, NeighborhoodConfig config) {
    Optional<NodeAddr> addr = config.acceptsConnections() ? Optional.of(addr(n)) : Optional.empty();
    return new Neighborhood(
        new LocalNode(keyPair(n), CHAIN, addr),
        config,
        clock,
        new Random(n),
        SignatureVerifier.ed25519(CHAIN));
  }
}
