package org.jmasq.node.blockchain;

import java.math.BigInteger;
import java.util.HexFormat;
import org.jmasq.accountant.Wei;
import org.jmasq.blockchain.Erc20;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;

/**
 * Signs ERC-20 {@code transfer} payments locally with the consuming wallet's key (Part 2 §6.2):
 * legacy transactions, EIP-155 signed for the chain id, to the token contract, with no ether value.
 * Nothing is sent here; the payable scan records the hash before it sends the raw bytes.
 */
public final class TransferSigner {
  private final long chainId;
  private final Wallet tokenContract;
  private final Chain gasRules;
  private final Credentials credentials;

  /** A signer for {@code chain}'s id and token contract. */
  public TransferSigner(Chain chain, WalletKey consuming) {
    this(chain.chainId(), Wallet.of(chain.contractAddress()), chain, consuming);
  }

  /**
   * A signer for a chain whose id or token contract differ from the table's, as a local test
   * chain's deployment yields; {@code gasRules} gives the base gas limit.
   */
  public TransferSigner(long chainId, Wallet tokenContract, Chain gasRules, WalletKey consuming) {
    if (chainId < 1) {
      throw new IllegalArgumentException("chain id: " + chainId + " (expected: >= 1)");
    }
    this.chainId = chainId;
    this.tokenContract = tokenContract;
    this.gasRules = gasRules;
    this.credentials = Credentials.create(consuming.keyPair());
  }

  /** A signed payment, ready for {@code eth_sendRawTransaction}. */
  public record SignedTransfer(
      String rawTransaction,
      String transactionHash,
      long nonce,
      Wallet recipient,
      Wei amount,
      long gasLimit) {
    /** Without the raw transaction: logs name the payment, they need not carry its signed bytes. */
    @Override
    public String toString() {
      return "SignedTransfer["
          + transactionHash
          + " nonce "
          + nonce
          + ": "
          + amount
          + " wei to "
          + recipient
          + "]";
    }
  }

  public SignedTransfer sign(Wallet recipient, Wei amount, long nonce, Wei gasPrice) {
    if (nonce < 0) {
      throw new IllegalArgumentException("nonce: " + nonce + " (expected: >= 0)");
    }
    byte[] data = Erc20.transferCallData(recipient, amount);
    long gasLimit = Erc20.gasLimit(gasRules, data);
    RawTransaction tx =
        RawTransaction.createTransaction(
            BigInteger.valueOf(nonce),
            gasPrice.toBigInteger(),
            BigInteger.valueOf(gasLimit),
            tokenContract.toString(),
            BigInteger.ZERO,
            "0x" + HexFormat.of().formatHex(data));
    byte[] signed = TransactionEncoder.signMessage(tx, chainId, credentials);
    return new SignedTransfer(
        "0x" + HexFormat.of().formatHex(signed),
        "0x" + HexFormat.of().formatHex(Hash.sha3(signed)),
        nonce,
        recipient,
        amount,
        gasLimit);
  }
}
