package org.jmasq.sim;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * A SecureRandom that is not secure at all: its bytes come from a seeded generator, so that a
 * simulation's keys are the same on every run with the same seed. Never use outside the simulator.
 */
final class SeededSecureRandom extends SecureRandom {
  private final SplittableRandom random;

  SeededSecureRandom(long seed) {
    super(new byte[0]);
    this.random = new SplittableRandom(seed);
  }

  @Override
  public void nextBytes(byte[] bytes) {
    random.nextBytes(bytes);
  }

  @Override
  public int nextInt() {
    return random.nextInt();
  }

  @Override
  public long nextLong() {
    return random.nextLong();
  }
}
