package org.jmasq.node.blockchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.jmasq.identity.Wallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * BIP-39 and BIP-32 against published vectors.
 *
 * <p>Sources of the expected values: the BIP-39 reference vectors (trezor/python-mnemonic {@code
 * vectors.json}, English, passphrase "TREZOR"); BIP-32 test vector 1 (seed 000102…0f, private keys
 * of each chain); for Ethereum paths, the well-known addresses of the "abandon … about" phrase and
 * of ganache's {@code --wallet.deterministic} phrase ("myth like bonus …"). Every expected value
 * was recomputed independently with ethers 6 (npm) before it was written here.
 */
class MnemonicAndDerivationTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String ABANDON =
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
  private static final String GANACHE =
      "myth like bonus scare over problem client lizard pioneer submit female collect";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "00000000000000000000000000000000|abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about|c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04",
        "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f|legal winner thank year wave sausage worth useful legal winner thank yellow|2e8905819b8723fe2c1d161860e5ee1830318dbf49a83bd451cfb8440c28bd6fa457fe1296106559a3c80937a1c1069be3a3a5bd381ee6260e8d9739fce1f607",
        "80808080808080808080808080808080|letter advice cage absurd amount doctor acoustic avoid letter advice cage above|d71de856f81a8acc65e6fc851a38d4d7ec216fd0796d0a6827a3ad6ed5511a30fa280f12eb2e47ed2ac03b5c462a0358d18d69fe4f985ec81778c1b370b652a8",
        "ffffffffffffffffffffffffffffffff|zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong|ac27495480225222079d7be181583751e86f571027b0497b5b5d11218e0a8a13332572917f0f8e5a589620c6f15b11c61dee327651a14c34e18231052e48c069",
        "9e885d952ad362caeb4efe34a8e91bd2|ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic|274ddc525802f7c828d8ef7ddbcdc5304e87ac3535913611fbbfa986d0c9e5476c91689f9c8a54fd55bd38606aa6a8595ad213d4c9c9f9aca3fb217069a41028",
        "0000000000000000000000000000000000000000000000000000000000000000|abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art|bda85446c68413707090a52022edd26a1c9462295029f2e60cd7c4f2bbd3097170af7a4d73245cafa9c3cca8d561a7c3de6f5d4a10be8ed2a5e608d68f92fcc8",
      })
  void bip39_reference_vectors_with_passphrase_trezor(String entropy, String phrase, String seed) {
    Mnemonic fromEntropy = Mnemonic.fromEntropy(HEX.parseHex(entropy));
    assertThat(fromEntropy.phrase()).isEqualTo(phrase);
    assertThat(Mnemonic.parse(phrase)).isEqualTo(fromEntropy);
    assertThat(HEX.formatHex(fromEntropy.seed("TREZOR"))).isEqualTo(seed);
  }

  @ParameterizedTest
  @CsvSource({
    "m/0', edb2e14f9ee77d26dd93b4ecede8d16ed408ce149b6cd80b0715a2d911a0afea",
    "m/0'/1, 3c6cb8d0f6a264c91ea8b5030fadaa8e538b020f0a387421a12de9319dc93368",
    "m/0'/1/2', cbce0d719ecf7431d88e6a89fa1483e02e35092af60c042b1df2ff59fa424dca",
    "m/0'/1/2'/2, 0f479245fb19a38a1954c5c7c0ebab2f9bdfd96a17563ef28a6a4b1a2a764ef4",
    "m/0'/1/2'/2/1000000000, 471b76e389e528d6de6d816857e012c5455051cad6660850e58372a6c3e6e7c8",
  })
  void bip32_test_vector_one(String path, String privateKey) {
    byte[] seed = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    // The vector's paths have fewer than three hardened steps, so they bypass parse()'s policy.
    List<Integer> indices = new java.util.ArrayList<>();
    for (String part : path.substring(2).split("/")) {
      indices.add(
          part.endsWith("'")
              ? Integer.parseInt(part.substring(0, part.length() - 1)) | 0x80000000
              : Integer.parseInt(part));
    }
    WalletKey key = WalletKey.derive(seed, new DerivationPath(indices));
    assertThat(HEX.formatHex(key.privateKeyBytes())).isEqualTo(privateKey);
  }

  @Test
  void the_abandon_about_phrase_gives_the_well_known_ethereum_wallets() {
    Wallets.Derived d = Wallets.recover(Mnemonic.parse(ABANDON), "");
    assertThat(d.consuming().wallet())
        .isEqualTo(Wallet.parse("0x9858EfFD232B4033E47d90003D41EC34EcaEda94"));
    assertThat(HEX.formatHex(d.consuming().privateKeyBytes()))
        .isEqualTo("1ab42cc412b618bdea3a599e3c9bae199ebf030895b039e9db1e30dafb12b727");
    assertThat(d.earning()).isEqualTo(Wallet.parse("0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0"));
  }

  @Test
  void a_passphrase_gives_other_wallets() {
    Wallets.Derived d = Wallets.recover(Mnemonic.parse(ABANDON), "TREZOR");
    assertThat(d.consuming().wallet())
        .isEqualTo(Wallet.parse("0x9c32F71D4DB8Fb9e1A58B0a80dF79935e7256FA6"));
    assertThat(d.earning()).isEqualTo(Wallet.parse("0x7AF7283bd1462C3b957e8FAc28Dc19cBbF2FAdfe"));
  }

  @Test
  void ganache_deterministic_accounts_zero_and_one_are_the_consuming_and_earning_wallets() {
    Wallets.Derived d = Wallets.recover(Mnemonic.parse(GANACHE), "");
    assertThat(d.consuming().wallet())
        .isEqualTo(Wallet.parse("0x90F8bf6A479f320ead074411a4B0e7944Ea8c9C1"));
    assertThat(HEX.formatHex(d.consuming().privateKeyBytes()))
        .isEqualTo("4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d");
    assertThat(d.earning()).isEqualTo(Wallet.parse("0xFFcf8FDEE72ac11b5c542428B35EEF5769C409f0"));
  }

  @Test
  void generated_wallets_are_recovered_from_their_mnemonic_and_passphrase() {
    SecureRandom random = new SecureRandom();
    for (int words : new int[] {12, 15, 18, 21, 24}) {
      Wallets.Derived generated = Wallets.generate(words, "secret", random);
      assertThat(generated.mnemonic().words()).hasSize(words);
      Wallets.Derived recovered =
          Wallets.recover(Mnemonic.parse(generated.mnemonic().phrase()), "secret");
      assertThat(recovered.consuming()).isEqualTo(generated.consuming());
      assertThat(recovered.earning()).isEqualTo(generated.earning());
      assertThat(recovered.earning()).isNotEqualTo(recovered.consuming().wallet());
    }
  }

  @Test
  void a_mnemonic_never_shows_its_words() {
    assertThat(Mnemonic.parse(ABANDON).toString()).doesNotContain("abandon").contains("12 words");
    assertThat(
            WalletKey.parse("1ab42cc412b618bdea3a599e3c9bae199ebf030895b039e9db1e30dafb12b727")
                .toString())
        .doesNotContain("1ab42cc4")
        .contains("0x9858effd");
  }

  @Test
  void malformed_mnemonics_are_refused_with_the_reason() {
    assertThatThrownBy(() -> Mnemonic.parse("abandon abandon abandon"))
        .hasMessageContaining("3 words");
    assertThatThrownBy(() -> Mnemonic.parse(ABANDON.replace("about", "aboot")))
        .hasMessageContaining("word 12 is not in the English BIP-39 word list")
        .hasMessageNotContaining("aboot");
    assertThatThrownBy(() -> Mnemonic.parse(ABANDON.replace("about", "abandon")))
        .hasMessageContaining("checksum");
    assertThatThrownBy(() -> Mnemonic.parse("  ")).hasMessageContaining("empty");
    assertThatThrownBy(() -> Mnemonic.generate(13, new SecureRandom())).hasMessageContaining("13");
    assertThat(Mnemonic.parse("  ABANDON " + ABANDON.substring(8).replace(" ", "   ")))
        .isEqualTo(Mnemonic.parse(ABANDON));
  }

  @Test
  void malformed_derivation_paths_are_refused_with_the_reason() {
    assertThat(DerivationPath.CONSUMING).hasToString("m/44'/60'/0'/0/0");
    assertThat(DerivationPath.EARNING).hasToString("m/44'/60'/0'/0/1");
    assertThatThrownBy(() -> DerivationPath.parse("44'/60'/0'/0/0"))
        .hasMessageContaining("does not start with m/");
    assertThatThrownBy(() -> DerivationPath.parse("m/44'/60'/0/0/0"))
        .hasMessageContaining("2 hardened components");
    assertThatThrownBy(() -> DerivationPath.parse("m/44'/60'/x'/0/0"))
        .hasMessageContaining("component 'x''");
    assertThatThrownBy(() -> DerivationPath.parse("m/44'/60'/2147483648'/0"))
        .hasMessageContaining("2147483648");
  }

  @Test
  void malformed_private_keys_are_refused_without_echoing_them() {
    assertThat(
            WalletKey.parse("0x1ab42cc412b618bdea3a599e3c9bae199ebf030895b039e9db1e30dafb12b727")
                .wallet())
        .isEqualTo(Wallet.parse("0x9858EfFD232B4033E47d90003D41EC34EcaEda94"));
    assertThatThrownBy(
            () -> WalletKey.parse("1ab42cc412b618bdea3a599e3c9bae199ebf030895b039e9db1e30dafb12b7"))
        .hasMessageContaining("62 characters")
        .hasMessageNotContaining("1ab42cc4");
    assertThatThrownBy(() -> WalletKey.parse("zz" + "1".repeat(62)))
        .hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> WalletKey.parse("0".repeat(64)))
        .hasMessageContaining("not a valid secp256k1 key");
    assertThatThrownBy(() -> WalletKey.parse("f".repeat(64)))
        .hasMessageContaining("not a valid secp256k1 key");
    assertThatThrownBy(() -> WalletKey.parse(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WalletKey.of(new byte[31])).hasMessageContaining("31 bytes");
  }

  @Test
  void malformed_wallet_addresses_are_refused_with_the_text() {
    assertThatThrownBy(() -> Wallet.parse("0x1234"))
        .hasMessageContaining("'0x1234'")
        .hasMessageContaining("40 hex digits");
  }
}
