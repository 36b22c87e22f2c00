package org.jmasq.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jmasq.cli.DevnetChain;
import org.jmasq.identity.Wallet;

/**
 * The local chain the payment tests run on: the same {@code chain/start.mjs} process devnet starts
 * (ganache and the TestMasq token), with no wallet funded beyond the deployer.
 */
final class LocalChain implements AutoCloseable {
  final String url;
  final long chainId;
  final Wallet token;
  final Wallet deployer;
  private final DevnetChain chain;

  private LocalChain(DevnetChain chain) {
    this.chain = chain;
    this.url = chain.url;
    this.chainId = chain.chainId;
    this.token = chain.token;
    this.deployer = chain.deployer;
  }

  static Path chainDirectory() throws IOException {
    return DevnetChain.chainDirectory();
  }

  /**
   * Starts a chain with {@code chainId}, installing its packages with {@code npm ci} if they are
   * missing.
   */
  static LocalChain start(Path logDirectory, long chainId)
      throws IOException, InterruptedException {
    return new LocalChain(
        DevnetChain.start(logDirectory, List.of("--chain-id", Long.toString(chainId))));
  }

  @Override
  public void close() {
    chain.close();
  }
}
