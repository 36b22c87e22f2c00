package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/** {@code jmasq node --ui-port}: the reference's range, and a Node a UI can stop with exit 0. */
class UiPortOptionTest {
  private final Converters.UiPort uiPort = new Converters.UiPort();

  @TempDir Path dataDirectory;

  @Test
  void a_ui_port_from_1025_to_65535_is_accepted() {
    assertThat(uiPort.convert("1025")).isEqualTo(1025);
    assertThat(uiPort.convert("5333")).isEqualTo(5333);
    assertThat(uiPort.convert("65535")).isEqualTo(65535);
  }

  @Test
  void a_privileged_or_impossible_ui_port_is_refused_in_one_sentence() {
    for (String bad : new String[] {"0", "80", "1024", "65536", "five"}) {
      assertThatThrownBy(() -> uiPort.convert(bad))
          .isInstanceOf(TypeConversionException.class)
          .hasMessageContaining("1025");
    }
  }

  @Test
  void without_the_option_the_node_has_no_ui_and_masq_ui_port_gives_one() {
    NodeCommand byDefault = new NodeCommand(java.io.InputStream.nullInputStream());
    new CommandLine(byDefault).parseArgs();
    NodeCommand fromEnvironment = new NodeCommand(java.io.InputStream.nullInputStream());
    new CommandLine(fromEnvironment)
        .setDefaultValueProvider(new EnvironmentDefaults(Map.of("MASQ_UI_PORT", "5444")))
        .parseArgs();
    assertThat(byDefault.uiPort).isNull();
    assertThat(fromEnvironment.uiPort).isEqualTo(5444);
  }

  @Test
  void a_node_started_with_a_ui_port_stops_with_exit_code_0_when_its_ui_says_shutdown()
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    CountDownLatch ready = new CountDownLatch(1);
    StringWriter out =
        new StringWriter() {
          @Override
          public void write(String text, int off, int len) {
            super.write(text, off, len);
            if (toString().contains("JMasq Node ready")) {
              ready.countDown();
            }
          }
        };
    CommandLine cli = Main.commandLine(Map.of(), new ByteArrayInputStream(new byte[0]));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<Integer> exit =
          CompletableFuture.supplyAsync(
              () ->
                  cli.execute(
                      "node",
                      "--neighborhood-mode",
                      "zero-hop",
                      "--data-directory",
                      dataDirectory.toString(),
                      "--proxy-port",
                      "0",
                      "--ui-port",
                      String.valueOf(port)),
              runner);
      assertThat(ready.await(60, TimeUnit.SECONDS)).as(out.toString()).isTrue();
      assertThat(out.toString()).contains("MASQNode-UIv2) on ws://127.0.0.1:" + port + "/");

      CompletableFuture<String> answer = new CompletableFuture<>();
      WebSocket ui =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .subprotocols("MASQNode-UIv2")
              .buildAsync(
                  URI.create("ws://127.0.0.1:" + port + "/"),
                  new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(
                        WebSocket ws, CharSequence data, boolean last) {
                      // Broadcasts (the dashboard's trafficChange) may come first.
                      if (data.toString().contains("\"opcode\":\"shutdown\"")) {
                        answer.complete(data.toString());
                      }
                      ws.request(1);
                      return null;
                    }
                  })
              .get(20, TimeUnit.SECONDS);
      ui.sendText("{\"opcode\":\"shutdown\",\"contextId\":1,\"payload\":{}}", true);
      assertThat(answer.get(20, TimeUnit.SECONDS)).contains("\"opcode\":\"shutdown\"");
      assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
      assertThat(out.toString()).contains("its UI asked it to shut down");
      ui.abort();
    } finally {
      runner.shutdownNow();
    }
  }

  @Test
  void a_taken_ui_port_is_refused_in_one_line() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      CommandRun run =
          CommandRun.of(
              "node",
              "--neighborhood-mode",
              "zero-hop",
              "--data-directory",
              dataDirectory.toString(),
              "--proxy-port",
              "0",
              "--ui-port",
              String.valueOf(taken.getLocalPort()));
      assertThat(run.exit()).isNotZero();
      assertThat(run.errLines()).hasSize(1);
      assertThat(run.errLines().get(0)).contains("UI port " + taken.getLocalPort());
    }
  }
}
