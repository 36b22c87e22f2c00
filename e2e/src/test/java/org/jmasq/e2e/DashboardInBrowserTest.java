package org.jmasq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.jmasq.accountant.PayableAccount;
import org.jmasq.accountant.ReceivableAccount;
import org.jmasq.identity.Chain;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The dashboard in a real browser: headless Chromium opens the page the user's Node of a devnet
 * serves on its UI port, and the page (a MASQNode-UIv2 client itself) must show what the Node and
 * its database say. A failed test leaves a screenshot under {@code target/dashboard/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardInBrowserTest {
  private static final int NODES = 5;
  private static final int BIG = 12 * 1024 * 1024;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Path SHOTS = Path.of("target", "dashboard");

  /** devnet gives Node i (from 1) the country {@code COUNTRIES[(i - 1) % 3]}. */
  private static final List<String> COUNTRIES = List.of("DE", "FR", "CZ");

  private Path work;
  private LocalSite site;
  private Devnet devnet;
  private Chromium chromium;
  private String dashboard;
  private final ExecutorService downloads = Executors.newVirtualThreadPerTaskExecutor();

  @RegisterExtension
  final TestWatcher screenshotOnFailure =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          if (chromium != null) {
            try {
              chromium.screenshot(SHOTS.resolve(context.getDisplayName() + ".png"));
            } catch (Exception e) {
              cause.addSuppressed(e);
            }
          }
        }
      };

  @BeforeAll
  void start(@TempDir Path work) throws Exception {
    this.work = work;
    site = new LocalSite(work, BIG, 11);
    devnet =
        Devnet.start(
            work.resolve("devnet"),
            NODES,
            "--no-local-chain",
            "--countries",
            String.join(",", COUNTRIES),
            "--allow-private-targets",
            "--dns-servers",
            site.dns.address());
    dashboard = devnet.dashboardUrl();
    chromium = Chromium.start(work.resolve("chromium"));
    chromium.open(dashboard);
  }

  @AfterAll
  void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (devnet != null) {
      devnet.close();
    }
    downloads.close();
    site.close();
  }

  @Test
  @Order(1)
  void the_page_shows_route_found_and_draws_the_users_node() {
    chromium.await(WAIT, "the stage RouteFound", d -> "RouteFound".equals(chromium.text("stage")));
    assertThat(chromium.text("stage-progress-label")).isEqualTo("3/3");
    // The user's Node is originate-only: it has no public address, so no descriptor to give.
    assertThat(chromium.text("descriptor")).isEqualTo("(none: this Node has no public address)");
    assertThat(chromium.all("#graph g.node.self")).hasSize(1);
  }

  @Test
  @Order(2)
  void the_traffic_counter_rises_during_a_download() throws Exception {
    awaitServed("traffic-note");
    long before = counter("bytes-consumed");
    CompletableFuture<Curl.Result> download = download("/big.bin", "--limit-rate", "2M");
    chromium.await(
        WAIT,
        "bytes consumed rising while the download runs",
        d -> counter("bytes-consumed") > before + 1024 * 1024);
    assertThat(download).as("the download still ran when the counter rose").isNotDone();
    List<List<String>> routes =
        chromium.await(
            WAIT,
            "the route in use listed",
            d -> chromium.rows("routes").isEmpty() ? null : chromium.rows("routes"));
    assertThat(download.get().exitCode()).as(download.get().stderr()).isZero();
    assertThat(routes).extracting(r -> r.get(2)).contains(devnet.routes().getLast().exit());
    chromium.await(
        WAIT, "bytes consumed after the download", d -> counter("bytes-consumed") >= before + BIG);
  }

  @Test
  @Order(3)
  void the_graph_draws_the_users_neighbors_and_the_routes_exit() throws Exception {
    awaitServed("graph-note");
    assertThat(download("/big.bin", "--limit-rate", "4M").get().exitCode()).isZero();
    Devnet.LoggedRoute route = devnet.routes().getLast();
    List<String> neighbors = devnet.neighborsWhenChoosing(route.exit()).getLast();
    chromium.await(
        WAIT,
        "the user's neighbors " + neighbors + " drawn",
        d -> drawn("#graph g.node.neighbor").equals(Set.copyOf(neighbors)));
    assertThat(drawn("#graph g.node.self")).containsExactly(devnet.shortKey(1));
  }

  @Test
  @Order(4)
  void a_routes_exit_country_and_the_countries_a_route_can_exit_in_are_shown() throws Exception {
    awaitServed("traffic-note");
    CompletableFuture<Curl.Result> download = download("/big.bin", "--limit-rate", "2M");
    List<List<String>> routes =
        chromium.await(
            WAIT,
            "a route in use listed",
            d -> chromium.rows("routes").isEmpty() ? null : chromium.rows("routes"));
    // What a user sees while browsing: the picture docs/dashboard.png is made from.
    chromium.screenshot(SHOTS.resolve("dashboard.png"));
    assertThat(download.get().exitCode()).as(download.get().stderr()).isZero();
    String exit = routes.getFirst().get(2);
    String country = COUNTRIES.get((devnet.indexOf(exit) - 1) % COUNTRIES.size());
    assertThat(routes.getFirst().get(3)).as("the exit's country").isEqualTo(country);
    String available =
        chromium.await(
            WAIT,
            "the countries a route can exit in",
            d ->
                chromium.text("exit-countries").contains(country)
                    ? chromium.text("exit-countries")
                    : null);
    assertThat(available.split(", ")).isSubsetOf(COUNTRIES);
    assertThat(chromium.text("exit-selection")).isEqualTo("(any country)");
  }

  @Test
  @Order(5)
  void the_financials_rows_equal_the_database() throws Exception {
    assertThat(download("/big.bin").get().exitCode()).isZero();
    // The books are written once a second and the page asks every 3 s; once the streams are
    // over, both settle on the same rows.
    StringBuilder lastLook = new StringBuilder();
    chromium.await(
        WAIT,
        () -> "the page's payables and receivables equal the database's; last look: " + lastLook,
        d -> {
          try {
            Map<String, String> page = new HashMap<>();
            chromium.rows("payables").forEach(r -> page.put(r.get(0), r.get(2)));
            Map<String, String> receivablesShown = new HashMap<>();
            chromium.rows("receivables").forEach(r -> receivablesShown.put(r.get(0), r.get(2)));
            Books books = Books.read(devnet.nodeDirectory(1));
            lastLook.setLength(0);
            lastLook.append("page ").append(page).append(receivablesShown);
            lastLook.append(" total ").append(chromium.text("total-payable"));
            lastLook.append(", database ").append(books);
            return !page.isEmpty()
                && page.equals(books.payables)
                && receivablesShown.equals(books.receivables)
                && chromium.text("total-payable").equals(books.totalPayable.toString());
          } catch (DatabaseException e) {
            return false; // the Node held a write lock for a moment: look again
          }
        });
  }

  @Test
  @Order(6)
  void a_websocket_from_another_origin_is_refused_and_one_from_the_page_opens() throws Exception {
    String ui = dashboard.replace("http://", "ws://");
    assertThat(tryWebSocket(ui)).as("from the dashboard's own origin").isEqualTo("open");
    HttpServer other =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    byte[] page = "<!doctype html><title>another site</title>".getBytes(StandardCharsets.UTF_8);
    other.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(page);
          }
        });
    other.start();
    try {
      chromium.open("http://127.0.0.1:" + other.getAddress().getPort() + "/");
      assertThat(tryWebSocket(ui)).as("from another origin").startsWith("refused");
    } finally {
      other.stop(0);
      chromium.open(dashboard);
    }
  }

  /** Opens a MASQNode-UIv2 WebSocket from the page now loaded: "open" or "refused (code)". */
  private String tryWebSocket(String url) {
    return (String)
        chromium.driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "const ws = new WebSocket(arguments[0], 'MASQNode-UIv2');"
                + "ws.onopen = () => { ws.close(); done('open'); };"
                + "ws.onclose = (e) => done('refused (' + e.code + ')');",
            url);
  }

  /** Fails when the page says this Node does not serve the opcode its check needs. */
  private void awaitServed(String noteId) {
    String served =
        chromium.await(
            WAIT,
            "the Node's answer to " + noteId,
            d -> d.findElement(By.id(noteId)).getDomAttribute("data-served"));
    assertThat(served).as("served by this Node: %s", chromium.text(noteId)).isEqualTo("true");
  }

  private long counter(String id) {
    String text = chromium.text(id);
    return text.matches("\\d+") ? Long.parseLong(text) : -1;
  }

  private Set<String> drawn(String css) {
    return chromium.all(css).stream()
        .map(g -> g.getDomAttribute("data-key"))
        .collect(Collectors.toSet());
  }

  private CompletableFuture<Curl.Result> download(String path, String... curlOptions) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            List<String> args = new java.util.ArrayList<>(List.of(curlOptions));
            args.addAll(List.of("--socks5-hostname", devnet.proxy(), site.url(path)));
            return Curl.run(work.resolve("curl"), args.toArray(String[]::new));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        downloads);
  }

  /** The user's Node's books as the page shows them: wallet → balance in gwei, cut toward zero. */
  private record Books(
      Map<String, String> payables, Map<String, String> receivables, BigInteger totalPayable) {
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);

    static Books read(Path directory) throws DatabaseException {
      try (NodeDatabase db = NodeDatabase.open(directory, Chain.DEV)) {
        Map<String, String> payables = new HashMap<>();
        BigInteger total = BigInteger.ZERO;
        for (PayableAccount a : db.payables().all()) {
          payables.put(a.wallet().toString(), a.balance().toBigInteger().divide(GWEI).toString());
          total = total.add(a.balance().toBigInteger());
        }
        Map<String, String> receivables = new HashMap<>();
        for (ReceivableAccount a : db.receivables().all()) {
          receivables.put(
              a.wallet().toString(), a.balance().toBigInteger().divide(GWEI).toString());
        }
        return new Books(payables, receivables, total.divide(GWEI));
      }
    }
  }
}
