package org.jmasq.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Base64;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.assertj.core.api.AbstractThrowableAssert;
import org.jmasq.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class NodeDescriptorTest {
  private static final byte[] ENCRYPTION_KEY = new byte[32];

  static {
    for (int i = 0; i < 32; i++) {
      ENCRYPTION_KEY[i] = (byte) (7 * i + 1);
    }
  }

  private static final String KEY =
      Base64.getUrlEncoder().withoutPadding().encodeToString(ENCRYPTION_KEY);

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String text) {
    return assertThatThrownBy(() -> NodeDescriptor.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("malformed node descriptor '" + text + "': ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void a_descriptor_with_one_port_parses() throws Exception {
    NodeDescriptor d = NodeDescriptor.parse("masq://base-sepolia:" + KEY + "@150.60.42.72:6642");
    assertThat(d.chain()).isEqualTo(Chain.BASE_SEPOLIA);
    assertThat(d.key()).isEqualTo(PublicKey.firstContact(ENCRYPTION_KEY));
    assertThat(d.key().isFirstContact()).isTrue();
    assertThat(d.nodeAddr()).contains(NodeAddr.of(InetAddress.getByName("150.60.42.72"), 6642));
  }

  @Test
  void a_descriptor_lists_several_ports_separated_by_slashes() throws Exception {
    NodeDescriptor d = NodeDescriptor.parse("masq://dev:" + KEY + "@1.2.3.4:6642/4789/5254");
    assertThat(d.nodeAddr().orElseThrow().ports()).containsExactly(6642, 4789, 5254);
    assertThat(d).hasToString("masq://dev:" + KEY + "@1.2.3.4:6642/4789/5254");
  }

  @Test
  void a_node_without_an_address_prints_and_parses_the_at_colon_form() {
    NodeDescriptor d = NodeDescriptor.parse("masq://eth-mainnet:" + KEY + "@:");
    assertThat(d.nodeAddr()).isEmpty();
    assertThat(d).hasToString("masq://eth-mainnet:" + KEY + "@:");
  }

  @Test
  void a_bracketed_ipv6_address_parses() throws Exception {
    NodeDescriptor d = NodeDescriptor.parse("masq://dev:" + KEY + "@[2001:db8::7]:443");
    assertThat(d.nodeAddr()).contains(NodeAddr.of(InetAddress.getByName("2001:db8::7"), 443));
  }

  @Test
  void the_whole_64_byte_key_is_accepted_and_keeps_its_signing_half() {
    byte[] whole = new byte[64];
    whole[63] = 9;
    whole[0] = 1;
    String text =
        "masq://dev:"
            + Base64.getUrlEncoder().withoutPadding().encodeToString(whole)
            + "@1.2.3.4:5";
    PublicKey key = NodeDescriptor.parse(text).key();
    assertThat(key.bytes()).isEqualTo(whole);
    assertThat(key.isFirstContact()).isFalse();
  }

  @Test
  void a_wrong_scheme_is_refused() {
    assertRefused("http://dev:" + KEY + "@1.2.3.4:5")
        .hasMessageEndingWith("it must start with masq://");
  }

  @Test
  void a_missing_at_sign_is_refused() {
    assertRefused("masq://dev:" + KEY)
        .hasMessageContaining("expected masq://<chain>:<key>@<ip>:<port>");
  }

  @Test
  void an_unknown_chain_is_refused_with_the_known_ones_listed() {
    assertRefused("masq://moon:" + KEY + "@1.2.3.4:5")
        .hasMessageContaining("unknown chain 'moon'")
        .hasMessageContaining("base-mainnet")
        .hasMessageContaining("polygon-amoy");
  }

  @Test
  void a_key_that_is_not_base64url_is_refused() {
    assertRefused("masq://dev:abc*def@1.2.3.4:5").hasMessageEndingWith("the key is not base64url");
    assertRefused("masq://dev:" + KEY.substring(0, 40) + "+/+@1.2.3.4:5")
        .hasMessageEndingWith("the key is not base64url");
  }

  @Test
  void a_key_of_the_wrong_length_is_refused() {
    String sixteen = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]);
    assertRefused("masq://dev:" + sixteen + "@1.2.3.4:5")
        .hasMessageEndingWith("the key holds 16 bytes (expected: 32 or 64)");
    assertRefused("masq://dev:@1.2.3.4:5")
        .hasMessageEndingWith("the key holds 0 bytes (expected: 32 or 64)");
  }

  @Test
  void a_port_out_of_range_is_refused() {
    assertRefused("masq://dev:" + KEY + "@1.2.3.4:65536")
        .hasMessageEndingWith("port 65536 is out of range (expected: 1~65535)");
    assertRefused("masq://dev:" + KEY + "@1.2.3.4:0")
        .hasMessageEndingWith("port 0 is out of range (expected: 1~65535)");
    assertRefused("masq://dev:" + KEY + "@1.2.3.4:5/70000")
        .hasMessageContaining("port 70000 is out of range");
  }

  @Test
  void a_port_that_is_not_a_number_is_refused() {
    assertRefused("masq://dev:" + KEY + "@1.2.3.4:http")
        .hasMessageEndingWith("port 'http' is not a number");
    assertRefused("masq://dev:" + KEY + "@1.2.3.4:")
        .hasMessageEndingWith("port '' is not a number");
    assertRefused("masq://dev:" + KEY + "@1.2.3.4:5//6")
        .hasMessageEndingWith("port '' is not a number");
    assertRefused("masq://dev:" + KEY + "@1.2.3.4:+80")
        .hasMessageEndingWith("port '+80' is not a number");
    assertRefused("masq://dev:" + KEY + "@1.2.3.4:\uff18\uff10")
        .hasMessageEndingWith("port '\uff18\uff10' is not a number");
    assertRefused("masq://dev:" + KEY + "@1.2.3.4:99999999999")
        .hasMessageEndingWith("port '99999999999' is not a number");
  }

  @Test
  void more_than_eight_ports_are_refused() {
    assertRefused("masq://dev:" + KEY + "@1.2.3.4:1/2/3/4/5/6/7/8/9")
        .hasMessageEndingWith("more than 8 ports");
  }

  @Test
  void an_ipv6_address_without_brackets_is_refused() {
    assertRefused("masq://dev:" + KEY + "@2001:db8::7:443")
        .hasMessageEndingWith("an IPv6 address must be in brackets");
  }

  @Test
  void an_address_without_a_port_is_refused() {
    assertRefused("masq://dev:" + KEY + "@1.2.3.4")
        .hasMessageEndingWith("expected <ip>:<port> after '@'");
    assertRefused("masq://dev:" + KEY + "@").hasMessageEndingWith("expected <ip>:<port> after '@'");
  }

  @Test
  void a_host_name_is_refused_because_descriptors_name_ip_addresses() {
    assertRefused("masq://dev:" + KEY + "@example.com:80")
        .hasMessageEndingWith("'example.com' is not an IP address");
  }

  @Test
  void a_host_name_of_hex_letters_is_refused_without_a_lookup() {
    // "cafe" looks like hex; it used to reach InetAddress.getByName and go to DNS.
    assertRefused("masq://dev:" + KEY + "@cafe:80")
        .hasMessageEndingWith("'cafe' is not an IP address");
    assertRefused("masq://dev:" + KEY + "@[cafe]:80")
        .hasMessageEndingWith("'cafe' is not an IP address");
  }

  @Test
  void legacy_short_and_ambiguous_ipv4_forms_are_refused() {
    // InetAddress reads "1.2.3" as 1.2.0.3 and "01.2.3.4" as 1.2.3.4; a descriptor means neither.
    assertRefused("masq://dev:" + KEY + "@1.2.3:80")
        .hasMessageEndingWith("'1.2.3' is not an IP address");
    assertRefused("masq://dev:" + KEY + "@01.2.3.4:80")
        .hasMessageEndingWith("'01.2.3.4' is not an IP address");
    assertRefused("masq://dev:" + KEY + "@256.1.1.1:80")
        .hasMessageEndingWith("'256.1.1.1' is not an IP address");
  }

  @Test
  void a_malformed_bracketed_ipv6_address_is_refused() {
    assertRefused("masq://dev:" + KEY + "@[1:2:3]:80")
        .hasMessageEndingWith("'1:2:3' is not an IP address");
  }

  @Test
  void null_is_refused_like_any_other_malformed_text() {
    assertRefused(null);
  }

  @Provide
  Arbitrary<NodeDescriptor> descriptors() {
    return Combinators.combine(
            Arbitraries.of(Chain.class),
            IdentityArbitraries.firstContactKeys(),
            IdentityArbitraries.nodeAddrs(1).optional())
        .as(NodeDescriptor::new);
  }

  @Property(tries = 300)
  void parsing_a_printed_descriptor_gives_it_back(@ForAll("descriptors") NodeDescriptor d) {
    assertThat(NodeDescriptor.parse(d.toString())).isEqualTo(d);
  }

  @Property(tries = 100)
  void a_printed_whole_key_comes_back_as_the_same_nodes_first_contact_key(
      @ForAll("descriptors") NodeDescriptor d, @ForAll("wholeKeys") PublicKey whole) {
    NodeDescriptor printed = new NodeDescriptor(d.chain(), whole, d.nodeAddr());
    PublicKey parsed = NodeDescriptor.parse(printed.toString()).key();
    assertThat(parsed.sameNodeAs(whole)).isTrue();
    assertThat(parsed.isFirstContact()).isTrue();
  }

  @Provide
  Arbitrary<PublicKey> wholeKeys() {
    return IdentityArbitraries.publicKeys();
  }

  @Provide
  Arbitrary<String> descriptorLikeText() {
    Arbitrary<String> noise =
        Arbitraries.strings().withChars("masq:/@[].0123456789abcdefABCDEF-_x%").ofMaxLength(40);
    Arbitrary<String> afterAt =
        Arbitraries.strings()
            .withChars(":/[].0123456789abcdef")
            .ofMaxLength(30)
            .map(s -> "masq://dev:" + KEY + "@" + s);
    Arbitrary<String> anyText = Arbitraries.strings().ofMaxLength(60);
    return Arbitraries.oneOf(
        noise, afterAt, anyText, descriptors().map(NodeDescriptor::toString).map(s -> s + "x"));
  }

  @Property(tries = 500)
  void malformed_text_is_refused_only_with_a_one_sentence_illegal_argument(
      @ForAll("descriptorLikeText") String text) {
    try {
      NodeDescriptor.parse(text);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith("malformed node descriptor '");
    }
  }

  @Property(tries = 300)
  void a_prefix_or_a_mutation_of_a_descriptor_parses_or_is_refused_with_an_illegal_argument(
      @ForAll("descriptors") NodeDescriptor d, @ForAll long seed) {
    String text = d.toString();
    java.util.Random random = new java.util.Random(seed);
    String prefix = text.substring(0, random.nextInt(text.length()));
    char[] chars = text.toCharArray();
    chars[random.nextInt(chars.length)] =
        "masq:/@[]. 0123456789abcdefABC-_x%\u00e9\uff10".charAt(random.nextInt(36));
    for (String candidate : new String[] {prefix, new String(chars)}) {
      try {
        assertThat(NodeDescriptor.parse(NodeDescriptor.parse(candidate).toString()))
            .isEqualTo(NodeDescriptor.parse(candidate));
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).startsWith("malformed node descriptor '");
      }
    }
  }

  @Test
  void descriptor_parts_may_not_be_null() {
    assertThatThrownBy(() -> new NodeDescriptor(Chain.DEV, null, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
