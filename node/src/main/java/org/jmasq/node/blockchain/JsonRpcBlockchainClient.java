package org.jmasq.node.blockchain;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jmasq.accountant.ReceiptStatus;
import org.jmasq.accountant.Wei;
import org.jmasq.blockchain.Erc20;
import org.jmasq.blockchain.TransferLogs;
import org.jmasq.identity.Wallet;
import org.jmasq.node.http.BoundedBody;

/**
 * {@link BlockchainClient} over Ethereum JSON-RPC on HTTP, with batches as JSON arrays. The
 * provider's error text reaches {@link BlockchainException} unchanged, because the receivable scan
 * reads block-range limits from it. Any malformed answer is a {@link BlockchainException} too,
 * never an unchecked exception. Blocking; called from the Accountant's scan thread.
 *
 * <p>A provider is not trusted to be quick or brief: each call has one deadline for all of it
 * (connecting, the headers and the whole body), and an answer's body is read up to a size limit. A
 * provider that sends its headers and then a byte now and then, or a body without end, fails the
 * call with a {@link BlockchainException} that says so, and the connection is dropped.
 */
public final class JsonRpcBlockchainClient implements BlockchainClient {
  private static final String BALANCE_OF_SELECTOR = "70a08231";
  private static final HexFormat HEX = HexFormat.of();

  /**
   * The largest answer read unless told otherwise: far above a provider's largest log or receipt
   * batch (providers cap {@code eth_getLogs} at about 10,000 logs, some 10 MB of JSON), far below
   * what would strain the Node's memory.
   */
  public static final int DEFAULT_MAX_ANSWER_BYTES = 16 << 20;

  private final URI url;
  private final Wallet tokenContract;
  private final HttpClient http;
  private final Duration deadline;
  private final int maxAnswerBytes;
  private final ObjectMapper json = new ObjectMapper();
  private long nextId = 1;

  /** As the full constructor, with answers of up to {@link #DEFAULT_MAX_ANSWER_BYTES}. */
  public JsonRpcBlockchainClient(
      URI url, Wallet tokenContract, HttpClient http, Duration deadline) {
    this(url, tokenContract, http, deadline, DEFAULT_MAX_ANSWER_BYTES);
  }

  /**
   * @param deadline how long one call may take in all: connecting, the headers and the whole body
   * @param maxAnswerBytes the largest answer body read; a larger one fails the call
   */
  public JsonRpcBlockchainClient(
      URI url, Wallet tokenContract, HttpClient http, Duration deadline, int maxAnswerBytes) {
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline: " + deadline + " (expected: positive)");
    }
    if (maxAnswerBytes <= 0) {
      throw new IllegalArgumentException(
          "maxAnswerBytes: " + maxAnswerBytes + " (expected: positive)");
    }
    this.url = url;
    this.tokenContract = tokenContract;
    this.http = http;
    this.deadline = deadline;
    this.maxAnswerBytes = maxAnswerBytes;
  }

  private ObjectNode request(String method, Object... params) {
    ObjectNode r = json.createObjectNode();
    r.put("jsonrpc", "2.0");
    r.put("id", nextId++);
    r.put("method", method);
    r.set("params", json.valueToTree(params));
    return r;
  }

  private JsonNode post(JsonNode body) throws BlockchainException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(deadline)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    HttpResponse<byte[]> response = send(request);
    String text = new String(response.body(), StandardCharsets.UTF_8);
    if (response.statusCode() != 200) {
      throw new BlockchainException(
          "HTTP " + response.statusCode() + " from " + url + ": " + abbreviate(text));
    }
    try {
      return json.readTree(text);
    } catch (JacksonException e) {
      throw new BlockchainException("Not JSON from " + url + ": " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Sends {@code request} and waits for the whole answer until the deadline. The request's own
   * timeout covers only the time to the headers; this wait covers the body too, and cancelling the
   * exchange when it ends closes the connection, so nothing keeps reading a provider that stalls.
   */
  private HttpResponse<byte[]> send(HttpRequest request) throws BlockchainException {
    CompletableFuture<HttpResponse<byte[]>> answer =
        http.sendAsync(request, BoundedBody.handler(maxAnswerBytes));
    try {
      return answer.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new BlockchainException(
          url + " did not answer in full within " + seconds(deadline) + "; the call was abandoned",
          e);
    } catch (ExecutionException e) {
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof BoundedBody.TooLarge tooLarge) {
          throw new BlockchainException(
              "Refused the answer from " + url + ": " + tooLarge.getMessage(), tooLarge);
        }
        if (cause instanceof HttpTimeoutException) {
          throw new BlockchainException(
              url + " did not answer within " + seconds(deadline) + "; the call was abandoned",
              cause);
        }
      }
      throw new BlockchainException(
          "Cannot reach " + url + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new BlockchainException("Interrupted while calling " + url, e);
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static JsonNode result(JsonNode answer, String method) throws BlockchainException {
    if (answer == null || !answer.isObject()) {
      throw new BlockchainException(method + ": the answer is not a JSON-RPC object");
    }
    JsonNode error = answer.get("error");
    if (error != null && !error.isNull()) {
      throw new BlockchainException(
          method
              + ": "
              + error.path("message").asText(error.toString())
              + (error.has("data") ? " " + error.get("data") : ""));
    }
    if (!answer.has("result")) {
      throw new BlockchainException(method + ": the answer has neither result nor error");
    }
    return answer.get("result");
  }

  /**
   * One read. Asked again once when the provider closed the connection without an answer: the HTTP
   * client reuses idle connections, and a provider may have closed one just before (every call here
   * only reads, so asking twice changes nothing). Timeouts and refused answers are not asked again.
   */
  private JsonNode call(String method, Object... params) throws BlockchainException {
    try {
      return result(post(request(method, params)), method);
    } catch (BlockchainException e) {
      if (!(e.getCause() instanceof java.io.IOException cause)
          || cause instanceof HttpTimeoutException
          || cause instanceof BoundedBody.TooLarge) {
        throw e;
      }
      return result(post(request(method, params)), method);
    }
  }

  /** Sends one batch and answers each request's result or error, in request order. */
  private List<JsonNode> batch(List<ObjectNode> requests) throws BlockchainException {
    ArrayNode body = json.createArrayNode();
    requests.forEach(body::add);
    JsonNode answers = post(body);
    if (!answers.isArray()) {
      throw new BlockchainException(
          "batch: the answer is not an array: " + abbreviate(answers.toString()));
    }
    Map<Long, JsonNode> byId = new HashMap<>();
    for (JsonNode a : answers) {
      byId.put(a.path("id").asLong(-1), a);
    }
    List<JsonNode> ordered = new ArrayList<>();
    for (ObjectNode r : requests) {
      ordered.add(byId.get(r.get("id").asLong()));
    }
    return ordered;
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  static BigInteger quantity(JsonNode node, String what) throws BlockchainException {
    String text = node == null ? "" : node.asText("");
    if (!text.matches("0x[0-9a-fA-F]{1,64}")) {
      throw new BlockchainException(what + ": '" + abbreviate(text) + "' is not a hex quantity");
    }
    return new BigInteger(text.substring(2), 16);
  }

  static byte[] data(JsonNode node, String what) throws BlockchainException {
    String text = node == null ? "" : node.asText("");
    if (!text.matches("0x([0-9a-fA-F]{2})*")) {
      throw new BlockchainException(what + ": '" + abbreviate(text) + "' is not hex data");
    }
    return HEX.parseHex(text.substring(2));
  }

  private static Wei wei(BigInteger value, String what) throws BlockchainException {
    if (value.compareTo(Wei.MAX_VALUE) > 0) {
      throw new BlockchainException(what + ": " + value + " is beyond 2^127-1 wei");
    }
    return Wei.of(value);
  }

  private static long number(BigInteger value, String what) throws BlockchainException {
    if (value.bitLength() > 62) {
      throw new BlockchainException(what + ": " + value + " is too large");
    }
    return value.longValueExact();
  }

  private static String hex(long value) {
    return "0x" + Long.toHexString(value);
  }

  @Override
  public Wei gasPrice() throws BlockchainException {
    return wei(quantity(call("eth_gasPrice"), "eth_gasPrice"), "eth_gasPrice");
  }

  @Override
  public Wei gasBalance(Wallet wallet) throws BlockchainException {
    return wei(
        quantity(call("eth_getBalance", wallet.toString(), "latest"), "eth_getBalance"),
        "eth_getBalance");
  }

  @Override
  public Wei tokenBalance(Wallet wallet) throws BlockchainException {
    Map<String, String> callObject =
        Map.of(
            "to",
            tokenContract.toString(),
            "data",
            "0x" + BALANCE_OF_SELECTOR + "0".repeat(24) + wallet.toString().substring(2));
    byte[] answer = data(call("eth_call", callObject, "latest"), "balanceOf");
    if (answer.length != 32) {
      throw new BlockchainException("balanceOf: " + answer.length + " bytes (expected: 32)");
    }
    return wei(new BigInteger(1, answer), "balanceOf");
  }

  @Override
  public long transactionCount(Wallet wallet, boolean includingPending) throws BlockchainException {
    JsonNode n =
        call("eth_getTransactionCount", wallet.toString(), includingPending ? "pending" : "latest");
    return number(quantity(n, "eth_getTransactionCount"), "eth_getTransactionCount");
  }

  @Override
  public void sendRawTransactions(List<String> rawTransactions) throws BlockchainException {
    if (rawTransactions.isEmpty()) {
      return;
    }
    List<ObjectNode> requests = new ArrayList<>();
    for (String raw : rawTransactions) {
      requests.add(request("eth_sendRawTransaction", raw));
    }
    List<String> errors = new ArrayList<>();
    List<JsonNode> answers = batch(requests);
    for (int i = 0; i < answers.size(); i++) {
      try {
        result(answers.get(i), "eth_sendRawTransaction");
      } catch (BlockchainException e) {
        errors.add("transaction " + i + ": " + e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new BlockchainException(String.join("; ", errors));
    }
  }

  @Override
  public Map<String, ReceiptStatus> receipts(List<String> transactionHashes)
      throws BlockchainException {
    Map<String, ReceiptStatus> out = new HashMap<>();
    if (transactionHashes.isEmpty()) {
      return out;
    }
    List<ObjectNode> requests = new ArrayList<>();
    for (String hash : transactionHashes) {
      requests.add(request("eth_getTransactionReceipt", hash));
    }
    List<JsonNode> answers = batch(requests);
    for (int i = 0; i < answers.size(); i++) {
      out.put(transactionHashes.get(i), receipt(answers.get(i)));
    }
    return out;
  }

  /**
   * A receipt's status; no receipt, a per-item error or a receipt without a block are "not found"
   * for now.
   */
  private static ReceiptStatus receipt(JsonNode answer) throws BlockchainException {
    JsonNode r;
    try {
      r = result(answer, "eth_getTransactionReceipt");
    } catch (BlockchainException e) {
      return new ReceiptStatus.NotFound();
    }
    if (r == null
        || r.isNull()
        || r.path("blockNumber").isNull()
        || r.path("blockNumber").isMissingNode()) {
      return new ReceiptStatus.NotFound();
    }
    long block =
        number(quantity(r.get("blockNumber"), "receipt blockNumber"), "receipt blockNumber");
    BigInteger status = quantity(r.get("status"), "receipt status");
    return status.equals(BigInteger.ONE)
        ? new ReceiptStatus.Confirmed(block)
        : new ReceiptStatus.Reverted(block);
  }

  @Override
  public long latestBlock() throws BlockchainException {
    return number(quantity(call("eth_blockNumber"), "eth_blockNumber"), "eth_blockNumber");
  }

  @Override
  public List<TransferLogs.RawLog> transfersTo(Wallet recipient, long fromBlock, long toBlock)
      throws BlockchainException {
    Map<String, Object> filter = new HashMap<>();
    filter.put("address", tokenContract.toString());
    filter.put("fromBlock", hex(fromBlock));
    filter.put("toBlock", hex(toBlock));
    List<String> topics = new ArrayList<>();
    topics.add(Erc20.TRANSFER_EVENT_TOPIC);
    topics.add(null);
    topics.add("0x" + "0".repeat(24) + recipient.toString().substring(2));
    filter.put("topics", topics);
    JsonNode logs = call("eth_getLogs", filter);
    if (!logs.isArray()) {
      throw new BlockchainException("eth_getLogs: the result is not an array");
    }
    List<TransferLogs.RawLog> out = new ArrayList<>();
    for (JsonNode log : logs) {
      List<byte[]> logTopics = new ArrayList<>();
      for (JsonNode t : log.path("topics")) {
        logTopics.add(data(t, "log topic"));
      }
      JsonNode block = log.get("blockNumber");
      OptionalLong blockNumber =
          block == null || block.isNull()
              ? OptionalLong.empty()
              : OptionalLong.of(number(quantity(block, "log blockNumber"), "log blockNumber"));
      out.add(new TransferLogs.RawLog(logTopics, data(log.get("data"), "log data"), blockNumber));
    }
    return out;
  }
}
