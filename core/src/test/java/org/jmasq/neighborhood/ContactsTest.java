package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeDescriptor;
import org.junit.jupiter.api.Test;

class ContactsTest {
  private final Contacts contacts = new Contacts();

  private static NodeDescriptor descriptor(int n) {
    return new NodeDescriptor(
        Fixtures.CHAIN, Fixtures.keyPair(n).publicKey(), Optional.of(Fixtures.addr(n)));
  }

  private List<NodeDescriptor> pick(int count, boolean allBootstrap) {
    return contacts.pick(count, allBootstrap, d -> true, new Random(1));
  }

  @Test
  void bootstrap_descriptors_are_never_forgotten() {
    contacts.bootstrap(descriptor(1));
    for (int n = 100; n < 100 + Contacts.MAX + 10; n++) {
      contacts.alive(descriptor(n));
    }

    assertThat(contacts.all()).hasSize(Contacts.MAX + 1).contains(descriptor(1));
  }

  @Test
  void the_book_forgets_the_contacts_that_failed_most_and_then_the_oldest() {
    for (int n = 100; n < 100 + Contacts.MAX; n++) {
      contacts.alive(descriptor(n));
    }
    contacts.failed(Fixtures.ip(150));
    contacts.failed(Fixtures.ip(150));
    contacts.failed(Fixtures.ip(120));

    contacts.alive(descriptor(500));
    contacts.alive(descriptor(501));
    contacts.alive(descriptor(502));

    assertThat(contacts.all())
        .hasSize(Contacts.MAX)
        .doesNotContain(descriptor(150), descriptor(120), descriptor(100))
        .contains(descriptor(101), descriptor(500), descriptor(501), descriptor(502));
  }

  @Test
  void nodes_it_was_only_told_of_never_push_out_nodes_it_heard_from_itself() {
    for (int n = 100; n < 110; n++) {
      contacts.alive(descriptor(n));
    }
    contacts.failed(Fixtures.ip(100));

    for (int n = 1_000; n < 1_000 + 3 * Contacts.MAX; n++) {
      contacts.heardOf(descriptor(n));
    }

    assertThat(contacts.all())
        .hasSize(Contacts.MAX)
        .contains(descriptor(100), descriptor(109))
        .contains(descriptor(1_000 + 3 * Contacts.MAX - 1))
        .doesNotContain(descriptor(1_000));
  }

  @Test
  void contacts_that_failed_least_are_picked_first() {
    for (int n = 10; n < 16; n++) {
      contacts.alive(descriptor(n));
    }
    for (int n = 10; n < 14; n++) {
      contacts.failed(Fixtures.ip(n));
    }

    assertThat(pick(2, false)).containsExactlyInAnyOrder(descriptor(14), descriptor(15));
  }

  @Test
  void an_isolated_pick_adds_every_bootstrap_descriptor_to_the_fanout() {
    contacts.bootstrap(descriptor(1));
    contacts.bootstrap(descriptor(2));
    contacts.failed(Fixtures.ip(1));
    contacts.failed(Fixtures.ip(2));
    for (int n = 10; n < 16; n++) {
      contacts.alive(descriptor(n));
    }

    assertThat(pick(4, false)).hasSize(4).doesNotContain(descriptor(1), descriptor(2));
    assertThat(pick(4, true)).hasSize(6).contains(descriptor(1), descriptor(2));
  }

  @Test
  void hearing_from_a_contact_again_clears_its_failures() {
    contacts.alive(descriptor(10));
    contacts.alive(descriptor(11));
    contacts.failed(Fixtures.ip(10));

    assertThat(contacts.countUntried(d -> true)).isEqualTo(1);
    contacts.alive(descriptor(10));
    assertThat(contacts.countUntried(d -> true)).isEqualTo(2);
  }

  @Test
  void a_descriptor_naming_only_the_encryption_half_of_a_key_is_the_same_contact() {
    PublicKey whole = Fixtures.keyPair(10).publicKey();
    contacts.bootstrap(
        new NodeDescriptor(
            Fixtures.CHAIN,
            PublicKey.firstContact(whole.encryptionKey()),
            Optional.of(Fixtures.addr(10))));

    contacts.alive(descriptor(10));
    contacts.heardOf(descriptor(10));

    assertThat(contacts.all()).containsExactly(descriptor(10));
  }
}
