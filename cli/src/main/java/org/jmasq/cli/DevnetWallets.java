package org.jmasq.cli;

import java.util.HexFormat;
import org.jmasq.identity.Wallet;
import org.jmasq.node.blockchain.DerivationPath;
import org.jmasq.node.blockchain.Mnemonic;
import org.jmasq.node.blockchain.WalletKey;

/**
 * The wallets of a devnet's Nodes, from ganache's deterministic phrase so that the local chain
 * knows them: Node {@code i} (0-based) pays from account {@code i + 1} (account 0 deploys the token
 * and funds the others) and earns on {@code m/44'/60'/1'/0/i}, a wallet of its own that no other
 * Node uses.
 */
public final class DevnetWallets {
  /** ganache's {@code --wallet.deterministic} phrase; its keys are public test keys. */
  public static final String GANACHE_PHRASE =
      "myth like bonus scare over problem client lizard pioneer submit female collect";

  private final byte[] seed = Mnemonic.parse(GANACHE_PHRASE).seed("");

  /** ganache's account 0: it deploys the token and holds the supply that funds the Nodes. */
  public WalletKey deployer() {
    return WalletKey.derive(seed, DerivationPath.parse("m/44'/60'/0'/0/0"));
  }

  public WalletKey consuming(int node) {
    return WalletKey.derive(seed, DerivationPath.parse("m/44'/60'/0'/0/" + (node + 1)));
  }

  public Wallet earning(int node) {
    return WalletKey.derive(seed, DerivationPath.parse("m/44'/60'/1'/0/" + node)).wallet();
  }

  static String hex(WalletKey key) {
    return HexFormat.of().formatHex(key.privateKeyBytes());
  }
}
