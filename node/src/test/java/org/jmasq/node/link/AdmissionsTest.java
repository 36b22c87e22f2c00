package org.jmasq.node.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionsTest {
  private final List<String> givenUp = new ArrayList<>();

  private static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal);
  }

  private Admissions.Ticket admit(Admissions admissions, String ip, String name) throws Exception {
    return admissions.admit(ip(ip), () -> givenUp.add(name));
  }

  @Test
  void one_ip_holds_at_most_its_handshakes_while_others_still_get_in() throws Exception {
    Admissions admissions = new Admissions(new Admissions.Limits(64, 4, 8));
    for (int i = 0; i < 4; i++) {
      admit(admissions, "127.0.0.9", "attacker " + i);
    }

    assertThatThrownBy(() -> admit(admissions, "127.0.0.9", "attacker 4"))
        .isInstanceOf(LinkRefusedException.class)
        .hasMessage("too many handshakes from 127.0.0.9");
    assertThat(admit(admissions, "127.0.0.10", "honest").linked()).isEmpty();
    assertThat(givenUp).isEmpty();
  }

  @Test
  void an_ipv6_host_counts_as_its_64_whatever_address_of_it_each_connection_comes_from()
      throws Exception {
    Admissions admissions = new Admissions(new Admissions.Limits(64, 4, 8));
    for (int i = 1; i <= 4; i++) {
      admit(admissions, "2001:db8:1:2::" + i, "attacker " + i);
    }

    assertThatThrownBy(() -> admit(admissions, "2001:db8:1:2:ffff::5", "attacker 5"))
        .isInstanceOf(LinkRefusedException.class)
        .hasMessageStartingWith("too many handshakes from 2001:db8:1:2:");
    assertThat(admit(admissions, "2001:db8:1:3::1", "the next /64").linked()).isEmpty();
  }

  @Test
  void when_every_place_is_taken_the_oldest_handshake_is_given_up_for_the_new_one()
      throws Exception {
    Admissions admissions = new Admissions(new Admissions.Limits(3, 2, 8));
    Admissions.Ticket oldest = admit(admissions, "127.0.0.9", "first");
    admit(admissions, "127.0.0.9", "second");
    admit(admissions, "127.0.0.8", "third");

    Admissions.Ticket honest = admit(admissions, "127.0.0.10", "honest");

    assertThat(givenUp).containsExactly("first");
    assertThat(admissions.pending()).isEqualTo(3);
    assertThat(oldest.linked()).contains("given up for newer handshakes");
    assertThat(honest.linked()).isEmpty();
    assertThat(admissions.pending()).isEqualTo(2);
    // The given-up handshake's place went to the newcomer: its IP may start another.
    admit(admissions, "127.0.0.9", "again");
  }

  @Test
  void one_ip_holds_at_most_its_links_and_a_closed_link_frees_its_place() throws Exception {
    Admissions admissions = new Admissions(new Admissions.Limits(64, 4, 2));
    Admissions.Ticket first = admit(admissions, "127.0.0.9", "1");
    assertThat(first.linked()).isEmpty();
    assertThat(admit(admissions, "127.0.0.9", "2").linked()).isEmpty();

    assertThatThrownBy(() -> admit(admissions, "127.0.0.9", "3"))
        .hasMessage("too many links from 127.0.0.9");
    first.release();
    first.release();
    assertThat(admit(admissions, "127.0.0.9", "3").linked()).isEmpty();
    assertThatThrownBy(() -> admit(admissions, "127.0.0.9", "4"))
        .as("a second release gave back nothing more")
        .hasMessage("too many links from 127.0.0.9");
  }

  @Test
  void handshakes_that_finish_together_do_not_exceed_the_links_of_their_ip() throws Exception {
    Admissions admissions = new Admissions(new Admissions.Limits(64, 4, 2));
    Admissions.Ticket a = admit(admissions, "127.0.0.9", "a");
    Admissions.Ticket b = admit(admissions, "127.0.0.9", "b");
    Admissions.Ticket c = admit(admissions, "127.0.0.9", "c");

    assertThat(a.linked()).isEmpty();
    assertThat(b.linked()).isEmpty();
    assertThat(c.linked()).contains("too many links from 127.0.0.9");
    c.release();
    assertThat(admissions.pending()).isZero();
  }

  @Test
  void a_failed_handshake_frees_its_place() throws Exception {
    Admissions admissions = new Admissions(new Admissions.Limits(64, 1, 8));
    admit(admissions, "127.0.0.9", "1").release();

    assertThat(admit(admissions, "127.0.0.9", "2")).isNotNull();
    assertThat(admissions.pending()).isEqualTo(1);
  }
}
