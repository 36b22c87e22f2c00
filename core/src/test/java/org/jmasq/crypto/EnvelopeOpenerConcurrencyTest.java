package org.jmasq.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EnvelopeOpenerConcurrencyTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void many_threads_opening_many_streams_through_a_small_cache_all_get_their_plaintext()
      throws Exception {
    NodeKeyPair recipient = NodeKeyPair.generate(RANDOM);
    EnvelopeOpener opener = new EnvelopeOpener(recipient, 3);
    List<EnvelopeSealer> streams = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      streams.add(EnvelopeSealer.to(recipient.publicKey(), RANDOM));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  int opened = 0;
                  for (int i = 0; i < 150; i++) {
                    int stream = (i * 7 + thread) % streams.size();
                    byte[] plain = ByteBuffer.allocate(8).putInt(thread).putInt(i).array();
                    assertThat(opener.open(streams.get(stream).seal(plain)).plaintext())
                        .isEqualTo(plain);
                    opened++;
                  }
                  return opened;
                }));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(150);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
