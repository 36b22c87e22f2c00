package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.jmasq.accountant.PayableAccount;
import org.jmasq.identity.Chain;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.ui.PrometheusText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code jmasq} UI commands and {@code /metrics} against the user's Node of a devnet, as a user
 * would run them beside {@code jmasq devnet}: the stage, the books to the wei, min-hops changed
 * while the Node runs, the Prometheus page during a download, and a shutdown that keeps every
 * charge. No local chain, so no payment moves the books between a look at them and the next.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UiCommandsOnDevnetTest {
  private static final int NODES = 6;
  private static final int BIG = 12 * 1024 * 1024;
  private static final Duration SETTLE = Duration.ofSeconds(30);

  private Path work;
  private LocalSite site;
  private Devnet devnet;
  private int uiPort;
  private int commands;
  private final ExecutorService downloads = Executors.newVirtualThreadPerTaskExecutor();

  @BeforeAll
  void start(@TempDir Path work) throws Exception {
    this.work = work;
    site = new LocalSite(work, BIG, 13);
    devnet =
        Devnet.start(
            work.resolve("devnet"),
            NODES,
            "--no-local-chain",
            "--allow-private-targets",
            "--dns-servers",
            site.dns.address());
    uiPort = devnet.uiPort();
  }

  @AfterAll
  void stop() {
    if (devnet != null) {
      devnet.close();
    }
    downloads.close();
    site.close();
  }

  @Test
  @Order(1)
  void connection_status_prints_route_found() throws Exception {
    assertThat(jmasq("connection-status")).contains("RouteFound");
  }

  @Test
  @Order(2)
  void metrics_parse_as_prometheus_text_and_the_consumed_bytes_rise_during_a_download()
      throws Exception {
    PrometheusText before = metrics();
    assertThat(before.value("jmasq_stage{stage=\"RouteFound\"}")).isEqualTo(1);
    // The user's Node only consumes: it relays and exits nothing, so those stay as they were.
    double relayed = before.value("jmasq_relayed_bytes_total");
    double exited = before.value("jmasq_exited_bytes_total");
    double consumed = before.value("jmasq_consumed_bytes_total");

    CompletableFuture<Curl.Result> download = download("--limit-rate", "2M");
    PrometheusText during = metrics();
    while (during.value("jmasq_consumed_bytes_total") <= consumed) {
      assertThat(download).as("the counter rose before the download ended").isNotDone();
      during = metrics();
    }
    assertThat(during.value("jmasq_streams_open")).isPositive();
    assertThat(download.get().exitCode()).as(download.get().stderr()).isZero();

    PrometheusText after = metrics();
    assertThat(after.value("jmasq_consumed_bytes_total")).isGreaterThanOrEqualTo(consumed + BIG);
    assertThat(after.value("jmasq_relayed_bytes_total")).isEqualTo(relayed);
    assertThat(after.value("jmasq_exited_bytes_total")).isEqualTo(exited);
    assertThat(after.value("jmasq_spent_wei_total")).isPositive();
  }

  @Test
  @Order(3)
  void financials_json_agrees_with_the_database_to_the_wei() throws Exception {
    assertThat(download().get().exitCode()).isZero();
    DevnetBooks.awaitCreditorsAgree(devnet, NODES, SETTLE);
    Map<String, BigInteger> books = payables();
    JsonNode printed = UiClient.JSON.readTree(jmasq("financials", "--json", "--top", "65535"));
    assertThat(payables()).as("the books stood still while financials read them").isEqualTo(books);

    Map<String, BigInteger> shown = new HashMap<>();
    for (JsonNode row : printed.path("queryResultsOpt").path("payableOpt")) {
      shown.put(
          row.get("wallet").asText().toLowerCase(java.util.Locale.ROOT),
          new BigInteger(row.get("balanceWei").asText()));
    }
    assertThat(shown).hasSizeGreaterThanOrEqualTo(3).isEqualTo(books);
    assertThat(
            new BigInteger(
                printed.path("statsOpt").path("totalUnpaidAndPendingPayableWei").asText()))
        .isEqualTo(books.values().stream().reduce(BigInteger.ZERO, BigInteger::add));
  }

  @Test
  @Order(4)
  void set_configuration_min_hops_4_makes_new_streams_use_four_hop_routes() throws Exception {
    List<Devnet.LoggedRoute> before = devnet.routes();
    assertThat(before).isNotEmpty().allSatisfy(r -> assertThat(r.over()).hasSize(4));

    assertThat(jmasq("set-configuration", "--min-hops", "4"))
        .contains("Parameter was successfully set");
    // The stage drops back until a route of 4 hops is found: a stream may be refused meanwhile.
    Curl.Result result = download().get();
    for (int tries = 1; result.exitCode() != 0 && tries < 5; tries++) {
      result = download().get();
    }
    assertThat(result.exitCode()).as(result.stderr() + devnet.diagnostics()).isZero();
    List<Devnet.LoggedRoute> after = devnet.routes();
    List<Devnet.LoggedRoute> added = after.subList(before.size(), after.size());
    assertThat(added)
        .isNotEmpty()
        .allSatisfy(
            r ->
                assertThat(r.over())
                    .as("this Node and 4 hops")
                    .hasSize(5)
                    .startsWith(devnet.shortKey(1))
                    .doesNotHaveDuplicates());
  }

  @Test
  @Order(5)
  void shutdown_stops_the_node_with_exit_code_0_and_its_books_flushed() throws Exception {
    // The books are written once a second: a shutdown the moment a download ends, from a shell
    // already connected, finds its last charges not written yet, and must write them itself.
    try (NodeProcess shell =
        NodeProcess.start(work.resolve("shell"), "shell", "--ui-port", Integer.toString(uiPort))) {
      shell.type("connection-status");
      shell.awaitLine(Pattern.compile("RouteFound"), Duration.ofSeconds(30));
      assertThat(download("--limit-rate", "4M").get().exitCode()).isZero();
      shell.type("shutdown");
      shell.awaitLine(Pattern.compile("has stopped"), Duration.ofSeconds(30));
      shell.type("exit");
    }
    devnet.awaitOutput(
        Pattern.compile("your Node: stopped with exit code 0;"), Duration.ofSeconds(10));
    DevnetBooks.awaitCreditorsAgree(devnet, NODES, SETTLE);
  }

  /** The user's Node's payables, address to wei, from its database. */
  private Map<String, BigInteger> payables() throws Exception {
    Map<String, BigInteger> out = new HashMap<>();
    try (NodeDatabase db = NodeDatabase.open(devnet.nodeDirectory(1), Chain.DEV)) {
      for (PayableAccount account : db.payables().all()) {
        out.put(
            account.wallet().toString().toLowerCase(java.util.Locale.ROOT),
            account.balance().toBigInteger());
      }
    }
    return out;
  }

  private CompletableFuture<Curl.Result> download(String... options) {
    List<String> args = new java.util.ArrayList<>(List.of("--socks5-hostname", devnet.proxy()));
    args.addAll(List.of(options));
    args.add(site.url("/big.bin"));
    Path scratch = work.resolve("curl");
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return Curl.run(scratch, args.toArray(String[]::new));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        downloads);
  }

  /** {@code /metrics} of the user's Node, fetched with curl and read strictly. */
  private PrometheusText metrics() throws Exception {
    Curl.Result page =
        Curl.run(work.resolve("curl"), "--fail", "http://127.0.0.1:" + uiPort + "/metrics");
    assertThat(page.exitCode()).as(page.stderr()).isZero();
    return PrometheusText.parse(new String(page.body(), StandardCharsets.UTF_8));
  }

  /** Runs {@code jmasq <args> --ui-port P} against the user's Node. */
  private String jmasq(String... args) throws Exception {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--ui-port", Integer.toString(uiPort)));
    return NodeProcess.run(work.resolve("jmasq-" + ++commands), all.toArray(String[]::new));
  }
}
