package org.jmasq.accountant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jmasq.accountant.PayerCredit.Decision;
import org.jmasq.accountant.PayerCredit.Funds;
import org.jmasq.identity.Wallet;
import org.jmasq.time.ManualClock;
import org.junit.jupiter.api.Test;

class PayerCreditTest {
  private static final Wallet PAYER = Wallet.parse("0x" + "aa".repeat(20));
  private static final Wallet OTHER = Wallet.parse("0x" + "bb".repeat(20));
  private static final long CREDIT = 1600;

  /** Keeps the questions for the test to answer. */
  private static final class RecordingQuestions implements PayerCredit.Questions {
    final List<Wallet> asked = new ArrayList<>();
    PayerCredit.Answers answers;

    @Override
    public void ask(Wallet wallet, PayerCredit.Answers to) {
      asked.add(wallet);
      answers = to;
    }
  }

  private final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final RecordingQuestions chain = new RecordingQuestions();
  private final PayerCredit credit =
      new PayerCredit(PayerCredit.Terms.withCredit(CREDIT), clock, chain);

  private static boolean served(Decision d) {
    return d instanceof Decision.Serve;
  }

  @Test
  void a_new_wallet_is_served_up_to_its_credit_and_asked_about_at_a_sixteenth_of_it() {
    assertThat(served(credit.admit(PAYER))).isTrue();
    credit.served(PAYER, 99);
    assertThat(served(credit.admit(PAYER))).isTrue();
    assertThat(chain.asked).as("not yet at a sixteenth of the credit").isEmpty();

    credit.served(PAYER, 1);
    assertThat(served(credit.admit(PAYER))).isTrue();
    assertThat(chain.asked).containsExactly(PAYER);

    credit.served(PAYER, 1499);
    assertThat(served(credit.admit(PAYER))).isTrue();
    assertThat(chain.asked).as("asked once while the question is open").hasSize(1);
  }

  @Test
  void past_its_credit_a_wallet_with_no_answer_yet_is_refused_not_held() {
    credit.served(PAYER, CREDIT);

    Decision d = credit.admit(PAYER);

    assertThat(d).isInstanceOf(Decision.Refuse.class);
    assertThat(((Decision.Refuse) d).reason()).contains("has not yet said");
    assertThat(credit.mayServe(PAYER)).isFalse();
    assertThat(chain.asked).containsExactly(PAYER);
  }

  @Test
  void an_empty_wallet_is_served_what_is_left_of_its_credit_then_refused() {
    credit.served(PAYER, 600);
    credit.admit(PAYER);
    chain.answers.answered(PAYER, Funds.EMPTY);

    assertThat(served(credit.admit(PAYER))).isTrue();
    credit.served(PAYER, 1000);
    Decision d = credit.admit(PAYER);

    assertThat(d)
        .isEqualTo(
            new Decision.Refuse(
                "wallet " + PAYER + " holds no tokens or no gas, and its credit is used up"));
    assertThat(credit.mayServe(PAYER)).isFalse();
  }

  @Test
  void a_funded_wallet_is_served_without_limit_and_asked_again_only_after_an_hour() {
    credit.served(PAYER, CREDIT);
    credit.admit(PAYER);
    chain.answers.answered(PAYER, Funds.FUNDED);
    credit.served(PAYER, 1L << 40);

    assertThat(served(credit.admit(PAYER))).isTrue();
    clock.advance(Duration.ofMinutes(59));
    assertThat(served(credit.admit(PAYER))).isTrue();
    assertThat(chain.asked).hasSize(1);

    clock.advance(Duration.ofMinutes(1));
    assertThat(served(credit.admit(PAYER))).as("served while asked again").isTrue();
    assertThat(chain.asked).hasSize(2);
    chain.answers.answered(PAYER, Funds.EMPTY);
    assertThat(credit.admit(PAYER)).isInstanceOf(Decision.Refuse.class);
  }

  @Test
  void an_empty_answer_stands_five_minutes_then_a_funded_one_serves_the_wallet_again() {
    credit.served(PAYER, CREDIT);
    credit.admit(PAYER);
    chain.answers.answered(PAYER, Funds.EMPTY);

    clock.advance(Duration.ofMinutes(4));
    assertThat(credit.admit(PAYER)).isInstanceOf(Decision.Refuse.class);
    assertThat(chain.asked).hasSize(1);
    clock.advance(Duration.ofMinutes(1));
    assertThat(credit.admit(PAYER))
        .as("still refused while asked again")
        .isInstanceOf(Decision.Refuse.class);
    assertThat(chain.asked).hasSize(2);
    chain.answers.answered(PAYER, Funds.FUNDED);

    assertThat(served(credit.admit(PAYER))).isTrue();
  }

  @Test
  void a_failed_question_changes_nothing_known_and_is_asked_again_a_minute_later() {
    credit.served(PAYER, CREDIT);
    credit.admit(PAYER);
    chain.answers.unanswered(PAYER);

    assertThat(credit.admit(PAYER)).isInstanceOf(Decision.Refuse.class);
    clock.advance(Duration.ofSeconds(59));
    credit.admit(PAYER);
    assertThat(chain.asked).hasSize(1);
    clock.advance(Duration.ofSeconds(1));
    credit.admit(PAYER);
    assertThat(chain.asked).hasSize(2);
  }

  @Test
  void a_known_funded_wallet_stays_served_when_the_chain_cannot_be_asked_again() {
    credit.served(PAYER, CREDIT);
    credit.admit(PAYER);
    chain.answers.answered(PAYER, Funds.FUNDED);
    clock.advance(Duration.ofHours(2));
    credit.admit(PAYER);
    chain.answers.unanswered(PAYER);

    assertThat(served(credit.admit(PAYER))).isTrue();
  }

  @Test
  void a_question_left_unanswered_is_asked_again_after_two_minutes() {
    credit.served(PAYER, CREDIT);
    credit.admit(PAYER);
    clock.advance(Duration.ofSeconds(119));
    credit.admit(PAYER);
    assertThat(chain.asked).hasSize(1);
    clock.advance(Duration.ofSeconds(1));
    credit.admit(PAYER);
    assertThat(chain.asked).hasSize(2);
  }

  @Test
  void wallets_are_counted_apart() {
    credit.served(PAYER, CREDIT);

    assertThat(credit.admit(PAYER)).isInstanceOf(Decision.Refuse.class);
    assertThat(served(credit.admit(OTHER))).isTrue();
    assertThat(credit.mayServe(OTHER)).isTrue();
  }

  @Test
  void with_no_credit_the_first_package_asks_and_waits_for_the_answer() {
    PayerCredit none = new PayerCredit(PayerCredit.Terms.withCredit(0), clock, chain);

    assertThat(none.admit(PAYER)).isInstanceOf(Decision.Refuse.class);
    assertThat(chain.asked).containsExactly(PAYER);
    chain.answers.answered(PAYER, Funds.FUNDED);
    assertThat(served(none.admit(PAYER))).isTrue();
  }

  @Test
  void an_originator_learns_its_own_wallets_funds_asking_once_per_answer() {
    assertThat(credit.funds(PAYER)).isEmpty();
    assertThat(credit.funds(PAYER)).isEmpty();
    assertThat(chain.asked).containsExactly(PAYER);
    chain.answers.answered(PAYER, Funds.EMPTY);

    assertThat(credit.funds(PAYER)).contains(Funds.EMPTY);
    clock.advance(Duration.ofMinutes(5));
    assertThat(credit.funds(PAYER)).as("the old answer until a new one").contains(Funds.EMPTY);
    assertThat(chain.asked).hasSize(2);
  }

  @Test
  void a_forgotten_wallet_starts_afresh() {
    PayerCredit small =
        new PayerCredit(
            new PayerCredit.Terms(
                CREDIT,
                Duration.ofHours(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(2),
                Duration.ofMinutes(1),
                1),
            clock,
            chain);
    small.served(PAYER, CREDIT);
    assertThat(small.mayServe(PAYER)).isFalse();

    small.served(OTHER, 1);

    assertThat(small.mayServe(PAYER)).isTrue();
  }

  @Test
  void service_counts_saturate_instead_of_wrapping() {
    credit.served(PAYER, Long.MAX_VALUE);
    credit.served(PAYER, Long.MAX_VALUE);

    assertThat(credit.mayServe(PAYER)).isFalse();
  }
}
