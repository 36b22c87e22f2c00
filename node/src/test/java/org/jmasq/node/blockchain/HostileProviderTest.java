package org.jmasq.node.blockchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Duration;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chain client against providers that answer slowly or without end, over real HTTP on loopback.
 * Each call must end by itself: the test's own time limit is far above the client's deadline, and a
 * client that kept reading would hit it instead.
 */
@Timeout(30)
class HostileProviderTest {
  private static final Wallet CONTRACT = Wallet.of(Chain.DEV.contractAddress());

  private static JsonRpcBlockchainClient client(
      HostileRpcServer server, Duration deadline, int maxAnswerBytes) {
    return new JsonRpcBlockchainClient(
        server.url(), CONTRACT, HttpClient.newHttpClient(), deadline, maxAnswerBytes);
  }

  @Test
  void a_provider_that_sends_its_headers_then_a_byte_now_and_then_fails_the_call_at_its_deadline()
      throws Exception {
    try (HostileRpcServer server =
        new HostileRpcServer(HostileRpcServer.Answer.DRIP, Duration.ofMillis(200))) {
      JsonRpcBlockchainClient client = client(server, Duration.ofSeconds(1), 1 << 20);

      assertThatThrownBy(client::latestBlock)
          .isInstanceOf(BlockchainException.class)
          .hasMessage(server.url() + " did not answer in full within 1 s; the call was abandoned");
      assertThat(server.bodyBytesSent())
          .as("the headers came in time and the body had begun: a headers-only timeout never fires")
          .isPositive();
    }
  }

  @Test
  void a_read_whose_connection_the_provider_closed_unanswered_is_asked_again_once()
      throws Exception {
    try (HostileRpcServer server =
        new HostileRpcServer(HostileRpcServer.Answer.HANG_UP_ONCE, Duration.ZERO)) {
      JsonRpcBlockchainClient client = client(server, Duration.ofSeconds(5), 1 << 20);

      assertThat(client.latestBlock()).isEqualTo(16);
      assertThat(server.awaitRequest(Duration.ZERO)).as("the first request").isTrue();
      assertThat(server.awaitRequest(Duration.ZERO)).as("asked again").isTrue();
    }
  }

  @Test
  void an_endless_answer_fails_the_call_once_it_passes_the_size_limit() throws Exception {
    try (HostileRpcServer server =
        new HostileRpcServer(HostileRpcServer.Answer.ENDLESS, Duration.ZERO)) {
      // A deadline beyond the test's own limit: only the size limit can end this call in time.
      JsonRpcBlockchainClient client = client(server, Duration.ofMinutes(5), 1 << 20);

      assertThatThrownBy(client::gasPrice)
          .isInstanceOf(BlockchainException.class)
          .hasMessage(
              "Refused the answer from "
                  + server.url()
                  + ": the answer is larger than 1048576 bytes");
    }
  }

  @Test
  void an_answer_that_declares_a_huge_body_is_refused_before_the_body_is_read() throws Exception {
    try (HostileRpcServer server =
        new HostileRpcServer(HostileRpcServer.Answer.HUGE_DECLARED, Duration.ZERO)) {
      JsonRpcBlockchainClient client = client(server, Duration.ofMinutes(5), 1 << 20);

      assertThatThrownBy(client::gasPrice)
          .isInstanceOf(BlockchainException.class)
          .hasMessage(
              "Refused the answer from "
                  + server.url()
                  + ": the answer declares 10000000000 bytes (limit: 1048576)");
    }
  }

  @Test
  void the_default_limits_are_a_deadline_for_the_whole_call_and_sixteen_mebibytes() {
    assertThat(JsonRpcBlockchainClient.DEFAULT_MAX_ANSWER_BYTES).isEqualTo(16 * 1024 * 1024);
    assertThatThrownBy(
            () ->
                new JsonRpcBlockchainClient(
                    null, CONTRACT, HttpClient.newHttpClient(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deadline: PT0S (expected: positive)");
  }
}
