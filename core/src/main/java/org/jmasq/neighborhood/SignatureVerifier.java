package org.jmasq.neighborhood;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Chain;

/**
 * Checks that a record's signed bytes were signed by the key they name, for one chain. Signatures
 * cover {@code signed_data ‖ chain.contractAddress()}, so a record signed for one chain is forged
 * on every other.
 */
@FunctionalInterface
public interface SignatureVerifier {
  boolean verify(PublicKey signer, byte[] signedData, byte[] signature);

  /** The message actually signed: the record's bytes followed by the chain's contract address. */
  static byte[] chainBound(byte[] signedData, Chain chain) {
    byte[] contract = chain.contractAddress();
    byte[] message = Arrays.copyOf(signedData, signedData.length + contract.length);
    System.arraycopy(contract, 0, message, signedData.length, contract.length);
    return message;
  }

  /** Ed25519 verification, as every Node does it. */
  static SignatureVerifier ed25519(Chain chain) {
    return (signer, data, signature) ->
        NodeKeyPair.verify(signer, chainBound(data, chain), signature);
  }

  /**
   * Remembers up to {@code capacity} answers of {@code delegate}. Verification is a pure function
   * of its inputs, so many simulated Nodes in one process may share one memo; not thread-safe.
   */
  static SignatureVerifier memoizing(SignatureVerifier delegate, int capacity) {
    record Question(PublicKey signer, byte[] data, byte[] signature) {
      @Override
      public boolean equals(Object o) {
        return o instanceof Question q
            && signer.equals(q.signer)
            && Arrays.equals(data, q.data)
            && Arrays.equals(signature, q.signature);
      }

      @Override
      public int hashCode() {
        return Arrays.hashCode(signature) * 31 + data.length;
      }
    }
    Map<Question, Boolean> answers =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Question, Boolean> eldest) {
            return size() > capacity;
          }
        };
    return (signer, data, signature) ->
        answers.computeIfAbsent(
            new Question(signer, data.clone(), signature.clone()),
            q -> delegate.verify(signer, data, signature));
  }
}
