package org.jmasq.node.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClandestinePortTest {
  @TempDir Path directory;

  private final SecureRandom random = new SecureRandom();

  /** A bind that refuses its first {@code taken} calls, as taken ports do, and records each. */
  private static final class FakeBind implements ClandestinePort.Bind<Integer> {
    final List<Integer> tried = new ArrayList<>();
    private final int taken;

    FakeBind(int taken) {
      this.taken = taken;
    }

    @Override
    public Integer bind(int port) throws IOException {
      tried.add(port);
      if (tried.size() <= taken) {
        throw new IOException("cannot listen on 127.0.0.1:" + port + ": Address already in use");
      }
      return port;
    }
  }

  private NodeFiles files() {
    return new NodeFiles(directory);
  }

  /** What the next run would try first: the kept port, if one was kept. */
  private int keptPort() throws IOException {
    return files().clandestinePort(random);
  }

  private boolean keptNothing() throws IOException {
    try (Stream<Path> kept = Files.list(directory)) {
      return kept.findAny().isEmpty();
    }
  }

  @Test
  void a_configured_port_is_bound_and_kept_for_the_next_run() throws IOException {
    FakeBind bind = new FakeBind(0);

    assertThat(ClandestinePort.bind(4321, files(), random, bind)).isEqualTo(4321);

    assertThat(bind.tried).containsExactly(4321);
    assertThat(keptPort()).isEqualTo(4321);
  }

  @Test
  void a_configured_port_that_is_taken_fails_the_start_without_trying_another() throws IOException {
    FakeBind bind = new FakeBind(1);

    assertThatThrownBy(() -> ClandestinePort.bind(4321, files(), random, bind))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("4321");

    assertThat(bind.tried).containsExactly(4321);
    assertThat(keptNothing()).isTrue();
  }

  @Test
  void without_a_configured_port_the_port_kept_from_an_earlier_run_is_bound() throws IOException {
    files().keepClandestinePort(5555);
    FakeBind bind = new FakeBind(0);

    assertThat(ClandestinePort.bind(0, files(), random, bind)).isEqualTo(5555);

    assertThat(bind.tried).containsExactly(5555);
  }

  @Test
  void without_a_kept_port_a_random_one_from_1025_to_9999_is_bound_and_kept() throws IOException {
    FakeBind bind = new FakeBind(0);

    int port = ClandestinePort.bind(0, files(), random, bind);

    assertThat(port).isBetween(1025, 9999);
    assertThat(keptPort()).isEqualTo(port);
  }

  @Test
  void a_taken_kept_port_is_replaced_by_a_random_one_which_is_kept_instead() throws IOException {
    files().keepClandestinePort(5555);
    FakeBind bind = new FakeBind(3);

    int port = ClandestinePort.bind(0, files(), random, bind);

    assertThat(bind.tried).hasSize(4).startsWith(5555).endsWith(port);
    assertThat(bind.tried.subList(1, 4)).allSatisfy(p -> assertThat(p).isBetween(1025, 9999));
    assertThat(keptPort()).isEqualTo(port);
  }

  @Test
  void after_twenty_more_taken_ports_it_gives_up_with_the_last_failure() throws IOException {
    FakeBind bind = new FakeBind(Integer.MAX_VALUE);

    assertThatThrownBy(() -> ClandestinePort.bind(0, files(), random, bind))
        .isInstanceOf(IOException.class)
        .hasMessageEndingWith("Address already in use");

    assertThat(bind.tried).hasSize(1 + 20);
    assertThat(keptNothing()).isTrue();
  }
}
