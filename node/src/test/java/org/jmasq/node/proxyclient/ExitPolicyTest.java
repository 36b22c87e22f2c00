package org.jmasq.node.proxyclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which targets an exit connects to, with and without {@code --allow-private-targets}. */
class ExitPolicyTest {
  private static final ExitPolicy STRICT = new ExitPolicy(false);
  private static final ExitPolicy PERMISSIVE = new ExitPolicy(true);

  /** Only literals are passed, and {@code getByName} parses a literal without asking a resolver. */
  private static InetAddress literal(String text) throws UnknownHostException {
    return InetAddress.getByName(text);
  }

  /**
   * {@code ::ffff:a.b.c.d} kept as an IPv6 address; {@code InetAddress.getByName} would turn it
   * into IPv4.
   */
  private static InetAddress ipv4Mapped(String ipv4) throws UnknownHostException {
    byte[] b = new byte[16];
    b[10] = (byte) 0xff;
    b[11] = (byte) 0xff;
    System.arraycopy(InetAddress.getByName(ipv4).getAddress(), 0, b, 12, 4);
    return Inet6Address.getByAddress(null, b, -1);
  }

  @ParameterizedTest(name = "{0} is refused as {1}")
  @CsvSource({
    "127.0.0.1,        loopback",
    "127.255.0.9,      loopback",
    "::1,              loopback",
    "10.0.0.1,         private",
    "172.16.0.1,       private",
    "172.31.255.254,   private",
    "192.168.1.1,      private",
    "169.254.169.254,  link-local",
    "fe80::1,          link-local",
    "fec0::1,          private",
    "fc00::1,          private (unique local)",
    "fd12:3456::1,     private (unique local)",
    "100.64.0.1,       private (carrier-grade NAT)",
    "100.127.255.254,  private (carrier-grade NAT)",
    "0.0.0.0,          unspecified",
    "0.1.2.3,          unspecified",
    "::,               unspecified",
    "224.0.0.1,        multicast",
    "239.255.255.250,  multicast",
    "ff02::1,          multicast",
    "255.255.255.255,  broadcast",
    "240.0.0.1,        reserved",
    "192.0.0.8,        reserved (IETF protocol assignments)",
    "198.18.0.1,       reserved (benchmarking)",
    "198.19.255.254,   reserved (benchmarking)",
    "64:ff9b::7f00:1,  loopback",
    "64:ff9b::a00:1,   private",
    "::7f00:1,         loopback",
    "2002:c0a8:101::1, private",
    "2002:7f00:1::1,   loopback",
    "::ffff:0:7f00:1,  loopback",
    "::ffff:0:a00:1,   private",
    "::ffff:0:a9fe:a9fe, link-local",
    "::ffff:0:0:0,     unspecified",
    "64:ff9b:1::1,     private (local-use NAT64)",
    "64:ff9b:1:7f00:1::, private (local-use NAT64)",
    "64:ff9b:1::808:808, private (local-use NAT64)",
    "64:ff9b::c0a8:101, private",
    "64:ff9b::a9fe:a9fe, link-local",
    "64:ff9b::6440:1,  private (carrier-grade NAT)",
    "64:ff9b:7f00:1::, reserved",
    "::ffff:1:7f00:1,  reserved",
    "::1:0:0:1,        reserved",
    "2001:0:4136:e378:8000:63bf:80ff:fffe, loopback",
    "2001:0:a00:1:8000:63bf:3fff:fdd2, private",
  })
  void a_non_public_address_is_refused_by_default(String address, String kind)
      throws UnknownHostException {
    assertThat(STRICT.refusal(literal(address))).contains(kind);
  }

  @ParameterizedTest(name = "::ffff:{0} is refused as {1}")
  @CsvSource({
    "127.0.0.1,   loopback",
    "10.1.2.3,    private",
    "192.168.0.1, private",
    "169.254.1.1, link-local",
    "100.100.1.1, private (carrier-grade NAT)",
    "0.0.0.0,     unspecified",
  })
  void an_ipv4_mapped_ipv6_address_is_judged_by_its_ipv4_address(String ipv4, String kind)
      throws UnknownHostException {
    InetAddress mapped = ipv4Mapped(ipv4);
    assertThat(mapped).isInstanceOf(Inet6Address.class);
    assertThat(STRICT.refusal(mapped)).contains(kind);
  }

  @ParameterizedTest(name = "{0} is allowed")
  @ValueSource(
      strings = {
        "93.184.216.34",
        "8.8.8.8",
        "1.1.1.1",
        "172.15.255.255",
        "172.32.0.1",
        "100.63.255.255",
        "100.128.0.1",
        "11.0.0.1",
        "192.169.0.1",
        "169.253.0.1",
        "223.255.255.255",
        "2001:4860:4860::8888",
        "2606:4700::1111",
        "fbff::1",
        "fe00::1",
        "64:ff9b::808:808",
        "::ffff:0:808:808",
        "2002:808:808::1",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",
        "2001:db9::1",
      })
  void a_public_address_is_allowed_by_default(String address) throws UnknownHostException {
    assertThat(STRICT.refusal(literal(address))).isEmpty();
  }

  @ParameterizedTest(name = "::ffff:{0} is allowed")
  @ValueSource(strings = {"93.184.216.34", "8.8.8.8"})
  void an_ipv4_mapped_public_address_is_allowed_by_default(String ipv4)
      throws UnknownHostException {
    assertThat(STRICT.refusal(ipv4Mapped(ipv4))).isEmpty();
  }

  @ParameterizedTest(name = "{0} is refused as the exit's own address 203.0.113.7")
  @ValueSource(
      strings = {
        "203.0.113.7",
        "::ffff:0:cb00:7107",
        "64:ff9b::cb00:7107",
        "2002:cb00:7107::1",
      })
  void the_exits_own_public_address_is_refused_in_every_form(String address)
      throws UnknownHostException {
    ExitPolicy policy = new ExitPolicy(false, Set.of(literal("203.0.113.7")));

    assertThat(policy.refusal(literal(address))).contains("the exit's own address");
    assertThat(policy.refusal(ipv4Mapped("203.0.113.7"))).contains("the exit's own address");
    assertThat(policy.refusal(literal("203.0.113.8"))).isEmpty();
  }

  @ParameterizedTest(name = "{0}, the exit's own address, is allowed with --allow-private-targets")
  @ValueSource(strings = {"203.0.113.7", "64:ff9b::cb00:7107"})
  void allowing_private_targets_allows_the_exits_own_address(String address)
      throws UnknownHostException {
    ExitPolicy policy = new ExitPolicy(true, Set.of(literal("203.0.113.7")));

    assertThat(policy.refusal(literal(address))).isEmpty();
  }

  @ParameterizedTest(name = "{0} is allowed with --allow-private-targets")
  @ValueSource(
      strings = {
        "127.0.0.1",
        "::1",
        "10.0.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "fd00::1",
        "100.64.0.1",
        "0.0.0.0",
        "8.8.8.8"
      })
  void allowing_private_targets_allows_every_address(String address) throws UnknownHostException {
    assertThat(PERMISSIVE.refusal(literal(address))).isEmpty();
  }

  @ParameterizedTest(name = "::ffff:{0} is allowed with --allow-private-targets")
  @ValueSource(strings = {"127.0.0.1", "10.0.0.1"})
  void allowing_private_targets_allows_ipv4_mapped_addresses_too(String ipv4)
      throws UnknownHostException {
    assertThat(PERMISSIVE.refusal(ipv4Mapped(ipv4))).isEmpty();
  }
}
