package org.jmasq.node.accountant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jmasq.accountant.ScanIntervals;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.RatePack;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.database.WrongChainException;
import org.jmasq.node.database.WrongPasswordException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BooksTest {
  private static final WalletKey KEY =
      WalletKey.parse("4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d");
  private static final WalletKey OTHER_KEY =
      WalletKey.parse("6cbed15c793ce57650b9877cf6fa156fbef513c4e6134f022a85b1ffdd59b2a1");
  private static final Wallet EARNING = Wallet.parse("0x" + "e1".repeat(20));
  @TempDir Path directory;

  private static AccountantConfig given(
      Optional<WalletKey> key, Optional<Wallet> earning, Optional<String> password) {
    return new AccountantConfig(
        key,
        earning,
        password,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private byte[] file() throws Exception {
    return Files.readAllBytes(directory.resolve(NodeDatabase.FILE_NAME));
  }

  @Test
  void given_wallets_and_settings_are_kept_and_read_back_on_the_next_start() throws Exception {
    RatePack rates = new RatePack(1, 2, 3, 4);
    AccountantConfig first =
        new AccountantConfig(
            Optional.of(KEY),
            Optional.of(EARNING),
            Optional.of("secret"),
            Optional.empty(),
            Optional.of(ScanIntervals.parse("5|6|7")),
            Optional.of(rates),
            Optional.empty(),
            Optional.empty());
    try (NodeDatabase db = Books.open(directory, Chain.DEV, first).database()) {
      assertThat(db.config().hasPassword()).isTrue();
    }

    Books again =
        Books.open(
            directory, Chain.DEV, given(Optional.empty(), Optional.empty(), Optional.of("secret")));
    try (NodeDatabase db = again.database()) {
      assertThat(db.chain()).isEqualTo(Chain.DEV);
      assertThat(again.consumingKey()).contains(KEY);
      assertThat(again.earningWallet()).isEqualTo(EARNING);
      assertThat(again.settings().ratePack()).isEqualTo(rates);
      assertThat(again.settings().scanIntervals()).isEqualTo(ScanIntervals.parse("5|6|7"));
    }
  }

  @Test
  void without_a_password_the_consuming_key_is_used_but_not_kept() throws Exception {
    Books books =
        Books.open(
            directory, Chain.DEV, given(Optional.of(KEY), Optional.empty(), Optional.empty()));
    try (NodeDatabase db = books.database()) {
      assertThat(books.consumingKey()).contains(KEY);
      assertThat(books.earningWallet()).isEqualTo(Books.NO_EARNING_WALLET);
      assertThat(db.config().hasPassword()).isFalse();
    }
  }

  @Test
  void a_wrong_password_is_refused_and_the_file_is_untouched() throws Exception {
    Books.open(
            directory,
            Chain.DEV,
            given(Optional.of(KEY), Optional.of(EARNING), Optional.of("secret")))
        .database()
        .close();
    byte[] before = file();

    assertThatThrownBy(
            () ->
                Books.open(
                    directory,
                    Chain.DEV,
                    given(Optional.of(KEY), Optional.of(EARNING), Optional.of("guess"))))
        .isInstanceOf(WrongPasswordException.class)
        .hasMessage("The database password is wrong; nothing was changed");
    assertThat(file()).isEqualTo(before);
  }

  @Test
  void another_consuming_key_or_earning_wallet_is_refused_and_the_file_is_untouched()
      throws Exception {
    Books.open(
            directory,
            Chain.DEV,
            given(Optional.of(KEY), Optional.of(EARNING), Optional.of("secret")))
        .database()
        .close();
    byte[] before = file();

    assertThatThrownBy(
            () ->
                Books.open(
                    directory,
                    Chain.DEV,
                    given(Optional.of(OTHER_KEY), Optional.empty(), Optional.of("secret"))))
        .hasMessageContaining("A different consuming wallet key is already kept");
    assertThatThrownBy(
            () ->
                Books.open(
                    directory,
                    Chain.DEV,
                    given(
                        Optional.empty(),
                        Optional.of(Wallet.parse("0x" + "e2".repeat(20))),
                        Optional.empty())))
        .hasMessageContaining("cannot be replaced by 0x" + "e2".repeat(20));
    assertThat(file()).isEqualTo(before);
  }

  @Test
  void a_database_of_another_chain_is_refused() throws Exception {
    Books.open(directory, Chain.DEV, given(Optional.empty(), Optional.empty(), Optional.empty()))
        .database()
        .close();
    byte[] before = file();

    assertThatThrownBy(
            () ->
                Books.open(
                    directory,
                    Chain.BASE_MAINNET,
                    given(Optional.empty(), Optional.empty(), Optional.empty())))
        .isInstanceOf(WrongChainException.class);
    assertThat(file()).isEqualTo(before);
  }
}
