package org.jmasq.node.blockchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jmasq.accountant.ReceiptStatus;
import org.jmasq.accountant.Wei;
import org.jmasq.blockchain.BlockRangeLimit;
import org.jmasq.blockchain.Erc20;
import org.jmasq.blockchain.TransferLogs;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JsonRpcBlockchainClientTest {
  private static final Wallet ME = Wallet.parse("0x" + "ab".repeat(20));
  private static final Wallet CONTRACT = Wallet.of(Chain.DEV.contractAddress());
  private ScriptedRpcServer rpc;
  private JsonRpcBlockchainClient client;

  @BeforeEach
  void start() throws Exception {
    rpc = new ScriptedRpcServer();
    client =
        new JsonRpcBlockchainClient(
            rpc.url(), CONTRACT, HttpClient.newHttpClient(), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    rpc.close();
  }

  private JsonNode lastParams() {
    return rpc.requests.get(rpc.requests.size() - 1).get("params");
  }

  @Test
  void quantities_are_read_as_hex_numbers() throws Exception {
    rpc.script.put("eth_gasPrice", p -> "\"0x3b9aca00\"");
    rpc.script.put("eth_getBalance", p -> "\"0xde0b6b3a7640000\"");
    rpc.script.put("eth_blockNumber", p -> "\"0x7d0\"");
    rpc.script.put(
        "eth_getTransactionCount",
        p -> p.get(1).asText().equals("pending") ? "\"0x6\"" : "\"0x5\"");
    assertThat(client.gasPrice()).isEqualTo(Wei.ofGwei(1));
    assertThat(client.gasBalance(ME)).isEqualTo(Wei.of(BigInteger.TEN.pow(18)));
    assertThat(lastParams().get(0).asText()).isEqualTo(ME.toString());
    assertThat(client.latestBlock()).isEqualTo(2000);
    assertThat(client.transactionCount(ME, true)).isEqualTo(6);
    assertThat(client.transactionCount(ME, false)).isEqualTo(5);
  }

  @Test
  void the_token_balance_is_an_eth_call_of_balance_of_on_the_contract() throws Exception {
    rpc.script.put("eth_call", p -> "\"0x" + "0".repeat(62) + "2a\"");
    assertThat(client.tokenBalance(ME)).isEqualTo(Wei.of(42));
    assertThat(lastParams().get(0).get("to").asText()).isEqualTo(CONTRACT.toString());
    assertThat(lastParams().get(0).get("data").asText())
        .isEqualTo("0x70a08231" + "0".repeat(24) + "ab".repeat(20));
  }

  @Test
  void receipts_come_in_one_batch_as_confirmed_reverted_or_not_found() throws Exception {
    String ok = "0x" + "01".repeat(32);
    String bad = "0x" + "02".repeat(32);
    String none = "0x" + "03".repeat(32);
    String broken = "0x" + "04".repeat(32);
    rpc.script.put(
        "eth_getTransactionReceipt",
        p ->
            switch (p.get(0).asText().substring(2, 4)) {
              case "01" -> "{\"blockNumber\":\"0x10\",\"status\":\"0x1\"}";
              case "02" -> "{\"blockNumber\":\"0x11\",\"status\":\"0x0\"}";
              case "03" -> "null";
              default -> "error:{\"code\":-32000,\"message\":\"header not found\"}";
            });
    Map<String, ReceiptStatus> receipts = client.receipts(List.of(ok, bad, none, broken));
    assertThat(receipts)
        .containsEntry(ok, new ReceiptStatus.Confirmed(16))
        .containsEntry(bad, new ReceiptStatus.Reverted(17))
        .containsEntry(none, new ReceiptStatus.NotFound())
        .containsEntry(broken, new ReceiptStatus.NotFound());
    assertThat(rpc.requests).hasSize(4);
  }

  @Test
  void a_refused_transaction_in_a_batch_fails_the_send_with_the_providers_words() {
    rpc.script.put(
        "eth_sendRawTransaction",
        p ->
            p.get(0).asText().equals("0x02")
                ? "error:{\"code\":-32000,\"message\":\"insufficient funds for gas * price + value\"}"
                : "\"0x" + "aa".repeat(32) + "\"");
    assertThatThrownBy(() -> client.sendRawTransactions(List.of("0x01", "0x02")))
        .isInstanceOf(BlockchainException.class)
        .hasMessageContaining("transaction 1: eth_sendRawTransaction: insufficient funds");
  }

  @Test
  void transfer_logs_are_asked_for_by_contract_event_and_padded_recipient() throws Exception {
    String from = "0x" + "0".repeat(24) + "cd".repeat(20);
    rpc.script.put(
        "eth_getLogs",
        p ->
            "[{\"topics\":[\""
                + Erc20.TRANSFER_EVENT_TOPIC
                + "\",\""
                + from
                + "\",\"0x"
                + "0".repeat(64)
                + "\"],\"data\":\"0x"
                + "0".repeat(62)
                + "64\",\"blockNumber\":\"0x7d0\"}]");
    List<TransferLogs.RawLog> logs = client.transfersTo(ME, 1000, 1999);
    JsonNode filter = lastParams().get(0);
    assertThat(filter.get("address").asText()).isEqualTo(CONTRACT.toString());
    assertThat(filter.get("fromBlock").asText()).isEqualTo("0x3e8");
    assertThat(filter.get("toBlock").asText()).isEqualTo("0x7cf");
    assertThat(filter.get("topics").get(0).asText()).isEqualTo(Erc20.TRANSFER_EVENT_TOPIC);
    assertThat(filter.get("topics").get(1).isNull()).isTrue();
    assertThat(filter.get("topics").get(2).asText())
        .isEqualTo("0x" + "0".repeat(24) + "ab".repeat(20));
    TransferLogs.Decoded decoded = (TransferLogs.Decoded) TransferLogs.decode(logs);
    assertThat(decoded.transfers())
        .containsExactly(
            new TransferLogs.IncomingTransfer(
                Wallet.parse("0x" + "cd".repeat(20)), Wei.of(100), 2000));
  }

  @Test
  void a_range_refusal_reaches_the_caller_word_for_word() {
    rpc.script.put(
        "eth_getLogs",
        p -> "error:{\"code\":-32005,\"message\":\"query exceeds max block range 5000\"}");
    assertThatThrownBy(() -> client.transfersTo(ME, 0, 100000))
        .isInstanceOf(BlockchainException.class)
        .satisfies(e -> assertThat(BlockRangeLimit.fromError(e.getMessage())).hasValue(5000));
  }

  @Test
  void http_errors_and_garbage_are_checked_exceptions_with_the_text() {
    rpc.rawStatus = 429;
    rpc.rawReply = "requests per second higher than your plan allows";
    assertThatThrownBy(() -> client.latestBlock())
        .isInstanceOf(BlockchainException.class)
        .hasMessageContaining("HTTP 429")
        .hasMessageContaining("higher than your plan");
    rpc.rawStatus = 200;
    rpc.rawReply = "<html>not json";
    assertThatThrownBy(() -> client.latestBlock())
        .isInstanceOf(BlockchainException.class)
        .hasMessageContaining("Not JSON");
    rpc.rawReply = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"twelve\"}";
    assertThatThrownBy(() -> client.latestBlock())
        .isInstanceOf(BlockchainException.class)
        .hasMessageContaining("'twelve'");
    rpc.rawReply = "{\"jsonrpc\":\"2.0\",\"id\":1}";
    assertThatThrownBy(() -> client.gasPrice())
        .isInstanceOf(BlockchainException.class)
        .hasMessageContaining("neither result nor error");
    rpc.rawReply = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\"}";
    assertThatThrownBy(() -> client.receipts(List.of("0x" + "01".repeat(32))))
        .isInstanceOf(BlockchainException.class)
        .hasMessageContaining("not an array");
  }

  @Test
  void an_unreachable_provider_is_a_checked_exception() throws Exception {
    rpc.close();
    assertThatThrownBy(() -> client.gasPrice())
        .isInstanceOf(BlockchainException.class)
        .hasMessageContaining("Cannot reach");
  }
}
