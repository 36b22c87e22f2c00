package org.jmasq.node.accountant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jmasq.accountant.BannedWallets;
import org.jmasq.accountant.DebtPolicy;
import org.jmasq.accountant.PaymentThresholds;
import org.jmasq.accountant.ScanIntervals;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.node.blockchain.HostileRpcServer;
import org.jmasq.node.blockchain.JsonRpcBlockchainClient;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.database.PersistentBans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The attack of a slow chain endpoint, against the real chain client and the Accountant: a JSON-RPC
 * provider on loopback sends its headers and then a byte now and then, or a body without end. The
 * scans must fail by themselves, and the charges of the data path must reach the database while a
 * scan waits. The Accountant runs on a clock the test moves; only the chain call's deadline is real
 * time, and each test is built so that its outcome does not depend on how fast it runs.
 */
@Timeout(60)
class SlowChainAttackTest {
  private static final Wallet ALICE = Wallet.parse("0x" + "a1".repeat(20));
  private static final Wallet BOB = Wallet.parse("0x" + "b0".repeat(20));
  private static final Wallet EARNING = Wallet.parse("0x" + "ea".repeat(20));
  private static final Wallet CONTRACT = Wallet.of(Chain.DEV.contractAddress());
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @TempDir Path dataDirectory;
  private final NamedMailboxRuntime runtime = new NamedMailboxRuntime();

  @AfterEach
  void stop() {
    runtime.close();
  }

  private Accountant accountant(NodeDatabase database, HostileRpcServer provider, Duration deadline)
      throws DatabaseException {
    JsonRpcBlockchainClient chain =
        new JsonRpcBlockchainClient(
            provider.url(),
            CONTRACT,
            HttpClient.newBuilder().executor(runtime.ioExecutor("chain-rpc")).build(),
            deadline);
    ReceivableScanner receivable =
        new ReceivableScanner(
            database,
            chain,
            EARNING,
            new DebtPolicy(PaymentThresholds.DEFAULT, runtime.utcClock()),
            PersistentBans.load(database.banned(), new BannedWallets()),
            runtime.utcClock());
    Accountant accountant =
        new Accountant(
            runtime,
            database,
            new Ledger(database, runtime.clock()),
            Duration.ofSeconds(1),
            Duration.ofMillis(200));
    accountant.startScans(
        new Accountant.Scans(
            Optional.empty(), Optional.empty(), receivable, ScanIntervals.parse("600|600|600")));
    return accountant;
  }

  @Test
  void charges_reach_the_database_while_a_scan_waits_on_a_provider_that_drips_its_answer()
      throws Exception {
    try (HostileRpcServer provider =
        new HostileRpcServer(HostileRpcServer.Answer.DRIP, Duration.ofSeconds(2))) {
      NodeDatabase database = NodeDatabase.open(dataDirectory, Chain.DEV);
      // A deadline the test never reaches: the scan stays on the chain for as long as it looks.
      Accountant accountant = accountant(database, provider, Duration.ofMinutes(5));
      assertThat(provider.awaitRequest(PATIENCE)).as("the first scan asks the chain").isTrue();

      accountant.ledger().owe(ALICE, Wei.of(5));
      accountant.ledger().earn(BOB, Wei.of(7));
      runtime.manual.advance(Duration.ofSeconds(1));

      assertThat(runtime.drained("accountant", PATIENCE))
          .as("the flush ran while the scan waits on the chain")
          .isTrue();
      assertThat(database.payables().get(ALICE).orElseThrow().balance()).isEqualTo(Wei.of(5));
      assertThat(database.receivables().get(BOB).orElseThrow().balance().toBigInteger())
          .isEqualTo(Wei.of(7).toBigInteger());
      assertThat(provider.bodyBytesSent()).as("the provider is dripping its answer").isPositive();

      accountant.ledger().owe(ALICE, Wei.of(1));
      accountant.close();
    }
    try (NodeDatabase reopened = NodeDatabase.open(dataDirectory, Chain.DEV)) {
      assertThat(reopened.payables().get(ALICE).orElseThrow().balance())
          .as("closing interrupts the stuck scan and still writes the last charges")
          .isEqualTo(Wei.of(6));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = HostileRpcServer.Answer.class,
      names = {"DRIP", "ENDLESS"})
  void a_scan_on_a_hostile_provider_fails_by_itself_and_the_next_scan_runs(
      HostileRpcServer.Answer answer) throws Exception {
    try (HostileRpcServer provider = new HostileRpcServer(answer, Duration.ofMillis(200))) {
      NodeDatabase database = NodeDatabase.open(dataDirectory, Chain.DEV);
      Accountant accountant = accountant(database, provider, Duration.ofSeconds(1));
      assertThat(provider.awaitRequest(PATIENCE)).as("the first scan asks the chain").isTrue();

      assertThat(runtime.manual.awaitIdle(PATIENCE))
          .as("the scan gave up on the provider by itself")
          .isTrue();
      runtime.manual.advance(Duration.ofSeconds(600));

      assertThat(provider.awaitRequest(PATIENCE)).as("the next scan asks the chain again").isTrue();
      accountant.close();
    }
  }
}
