package org.jmasq.node.blockchain;

/** The chain's JSON-RPC provider failed or refused; the message carries its text. */
public class BlockchainException extends Exception {
  public BlockchainException(String message) {
    super(message);
  }

  BlockchainException(String message, Throwable cause) {
    super(message, cause);
  }
}
