package org.jmasq.node.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.jmasq.node.accountant.AccountantConfig;
import org.jmasq.node.accountant.Books;
import org.jmasq.node.blockchain.DerivationPath;
import org.jmasq.node.blockchain.Mnemonic;
import org.jmasq.node.blockchain.WalletKey;
import org.jmasq.node.blockchain.Wallets;
import org.jmasq.node.database.ConfigTable;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.NodeDatabase;
import org.jmasq.node.database.WrongPasswordException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptWalletsTest {
  private static final Mnemonic GANACHE =
      Mnemonic.parse(
          "myth like bonus scare over problem client lizard pioneer submit female collect");
  private static final KeptWallets.Derivation DEFAULT_PATHS =
      new KeptWallets.Derivation(GANACHE, "", DerivationPath.CONSUMING, DerivationPath.EARNING);
  @TempDir Path directory;

  private byte[] file() throws Exception {
    return Files.readAllBytes(directory.resolve(NodeDatabase.FILE_NAME));
  }

  @Test
  void the_wallets_and_the_seed_are_kept_where_the_books_find_them() throws Exception {
    Wallets.Derived kept;
    try (NodeDatabase db = NodeDatabase.open(directory, Chain.DEV)) {
      kept = KeptWallets.keep(db, DEFAULT_PATHS, "pw");
      assertThat(db.config().secret(ConfigTable.MNEMONIC_SEED, "pw"))
          .hasValueSatisfying(s -> assertThat(s).isEqualTo(GANACHE.seed("")));
    }
    assertThat(kept.consuming().wallet())
        .isEqualTo(WalletKey.derive(GANACHE.seed(""), DerivationPath.CONSUMING).wallet());
    assertThat(kept.earning())
        .isEqualTo(WalletKey.derive(GANACHE.seed(""), DerivationPath.EARNING).wallet());

    Books books =
        Books.open(
            directory,
            Chain.DEV,
            new AccountantConfig(
                Optional.empty(),
                Optional.empty(),
                Optional.of("pw"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    books.database().close();
    assertThat(books.consumingKey()).contains(kept.consuming());
    assertThat(books.earningWallet()).isEqualTo(kept.earning());
  }

  @Test
  void a_refusal_undoes_the_first_password_it_would_have_set() throws Exception {
    try (NodeDatabase db = NodeDatabase.open(directory, Chain.DEV)) {
      db.config().keepEarningWallet(Wallet.parse("0x" + "e1".repeat(20)));
    }
    byte[] before = file();

    try (NodeDatabase db = NodeDatabase.open(directory, Chain.DEV)) {
      assertThatThrownBy(() -> KeptWallets.keep(db, DEFAULT_PATHS, "pw"))
          .isInstanceOf(DatabaseException.class)
          .hasMessageContaining("is already kept");
      assertThat(db.config().hasPassword()).isFalse();
    }
    assertThat(file()).isEqualTo(before);
  }

  @Test
  void a_wrong_password_is_refused_and_the_file_is_untouched() throws Exception {
    try (NodeDatabase db = NodeDatabase.open(directory, Chain.DEV)) {
      KeptWallets.keep(db, DEFAULT_PATHS, "pw");
    }
    byte[] before = file();

    try (NodeDatabase db = NodeDatabase.open(directory, Chain.DEV)) {
      assertThatThrownBy(() -> KeptWallets.keep(db, DEFAULT_PATHS, "guess"))
          .isInstanceOf(WrongPasswordException.class)
          .hasMessage("The database password is wrong; nothing was changed");
    }
    assertThat(file()).isEqualTo(before);
  }

  @Test
  void the_passphrase_never_shows_in_the_derivation_s_text() {
    assertThat(
            new KeptWallets.Derivation(
                    GANACHE, "hunter2", DerivationPath.CONSUMING, DerivationPath.EARNING)
                .toString())
        .doesNotContain("hunter2")
        .doesNotContain("myth");
  }
}
