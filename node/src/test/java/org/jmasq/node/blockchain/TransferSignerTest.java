package org.jmasq.node.blockchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Chain;
import org.jmasq.identity.Wallet;
import org.junit.jupiter.api.Test;

class TransferSignerTest {
  private static final WalletKey CONSUMING =
      WalletKey.parse("1ab42cc412b618bdea3a599e3c9bae199ebf030895b039e9db1e30dafb12b727");
  private static final Wallet CREDITOR = Wallet.parse("0x" + "11".repeat(20));

  @Test
  void a_payment_is_a_legacy_eip155_transaction_exactly_as_ethers_signs_it() {
    // Expected from ethers 6: Wallet(key).signTransaction({type: 0, to: dev contract, nonce: 7,
    // gasLimit: 57192, gasPrice: 1 gwei, value: 0, chainId: 2, data: transfer(creditor, 10^18)}).
    TransferSigner.SignedTransfer t =
        new TransferSigner(Chain.DEV, CONSUMING)
            .sign(CREDITOR, Wei.of(BigInteger.TEN.pow(18)), 7, Wei.ofGwei(1));
    assertThat(t.gasLimit()).isEqualTo(57_192);
    assertThat(t.rawTransaction())
        .isEqualTo(
            "0xf8a807843b9aca0082df689459882e4a8f5d24643d4dda422922a870f1b3e66480b844"
                + "a9059cbb0000000000000000000000001111111111111111111111111111111111111111"
                + "0000000000000000000000000000000000000000000000000de0b6b3a764000027a0c448c82e538f9bf13a919b291e1f8b89ba5f0daf2ce043e4e38be7d0f4b1910ca07e6210dfb8701599e014062914cb915a0b07a4ee9c3ea6751bf238c46d355861");
    assertThat(t.transactionHash())
        .isEqualTo("0x460a75489cb5a15bba34d92a9a33779dcfd3dddf9ed97f24eeaa6f9fcabafead");
  }

  @Test
  void a_logged_payment_names_hash_nonce_amount_and_creditor_but_not_the_signed_bytes() {
    TransferSigner.SignedTransfer t =
        new TransferSigner(Chain.DEV, CONSUMING).sign(CREDITOR, Wei.of(5), 3, Wei.ofGwei(1));
    assertThat(t.toString())
        .contains(t.transactionHash(), "nonce 3", "5 wei", CREDITOR.toString())
        .doesNotContain(t.rawTransaction().substring(2, 40));
  }

  @Test
  void another_chain_id_gives_another_transaction() {
    TransferSigner.SignedTransfer dev =
        new TransferSigner(Chain.DEV, CONSUMING).sign(CREDITOR, Wei.of(5), 0, Wei.ofGwei(1));
    TransferSigner.SignedTransfer ganache =
        new TransferSigner(1337, Wallet.of(Chain.DEV.contractAddress()), Chain.DEV, CONSUMING)
            .sign(CREDITOR, Wei.of(5), 0, Wei.ofGwei(1));
    assertThat(ganache.transactionHash()).isNotEqualTo(dev.transactionHash());
  }

  @Test
  void a_negative_nonce_or_chain_id_is_refused() {
    assertThatThrownBy(
            () ->
                new TransferSigner(Chain.DEV, CONSUMING)
                    .sign(CREDITOR, Wei.of(5), -1, Wei.ofGwei(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TransferSigner(0, CREDITOR, Chain.DEV, CONSUMING))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
