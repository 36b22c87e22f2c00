package org.jmasq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import org.jmasq.automap.MappingProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MappingProtocolOptionTest {
  @TempDir Path dataDirectory;

  /** Refused before anything starts: exit code 2 and one line on standard error. */
  private static void refused(String expected, CommandRun run) {
    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0)).startsWith("jmasq: ").contains(expected);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void the_reference_names_of_the_protocols_are_taken_in_any_case() {
    NodeCommand command = new NodeCommand(InputStream.nullInputStream());
    new CommandLine(command).parseArgs("--mapping-protocol", "IGDP");
    assertThat(command.mappingProtocol).isEqualTo(MappingProtocol.IGDP);
  }

  @Test
  void an_unknown_protocol_is_refused_with_the_known_ones() {
    refused(
        "pcp, pmp, igdp",
        CommandRun.of(
            "node", "--data-directory", dataDirectory.toString(), "--mapping-protocol", "upnp"));
  }

  @Test
  void a_protocol_with_an_address_given_is_refused_since_nothing_is_mapped() {
    refused(
        "--mapping-protocol needs a standard Node without --ip",
        CommandRun.of(
            "node",
            "--data-directory",
            dataDirectory.toString(),
            "--ip",
            "192.0.2.7",
            "--mapping-protocol",
            "pcp"));
  }
}
