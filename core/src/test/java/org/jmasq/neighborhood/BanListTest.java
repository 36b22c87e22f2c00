package org.jmasq.neighborhood;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.jmasq.crypto.PublicKey;
import org.junit.jupiter.api.Test;

/** Bans last a while, longer for repeat offenders, and take an IP only from its second key on. */
class BanListTest {
  private final BanList bans = new BanList();
  private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
  private final PublicKey a = Fixtures.keyPair(2).publicKey();
  private final PublicKey b = Fixtures.keyPair(3).publicKey();

  @Test
  void a_first_ban_lasts_an_hour() {
    BanList.Ban ban = bans.ban(a, Fixtures.ip(2), BanReason.FORGED_SIGNATURE, t0);

    assertThat(ban.until()).isEqualTo(t0.plus(Duration.ofHours(1)));
    assertThat(bans.isBanned(a, t0.plus(Duration.ofMinutes(59)))).isTrue();
    assertThat(bans.isBanned(a, t0.plus(Duration.ofHours(1)))).isFalse();
  }

  @Test
  void each_repeat_offense_doubles_the_ban_up_to_a_day() {
    Instant now = t0;
    for (long hours : new long[] {1, 2, 4, 8, 16, 24, 24}) {
      BanList.Ban ban = bans.ban(a, Fixtures.ip(2), BanReason.FORGED_SIGNATURE, now);
      assertThat(Duration.between(now, ban.until())).isEqualTo(Duration.ofHours(hours));
      now = ban.until();
    }
  }

  @Test
  void offenses_are_forgotten_a_week_after_the_last_ban_ended() {
    BanList.Ban first = bans.ban(a, Fixtures.ip(2), BanReason.FORGED_SIGNATURE, t0);
    Instant later = first.until().plus(BanList.REMEMBERED);
    bans.expire(later);

    BanList.Ban again = bans.ban(a, Fixtures.ip(2), BanReason.FORGED_SIGNATURE, later);

    assertThat(Duration.between(later, again.until())).isEqualTo(BanList.FIRST_BAN);
  }

  @Test
  void an_ip_is_banned_only_when_a_second_key_misbehaves_from_it() {
    BanList.Ban first = bans.ban(a, Fixtures.ip(2), BanReason.FORGED_SIGNATURE, t0);
    assertThat(first.ipBanned()).isFalse();
    assertThat(bans.isBanned(Fixtures.ip(2), t0)).isFalse();

    BanList.Ban second = bans.ban(b, Fixtures.ip(2), BanReason.FORGED_SIGNATURE, t0);

    assertThat(second.ipBanned()).isTrue();
    assertThat(second.ipUntil()).isEqualTo(t0.plus(BanList.FIRST_BAN));
    assertThat(bans.isBanned(Fixtures.ip(2), t0)).isTrue();
    assertThat(bans.isBanned(Fixtures.ip(3), t0)).isFalse();
  }

  @Test
  void a_ban_holds_against_the_same_node_under_another_signing_key() {
    bans.ban(a, Fixtures.ip(2), BanReason.FORGED_SIGNATURE, t0);

    assertThat(bans.isBanned(PublicKey.firstContact(a.encryptionKey()), t0)).isTrue();
    assertThat(bans.banned(t0).contains(a)).isTrue();
  }

  @Test
  void the_published_bans_change_when_a_ban_is_added_and_when_one_ends() {
    long before = bans.changes();
    bans.ban(a, Fixtures.ip(2), BanReason.FORGED_SIGNATURE, t0);
    long banned = bans.changes();
    assertThat(banned).isGreaterThan(before);

    bans.expire(t0.plus(Duration.ofMinutes(30)));
    assertThat(bans.changes()).as("nothing ended yet").isEqualTo(banned);
    bans.expire(t0.plus(Duration.ofMinutes(61)));
    assertThat(bans.changes()).isGreaterThan(banned);
    assertThat(bans.banned(t0.plus(Duration.ofMinutes(61))).keys()).isEmpty();
  }

  @Test
  void no_more_than_the_capacity_is_remembered() {
    for (int i = 0; i < BanList.CAPACITY + 10; i++) {
      PublicKey k = PublicKey.firstContact(key32(i));
      bans.ban(k, Fixtures.ip(i), BanReason.FORGED_SIGNATURE, t0);
    }

    assertThat(bans.banned(t0).keys()).hasSize(BanList.CAPACITY);
    assertThat(bans.isBanned(PublicKey.firstContact(key32(0)), t0))
        .as("the one banned longest ago went first")
        .isFalse();
  }

  private static byte[] key32(int i) {
    byte[] k = new byte[PublicKey.HALF];
    k[0] = (byte) i;
    k[1] = (byte) (i >>> 8);
    k[31] = 1;
    return k;
  }
}
