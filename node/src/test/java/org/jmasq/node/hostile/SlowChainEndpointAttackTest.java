package org.jmasq.node.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.jmasq.accountant.PayableAccount;
import org.jmasq.accountant.ReceivableAccount;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.node.accountant.AccountantConfig;
import org.jmasq.node.blockchain.HostileRpcServer;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row 7, a slow chain endpoint, against running Nodes: every Node's {@code
 * --blockchain-service-url} names a JSON-RPC provider that sends its headers at once and then one
 * byte of its answer every five seconds. The Nodes' scans ask it as soon as they start and wait on
 * it; meanwhile the user browses, and what the route's Nodes charge must reach their databases
 * within seconds, as it does without a chain. The test reads the books from the databases while the
 * Nodes run, as {@code DevnetBooks} does.
 */
@Timeout(180)
class SlowChainEndpointAttackTest {
  /** Far longer than the test: the provider is still dripping its first answers at the end. */
  private static final Duration DRIP = Duration.ofSeconds(5);

  /** A hundred of the Node's flushes (one a second): enough on the slowest machine. */
  private static final Duration BOOKS_PATIENCE = Duration.ofSeconds(100);

  @TempDir Path root;

  /**
   * {@code a} with the chain to ask, and an earning wallet of its own: Nodes that shared the
   * default one would each take the others' charges for their own, which a Node never owes itself.
   */
  private static AccountantConfig withChain(AccountantConfig a, URI chain) {
    byte[] address = new byte[20];
    new SecureRandom().nextBytes(address);
    return new AccountantConfig(
        a.consumingKey(),
        Optional.of(Wallet.parse("0x" + HexFormat.of().formatHex(address))),
        a.dbPassword(),
        a.paymentThresholds(),
        a.scanIntervals(),
        a.ratePack(),
        Optional.of(chain),
        Optional.empty(),
        a.newPayerCredit());
  }

  @Test
  void charges_reach_the_databases_while_the_scans_wait_on_a_provider_that_drips()
      throws Exception {
    try (HostileRpcServer chain = new HostileRpcServer(HostileRpcServer.Answer.DRIP, DRIP);
        CountingOrigin origin = new CountingOrigin();
        RealNodes nodes = RealNodes.start(67, root, 5, a -> withChain(a, chain.url()))) {
      assertThat(chain.awaitRequest(Duration.ofSeconds(30)))
          .as("the Nodes' scans ask the chain, and its answer drips")
          .isTrue();

      String page =
          RealNodes.fetchUntilServed(nodes.user(), origin.url(""), Duration.ofSeconds(60));
      assertThat(page).contains(CountingOrigin.PAGE);

      BigInteger owed = awaitBooks(nodes);
      assertThat(owed).as("the user's Node owes the route's Nodes").isPositive();
      assertThat(chain.bodyBytesSent())
          .as("and the provider had sent only a few bytes of any answer meanwhile")
          .isPositive();
    }
  }

  /**
   * Waits until the user's Node has written what it owes and some serving Node what it is owed, and
   * answers what the user's Node owes in all.
   */
  private BigInteger awaitBooks(RealNodes nodes) throws Exception {
    long deadline = System.nanoTime() + BOOKS_PATIENCE.toNanos();
    String last = "nothing written yet";
    while (System.nanoTime() < deadline) {
      try {
        BigInteger owed = owedByUser(nodes);
        BigInteger expected = owedToServers(nodes);
        if (owed.signum() > 0 && expected.signum() > 0) {
          return owed;
        }
        last = "the user's Node owes " + owed + " wei, serving Nodes expect " + expected;
      } catch (DatabaseException e) {
        // A Node may hold its write lock a moment; the next look will do.
        last = e.getMessage();
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "no charge reached the books within " + BOOKS_PATIENCE + " (" + last + ")");
  }

  private BigInteger owedByUser(RealNodes nodes) throws DatabaseException {
    BigInteger sum = BigInteger.ZERO;
    try (NodeDatabase db = NodeDatabase.open(directory(nodes, 1), Chain.DEV)) {
      for (PayableAccount account : db.payables().all()) {
        sum = sum.add(account.balance().toBigInteger());
      }
    }
    return sum;
  }

  private BigInteger owedToServers(RealNodes nodes) throws DatabaseException {
    BigInteger sum = BigInteger.ZERO;
    for (int i = 0; i < nodes.standardNodes().size(); i++) {
      try (NodeDatabase db = NodeDatabase.open(directory(nodes, i + 2), Chain.DEV)) {
        for (ReceivableAccount account : db.receivables().all()) {
          sum = sum.add(account.balance().toBigInteger());
        }
      }
    }
    return sum;
  }

  private Path directory(RealNodes nodes, int host) {
    return root.resolve(nodes.ip(host).getHostAddress());
  }
}
