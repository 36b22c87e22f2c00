package org.jmasq.node.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Wallet;
import org.jmasq.node.Node;
import org.jmasq.node.accountant.AccountantConfig;
import org.jmasq.node.blockchain.ScriptedRpcServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row 6, free riders: a wallet made a moment ago, never funded, is served by relays and exits up to
 * the new-payer credit and then refused, and its user is told why (HTTP 402); a funded wallet is
 * served on. The chain is a JSON-RPC server on loopback that says which wallets hold tokens and
 * gas.
 */
@Timeout(300)
class FreeRiderAttackTest {
  private static final long CREDIT = 256 * 1024;
  private static final int PAGE = 16 * 1024;

  /** Enough pages for four times the credit: a free ride, if they are all served. */
  private static final int PAGES = (int) (4 * CREDIT / PAGE);

  @TempDir static Path root;
  private static final Set<Wallet> funded = ConcurrentHashMap.newKeySet();
  private static ScriptedRpcServer chain;
  private static CountingOrigin origin;
  private static RealNodes nodes;

  @BeforeAll
  static void start() throws Exception {
    chain = new ScriptedRpcServer();
    chain.script.put(
        "eth_call",
        p -> {
          String data = p.get(0).get("data").asText();
          return balance(Wallet.parse("0x" + data.substring(data.length() - 40)), 64);
        });
    chain.script.put("eth_getBalance", p -> balance(Wallet.parse(p.get(0).asText()), 0));
    // What the Nodes' own scans ask: a chain with nothing on it yet.
    chain.script.put("eth_blockNumber", p -> "\"0x1\"");
    chain.script.put("eth_getLogs", p -> "[]");
    chain.script.put("eth_gasPrice", p -> "\"0x1\"");
    chain.script.put("eth_getTransactionCount", p -> "\"0x0\"");
    origin = new CountingOrigin();
    nodes =
        RealNodes.start(
            66,
            root,
            5,
            a ->
                new AccountantConfig(
                    a.consumingKey(),
                    a.earningWallet(),
                    a.dbPassword(),
                    a.paymentThresholds(),
                    a.scanIntervals(),
                    a.ratePack(),
                    Optional.of(chain.url()),
                    Optional.empty(),
                    CREDIT));
  }

  /** A funded wallet's balance (a million tokens, or one coin of gas), else zero. */
  private static String balance(Wallet wallet, int digits) {
    String value =
        funded.contains(wallet) ? BigInteger.TEN.pow(24).toString(16) : BigInteger.ZERO.toString();
    return digits == 0
        ? "\"0x" + value + "\""
        : "\"0x" + "0".repeat(digits - value.length()) + value + "\"";
  }

  @AfterAll
  static void stop() {
    if (nodes != null) {
      nodes.close();
    }
    if (origin != null) {
      origin.close();
    }
    if (chain != null) {
      chain.close();
    }
  }

  /**
   * Sends up to {@link #PAGES} requests for a page from {@code peer} over a real relay and exit,
   * each once the one before reached the origin, and answers how many reached it; stops after two
   * in a row did not.
   */
  private static int pagesServed(HostilePeer peer) throws Exception {
    // A relay and an exit that are neighbors, so the relay can pass the request on.
    List<Node> chain = nodes.chain(2, Duration.ofSeconds(30));
    Node relay = chain.get(0);
    Node exit = chain.get(1);
    PublicKey kx = exit.descriptor().key();
    peer.knows(relay.descriptor(), exit.descriptor());
    PublicKey me = peer.key();
    PublicKey ka = relay.descriptor().key();
    int served = 0;
    int refusedInARow = 0;
    for (int i = 0; i < PAGES && refusedInARow < 2; i++) {
      int before = origin.requests();
      peer.request(
          List.of(me, ka, kx),
          List.of(kx, ka, me),
          "127.0.0.1",
          origin.port(),
          "GET /bytes/" + PAGE + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      if (origin.awaitRequests(before + 1, Duration.ofSeconds(5))) {
        served++;
        refusedInARow = 0;
      } else {
        refusedInARow++;
      }
    }
    return served;
  }

  @Test
  void a_never_funded_wallet_is_served_up_to_the_credit_then_refused() throws Exception {
    try (HostilePeer freeRider = HostilePeer.on(nodes.ip(100))) {
      int served = pagesServed(freeRider);

      // Most of the credit is served: a Node that refused right after the chain's first answer
      // (at a sixteenth of the credit) would not get this far.
      assertThat((long) served * PAGE)
          .as("served up to the credit")
          .isGreaterThanOrEqualTo(CREDIT / 2);
      assertThat((long) served * PAGE)
          .as("pages served of %d", PAGES)
          // The exit counts a page once its bytes went back, which may be just after the next
          // request came in: one page of slack.
          .isLessThanOrEqualTo(CREDIT + 2 * PAGE);
    }
  }

  @Test
  void a_funded_wallet_is_served_past_the_credit() throws Exception {
    try (HostilePeer payer = HostilePeer.on(nodes.ip(101))) {
      funded.add(payer.consumingWallet());

      assertThat(pagesServed(payer)).isEqualTo(PAGES);
    }
  }

  @Test
  void the_user_of_a_never_funded_wallet_is_told_402_once_the_credit_is_used() throws Exception {
    String url = origin.url("bytes/" + PAGE);
    RealNodes.fetchUntilServed(nodes.user(), url, Duration.ofSeconds(30));
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < PAGES; i++) {
      String answer = RealNodes.fetch(nodes.user(), url, Duration.ofSeconds(30));
      answers.add(answer.substring(0, answer.indexOf("\r\n")));
      if (answer.startsWith("HTTP/1.1 402")) {
        assertThat(answer)
            .contains("Consuming Wallet Unfunded")
            .contains("holds no MASQ or no gas")
            .contains("--new-payer-credit");
        break;
      }
    }

    assertThat(answers).as("the answers, in order").last().asString().startsWith("HTTP/1.1 402");
    assertThat(answers.subList(0, answers.size() - 1))
        .as("served before")
        .allMatch(a -> a.startsWith("HTTP/1.1 200"));
    assertThat(RealNodes.fetch(nodes.user(), url, Duration.ofSeconds(30)))
        .as("and refused at once from then on")
        .startsWith("HTTP/1.1 402");
  }
}
