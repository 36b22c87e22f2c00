package org.jmasq.node.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
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

  /** A port the fake bind listens on, until it is closed. */
  private static final class Listening implements AutoCloseable {
    final int port;
    boolean closed;

    Listening(int port) {
      this.port = port;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /**
   * A bind that refuses its first {@code taken} calls, as taken ports do, and records each port it
   * tried and each it bound.
   */
  private static class FakeBind implements ClandestinePort.Bind<Listening> {
    final List<Integer> tried = new ArrayList<>();
    final List<Listening> bound = new ArrayList<>();
    private final int taken;

    FakeBind(int taken) {
      this.taken = taken;
    }

    @Override
    public Listening bind(int port) throws IOException {
      tried.add(port);
      if (tried.size() <= taken) {
        throw refusal(port);
      }
      Listening listening = new Listening(port);
      bound.add(listening);
      return listening;
    }

    IOException refusal(int port) {
      return new BindException("cannot listen on 127.0.0.1:" + port + ": Address already in use");
    }
  }

  /** A bind that fails on every port for a reason other than the port: no port would help. */
  private static final class BrokenBind extends FakeBind {
    BrokenBind() {
      super(Integer.MAX_VALUE);
    }

    @Override
    IOException refusal(int port) {
      return new IOException("cannot make the link certificate: no such algorithm");
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

    assertThat(ClandestinePort.bind(4321, files(), random, bind).port).isEqualTo(4321);

    assertThat(bind.tried).containsExactly(4321);
    assertThat(keptPort()).isEqualTo(4321);
    assertThat(bind.bound.get(0).closed).as("the port bound stays open").isFalse();
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

    assertThat(ClandestinePort.bind(0, files(), random, bind).port).isEqualTo(5555);

    assertThat(bind.tried).containsExactly(5555);
  }

  @Test
  void a_port_below_1025_configured_once_is_bound_again_on_the_next_run() throws IOException {
    ClandestinePort.bind(443, files(), random, new FakeBind(0));
    FakeBind next = new FakeBind(0);

    assertThat(ClandestinePort.bind(0, files(), random, next).port).isEqualTo(443);

    assertThat(next.tried).containsExactly(443);
  }

  @Test
  void without_a_kept_port_a_random_one_from_1025_to_9999_is_bound_and_kept() throws IOException {
    FakeBind bind = new FakeBind(0);

    int port = ClandestinePort.bind(0, files(), random, bind).port;

    assertThat(port).isBetween(1025, 9999);
    assertThat(keptPort()).isEqualTo(port);
  }

  @Test
  void a_taken_kept_port_is_replaced_by_a_random_one_which_is_kept_instead() throws IOException {
    files().keepClandestinePort(5555);
    FakeBind bind = new FakeBind(3);

    int port = ClandestinePort.bind(0, files(), random, bind).port;

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

  @Test
  void a_failure_other_than_a_taken_port_fails_the_start_without_trying_another()
      throws IOException {
    BrokenBind bind = new BrokenBind();

    assertThatThrownBy(() -> ClandestinePort.bind(0, files(), random, bind))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(BindException.class)
        .hasMessageContaining("certificate");

    assertThat(bind.tried).hasSize(1);
    assertThat(keptNothing()).isTrue();
  }

  @Test
  void a_bound_port_that_cannot_be_kept_is_closed_again() throws IOException {
    // The data directory is a file, so nothing can be kept in it.
    Path notADirectory = Files.createFile(directory.resolve("not-a-directory"));
    FakeBind configured = new FakeBind(0);
    FakeBind chosen = new FakeBind(0);

    assertThatThrownBy(
            () -> ClandestinePort.bind(4321, new NodeFiles(notADirectory), random, configured))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> ClandestinePort.bind(0, new NodeFiles(notADirectory), random, chosen))
        .isInstanceOf(IOException.class);

    assertThat(configured.bound).hasSize(1).allSatisfy(l -> assertThat(l.closed).isTrue());
    assertThat(chosen.bound).hasSize(1).allSatisfy(l -> assertThat(l.closed).isTrue());
  }
}
