package org.jmasq.node.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.jmasq.identity.NodeAddr;
import org.jmasq.node.proxyclient.ExitPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses named by other Nodes a Node dials, by where the Node itself is. */
class DialPolicyTest {
  /** Only literals are passed: parsed, never looked up. */
  private static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal);
  }

  /** A Node's address at port 5555. */
  private static NodeAddr addr(String literal) throws UnknownHostException {
    return NodeAddr.of(ip(literal), 5555);
  }

  private static DialPolicy nodeAt(String ownIp, String... configured) throws UnknownHostException {
    List<NodeAddr> neighbors = new java.util.ArrayList<>();
    for (String c : configured) {
      neighbors.add(addr(c));
    }
    return DialPolicy.of(ExitPolicy::classify, ip(ownIp), neighbors);
  }

  @ParameterizedTest(name = "a public Node will not dial {0} ({1})")
  @CsvSource({
    "127.0.0.1,        loopback",
    "::1,              loopback",
    "10.0.0.1,         private",
    "192.168.1.1,      private",
    "fd12:3456::1,     private (unique local)",
    "100.64.0.1,       private (carrier-grade NAT)",
    "169.254.169.254,  link-local",
    "0.0.0.0,          unspecified",
    "224.0.0.1,        multicast",
    "255.255.255.255,  broadcast",
  })
  void a_public_node_refuses_every_address_the_exit_refuses(String target, String kind)
      throws Exception {
    assertThat(nodeAt("203.0.113.7").refusal(addr(target))).contains(kind);
  }

  @ParameterizedTest(name = "a public Node dials {0}")
  @ValueSource(strings = {"198.51.100.20", "8.8.8.8", "2001:db8::1"})
  void a_public_node_dials_public_addresses(String target) throws Exception {
    assertThat(nodeAt("203.0.113.7").refusal(addr(target))).isEmpty();
  }

  @ParameterizedTest(name = "a Node at {0} dials {1}: {2}")
  @CsvSource({
    // devnet: Nodes on 127.0.0.x dial each other, and nothing private
    "127.0.0.2,  127.0.0.3,     true",
    "127.0.0.2,  ::1,           true",
    "127.0.0.2,  10.0.0.1,      false",
    // a testbed on a private network dials every private kind, but not its own machine
    "10.1.0.2,   10.1.0.3,      true",
    "10.1.0.2,   192.168.0.9,   true",
    "10.1.0.2,   fd00::3,       true",
    "10.1.0.2,   100.64.0.1,    true",
    "10.1.0.2,   127.0.0.1,     false",
    "10.1.0.2,   169.254.1.1,   false",
    // 0.0.0.0 reaches the local machine: no Node dials it
    "127.0.0.2,  0.0.0.0,       false",
    "10.1.0.2,   0.0.0.0,       false",
  })
  void a_node_on_a_network_of_its_own_dials_addresses_of_that_kind(
      String own, String target, boolean dialled) throws Exception {
    assertThat(nodeAt(own).refusal(addr(target)).isEmpty()).isEqualTo(dialled);
  }

  @ParameterizedTest(name = "a public Node configured with {0} dials it")
  @ValueSource(strings = {"192.168.1.5", "127.0.0.5"})
  void the_neighbors_a_node_was_configured_with_are_dialled_whatever_their_kind(String neighbor)
      throws Exception {
    DialPolicy policy = nodeAt("203.0.113.7", neighbor);

    assertThat(policy.refusal(addr(neighbor))).isEmpty();
    assertThat(policy.refusal(addr("192.168.1.1"))).as("only that address").contains("private");
    assertThat(policy.refusal(NodeAddr.of(ip(neighbor), 22)))
        .as("another port of that address")
        .isPresent();
  }

  @ParameterizedTest(name = "a Node without an address, configured with {0}, dials {1}: {2}")
  @CsvSource({
    "127.0.0.2,      127.0.0.9,     true",
    "127.0.0.2,      10.0.0.1,      false",
    "10.1.0.2,       10.1.0.9,      true",
    "198.51.100.20,  10.1.0.9,      false",
    "198.51.100.20,  127.0.0.1,     false",
  })
  void a_node_that_does_not_know_its_address_is_on_its_configured_neighbors_network(
      String neighbor, String target, boolean dialled) throws Exception {
    assertThat(nodeAt("0.0.0.0", neighbor).refusal(addr(target)).isEmpty()).isEqualTo(dialled);
  }
}
