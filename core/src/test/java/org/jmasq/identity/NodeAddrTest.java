package org.jmasq.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jmasq.wire.DecoderContract.decodeOrRefuse;
import static org.jmasq.wire.DecoderContract.everyTruncationIsRefused;
import static org.jmasq.wire.DecoderContract.mutate;
import static org.jmasq.wire.DecoderContract.mutationIsRefusedOrStable;
import static org.jmasq.wire.DecoderContract.refusalOf;

import java.net.InetAddress;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;
import org.junit.jupiter.api.Test;

class NodeAddrTest {
  @Provide
  Arbitrary<NodeAddr> addrs() {
    return IdentityArbitraries.nodeAddrs(0);
  }

  static byte[] encode(NodeAddr addr) {
    WireWriter out = new WireWriter();
    addr.encode(out);
    return out.toByteArray();
  }

  /** Decodes a whole array: a NodeAddr followed by anything is not a NodeAddr. */
  static NodeAddr decode(byte[] bytes) throws DecodeException {
    WireReader in = new WireReader(bytes);
    NodeAddr addr = NodeAddr.decode(in);
    in.expectEnd("node_addr");
    return addr;
  }

  @Property(tries = 300)
  void decoding_an_encoded_address_gives_it_back(@ForAll("addrs") NodeAddr addr) {
    assertThat(decodeOrRefuse(NodeAddrTest::decode, encode(addr))).contains(addr);
  }

  @Property(tries = 100)
  void a_truncated_address_is_refused_as_truncated(@ForAll("addrs") NodeAddr addr) {
    everyTruncationIsRefused(NodeAddrTest::decode, encode(addr), DecodeException.Kind.TRUNCATED);
  }

  @Property(tries = 300)
  void a_mutated_address_is_refused_or_decodes_to_a_stable_value(
      @ForAll("addrs") NodeAddr addr, @ForAll long seed) {
    mutationIsRefusedOrStable(
        NodeAddrTest::decode, NodeAddrTest::encode, mutate(encode(addr), seed));
  }

  @Property(tries = 300)
  void garbage_is_refused_only_with_a_decode_exception(@ForAll @Size(max = 80) byte[] garbage) {
    decodeOrRefuse(NodeAddrTest::decode, garbage);
  }

  @Test
  void an_ipv4_address_encodes_as_documented() throws Exception {
    NodeAddr addr = NodeAddr.of(InetAddress.getByName("1.2.3.4"), 80, 65535);
    assertThat(encode(addr)).containsExactly(4, 1, 2, 3, 4, 2, 0, 80, 0xff, 0xff);
  }

  @Test
  void an_unknown_family_is_refused_as_an_unknown_code() {
    assertThat(refusalOf(NodeAddrTest::decode, new byte[] {5, 1, 2, 3, 4, 0}).kind())
        .isEqualTo(DecodeException.Kind.UNKNOWN_CODE);
  }

  @Test
  void port_zero_on_the_wire_is_refused() {
    assertThat(refusalOf(NodeAddrTest::decode, new byte[] {4, 1, 2, 3, 4, 1, 0, 0}).kind())
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
  }

  @Test
  void eight_ports_are_allowed_and_nine_are_refused() throws Exception {
    InetAddress ip = InetAddress.getByName("10.0.0.1");
    assertThat(NodeAddr.of(ip, 1, 2, 3, 4, 5, 6, 7, 8).ports()).hasSize(8);
    assertThatThrownBy(() -> NodeAddr.of(ip, 1, 2, 3, 4, 5, 6, 7, 8, 9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 8");
    byte[] nine = new WireWriter().u8(4).fixed(ip.getAddress()).u8(9).toByteArray();
    assertThat(refusalOf(NodeAddrTest::decode, nine).kind())
        .isEqualTo(DecodeException.Kind.TOO_LONG);
  }

  @Test
  void a_port_outside_the_range_is_refused_by_the_constructor() throws Exception {
    InetAddress ip = InetAddress.getByName("10.0.0.1");
    assertThatThrownBy(() -> new NodeAddr(ip, List.of(0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NodeAddr(ip, List.of(65536)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ipv6_addresses_print_in_brackets() throws Exception {
    assertThat(NodeAddr.of(InetAddress.getByName("::1"), 5, 6))
        .hasToString("[0:0:0:0:0:0:0:1]:5/6");
  }
}
