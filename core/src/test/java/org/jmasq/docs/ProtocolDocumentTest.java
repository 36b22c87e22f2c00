package org.jmasq.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jmasq.cores.HopContent;
import org.jmasq.cores.LiveCoresPackage;
import org.jmasq.cores.Route;
import org.jmasq.crypto.Envelope;
import org.jmasq.identity.NodeAddr;
import org.jmasq.payload.ClientRequest;
import org.jmasq.payload.ExitFailure;
import org.jmasq.payload.Gossip;
import org.jmasq.payload.GossipNodeRecord;
import org.jmasq.payload.MessageType;
import org.jmasq.payload.SequencedPacket;
import org.junit.jupiter.api.Test;

/** docs/PROTOCOL.md states the sizes and codes the code uses; this keeps the two from drifting. */
class ProtocolDocumentTest {
  private static String protocol() throws IOException {
    return Files.readString(Path.of("..", "docs", "PROTOCOL.md"));
  }

  private static String grouped(long n) {
    return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
  }

  @Test
  void every_payload_type_has_a_section_with_its_type_code() throws IOException {
    String doc = protocol();
    for (Class<?> type : MessageType.class.getPermittedSubclasses()) {
      assertThat(doc)
          .as(type.getSimpleName())
          .containsPattern("### " + type.getSimpleName() + " \\(type \\d");
    }
    assertThat(doc)
        .contains(
            "type: 1 ClientRequest, 2 ClientResponse, 3 DnsResolveFailure, 4 Gossip, 5 GossipFailure,\n       6 ExitFailure, 7 StreamAck");
  }

  @Test
  void the_documented_sizes_are_the_coded_sizes() throws IOException {
    String doc = protocol();
    assertThat(doc).contains("overhead: " + Envelope.OVERHEAD + " bytes");
    assertThat(doc).contains("exactly " + HopContent.PLAIN_LENGTH + " bytes");
    assertThat(doc).contains(Route.BLOCK_LENGTH + " bytes, sealed to the one Node");
    assertThat(doc).contains("| 1.." + Route.MAX_HOPS + "      |");
    assertThat(LiveCoresPackage.MAX_PAYLOAD).isEqualTo(1 << 20);
    assertThat(doc).contains("≤ 1 MiB");
    assertThat(doc).contains("data (≤ " + grouped(SequencedPacket.MAX_DATA) + ")");
    assertThat(doc).contains("(0 = none, ≤ " + ClientRequest.MAX_HOSTNAME + ")");
    assertThat(doc).contains("| ≤ " + Gossip.MAX_RECORDS + " ");
    assertThat(doc).contains("u16 length ≤ " + GossipNodeRecord.MAX_SIGNED_DATA);
    assertThat(doc).contains("u8 length ≤ " + ExitFailure.MAX_DETAIL + ", UTF-8");
    assertThat(doc).contains("u8 (≤ " + NodeAddr.MAX_PORTS + ")");
  }
}
