package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/** {@code --new-payer-credit}: a number of bytes, read from the command line or the environment. */
class BytesOptionTest {
  private final Converters.Bytes bytes = new Converters.Bytes();

  @Test
  void a_number_of_bytes_from_zero_up_is_accepted() {
    assertThat(bytes.convert("0")).isZero();
    assertThat(bytes.convert(" 10485760 ")).isEqualTo(10L << 20);
  }

  @Test
  void a_negative_huge_or_unitised_value_is_refused_in_one_sentence() {
    assertThatThrownBy(() -> bytes.convert("-1"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("-1 is out of range (expected: 0~9007199254740992)");
    assertThatThrownBy(() -> bytes.convert("10MiB"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("'10MiB' is not a number of bytes (expected: a number 0~9007199254740992)");
  }

  @Test
  void the_node_command_defaults_to_ten_mebibytes_and_takes_masq_new_payer_credit() {
    NodeCommand byDefault = new NodeCommand(InputStream.nullInputStream());
    new CommandLine(byDefault).parseArgs();
    NodeCommand fromEnvironment = new NodeCommand(InputStream.nullInputStream());
    new CommandLine(fromEnvironment)
        .setDefaultValueProvider(
            new EnvironmentDefaults(java.util.Map.of("MASQ_NEW_PAYER_CREDIT", "65536")))
        .parseArgs();

    assertThat(byDefault.payments.newPayerCredit).isEqualTo(10L << 20);
    assertThat(fromEnvironment.payments.newPayerCredit).isEqualTo(65536);
  }
}
