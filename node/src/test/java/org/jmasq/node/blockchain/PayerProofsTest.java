package org.jmasq.node.blockchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jmasq.cores.Payer;
import org.jmasq.cores.PayerProofs;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.junit.jupiter.api.Test;

class PayerProofsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final WalletKey CONSUMING =
      WalletKey.parse("1ab42cc412b618bdea3a599e3c9bae199ebf030895b039e9db1e30dafb12b727");
  private static final WalletKey OTHER =
      WalletKey.parse("9a983cb3d832fbde5ab49d692b7a8bf5b5d232479c99333d0fc8e1d21f1b55b6");
  private static final PublicKey HOP = PublicKey.of(counting(64, 1));
  private static final PublicKey OTHER_HOP = PublicKey.of(counting(64, 2));

  private final Web3jPayerProofs dev = new Web3jPayerProofs(Chain.DEV);
  private final PayerProofs.Signer signer = dev.signer(CONSUMING);

  private static byte[] counting(int length, int start) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (start + i);
    }
    return b;
  }

  @Test
  void a_proof_signs_keccak_of_the_hop_key_and_the_contract_address_as_ethers_computes_it() {
    // Expected values from ethers 6: keccak256(concat([hop, devContract])) and
    // SigningKey(key).sign(digest) (RFC 6979, low s), v − 27.
    assertThat(HEX.formatHex(dev.digest(HOP)))
        .isEqualTo("4d6f26890ced66616e8251f3d16f96507f7ce1e92b0ba24736b61abd61636bf9");
    Payer payer = signer.sign(HOP);
    assertThat(HEX.formatHex(payer.r()))
        .isEqualTo("53f0d912095a8498f4314c5afc68e745585f64b257143446a0bc0e3c67189ea6");
    assertThat(HEX.formatHex(payer.s()))
        .isEqualTo("373d23bffe390c80977a819c29c678d4037d29799cc6b5faa019db239a941d4b");
    assertThat(payer.v()).isEqualTo(1);
    assertThat(payer.wallet()).isEqualTo(CONSUMING.wallet());
  }

  @Test
  void a_signed_proof_verifies_for_its_hop() {
    assertThat(dev.verifies(signer.sign(HOP), HOP)).isTrue();
  }

  @Test
  void a_proof_for_another_nodes_key_is_refused() {
    assertThat(dev.verifies(signer.sign(HOP), OTHER_HOP)).isFalse();
  }

  @Test
  void a_proof_made_for_another_chain_is_refused() {
    Payer forMainnet = new Web3jPayerProofs(Chain.BASE_MAINNET).signer(CONSUMING).sign(HOP);
    assertThat(new Web3jPayerProofs(Chain.BASE_MAINNET).verifies(forMainnet, HOP)).isTrue();
    assertThat(dev.verifies(forMainnet, HOP)).isFalse();
  }

  @Test
  void a_proof_that_names_another_wallet_is_refused() {
    Payer real = signer.sign(HOP);
    Payer claimingOther = new Payer(OTHER.wallet(), real.r(), real.s(), real.v());
    assertThat(dev.verifies(claimingOther, HOP)).isFalse();
  }

  @Test
  void a_proof_with_the_other_recovery_id_is_refused() {
    Payer real = signer.sign(HOP);
    assertThat(dev.verifies(new Payer(real.wallet(), real.r(), real.s(), 1 - real.v()), HOP))
        .isFalse();
  }

  @Test
  void zero_or_out_of_range_signature_values_are_refused() {
    byte[] zero = new byte[32];
    byte[] ones = HEX.parseHex("ff".repeat(32));
    Wallet w = CONSUMING.wallet();
    assertThat(dev.verifies(new Payer(w, zero, zero, 0), HOP)).isFalse();
    assertThat(dev.verifies(new Payer(w, ones, ones, 1), HOP)).isFalse();
    assertThat(dev.verifies(null, HOP)).isFalse();
  }

  @Property(tries = 200)
  void garbage_never_throws_and_never_verifies(
      @ForAll("bytes32") byte[] r,
      @ForAll("bytes32") byte[] s,
      @ForAll("recoveryIds") int v,
      @ForAll("bytes20") byte[] wallet,
      @ForAll("bytes64") byte[] hop) {
    assertThat(dev.verifies(new Payer(Wallet.of(wallet), r, s, v), PublicKey.of(hop))).isFalse();
  }

  @Property(tries = 30)
  void every_hop_key_gets_a_proof_that_verifies_for_it_alone(@ForAll("bytes64") byte[] hop) {
    PublicKey key = PublicKey.of(hop);
    Payer payer = signer.sign(key);
    assertThat(dev.verifies(payer, key)).isTrue();
    assertThat(dev.verifies(payer, OTHER_HOP)).isFalse();
  }

  @Provide
  Arbitrary<byte[]> bytes32() {
    return Arbitraries.bytes().array(byte[].class).ofSize(32);
  }

  @Provide
  Arbitrary<byte[]> bytes20() {
    return Arbitraries.bytes().array(byte[].class).ofSize(20);
  }

  @Provide
  Arbitrary<byte[]> bytes64() {
    return Arbitraries.bytes().array(byte[].class).ofSize(64);
  }

  @Provide
  Arbitrary<Integer> recoveryIds() {
    return Arbitraries.of(0, 1);
  }
}
