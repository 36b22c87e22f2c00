package org.jmasq.node.blockchain;

import java.math.BigInteger;
import java.util.Arrays;
import org.jmasq.cores.Payer;
import org.jmasq.cores.PayerProofs;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;

/**
 * Proofs of paying wallet on one chain (Part 2 §2.5): the consuming wallet signs Keccak-256(hop
 * Node's 64-byte public key ‖ 20-byte chain contract address) as a recoverable secp256k1 signature
 * over the raw digest (no message prefix), with the raw recovery id 0 or 1. A hop's Node recovers
 * the signer's address from its own digest and compares it with the wallet the proof names.
 * Stateless; safe to share between threads.
 */
public final class Web3jPayerProofs implements PayerProofs {
  private final byte[] contractAddress;

  public Web3jPayerProofs(Chain chain) {
    this.contractAddress = chain.contractAddress();
  }

  /** The digest a proof for the Node with {@code hopKey} signs on this chain. */
  byte[] digest(PublicKey hopKey) {
    byte[] message = new byte[PublicKey.LENGTH + contractAddress.length];
    System.arraycopy(hopKey.bytes(), 0, message, 0, PublicKey.LENGTH);
    System.arraycopy(contractAddress, 0, message, PublicKey.LENGTH, contractAddress.length);
    return Hash.sha3(message);
  }

  /** A signer for the wallet of {@code key} on this chain. */
  public PayerProofs.Signer signer(WalletKey key) {
    return hopKey -> {
      Sign.SignatureData signature = Sign.signMessage(digest(hopKey), key.keyPair(), false);
      int v = (signature.getV()[0] & 0xff) - 27;
      return new Payer(key.wallet(), signature.getR(), signature.getS(), v);
    };
  }

  @Override
  public boolean verifies(Payer payer, PublicKey ownKey) {
    if (payer == null || ownKey == null) {
      return false;
    }
    try {
      BigInteger r = new BigInteger(1, payer.r());
      BigInteger s = new BigInteger(1, payer.s());
      BigInteger n = Sign.CURVE_PARAMS.getN();
      if (r.signum() == 0 || s.signum() == 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
        return false;
      }
      BigInteger publicKey =
          Sign.recoverFromSignature(payer.v(), new ECDSASignature(r, s), digest(ownKey));
      if (publicKey == null) {
        return false;
      }
      Wallet recovered = WalletKey.walletOf(publicKey);
      return Arrays.equals(recovered.address(), payer.wallet().address());
    } catch (RuntimeException e) {
      // A forged or garbled proof can make the curve arithmetic fail; either way it does not
      // verify.
      return false;
    }
  }
}
