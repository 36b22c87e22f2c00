package org.jmasq.node.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntPredicate;
import org.jmasq.accountant.Balance;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Wallet;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.accountant.Financials;
import org.jmasq.node.database.DatabaseException;
import org.jmasq.node.database.WrongPasswordException;
import org.junit.jupiter.api.Test;

/** The opcodes' handlers over stand-ins for the Node's parts, without a socket. */
class UiDispatcherTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Wallet ALICE = Wallet.parse("0x" + "a1".repeat(20));
  private static final Wallet BOB = Wallet.parse("0x" + "b2".repeat(20));
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);

  private final List<Integer> minHopsSet = new ArrayList<>();
  private final List<OptionalLong> startBlocksSet = new ArrayList<>();
  private final List<String> passwordsSet = new ArrayList<>();
  private boolean neighborhoodTakesInput = true;
  private int stops;

  private final UiNode.Status status =
      new UiNode.Status() {
        @Override
        public Optional<org.jmasq.identity.NodeDescriptor> descriptor() {
          return Optional.empty();
        }

        @Override
        public String neighborhoodGraph() {
          return "digraph neighborhood {\n}\n";
        }
      };

  private final UiNode.Passwords passwords =
      new UiNode.Passwords() {
        @Override
        public boolean hasPassword() {
          return true;
        }

        @Override
        public boolean matches(String password) {
          return password.equals("secret");
        }

        @Override
        public void change(Optional<String> oldPassword, String newPassword)
            throws DatabaseException {
          if (!oldPassword.equals(Optional.of("secret"))) {
            throw new WrongPasswordException("the old database password is not right");
          }
          passwordsSet.add(newPassword);
        }
      };

  private static final Financials BOOKS =
      new Financials(
          Wei.of(GWEI.multiply(BigInteger.valueOf(30)).add(BigInteger.valueOf(5))),
          Balance.of(GWEI.multiply(BigInteger.valueOf(-2))),
          List.of(
              new Financials.Row(
                  ALICE, Balance.of(GWEI.multiply(BigInteger.TEN)), 100, Optional.of("0xabc")),
              new Financials.Row(
                  BOB, Balance.of(GWEI.multiply(BigInteger.valueOf(20))), 50, Optional.empty())),
          List.of(
              new Financials.Row(
                  BOB, Balance.of(GWEI.multiply(BigInteger.valueOf(-2))), 7, Optional.empty())));

  private UiDispatcher networked() {
    IntPredicate hops =
        n -> {
          if (!neighborhoodTakesInput) {
            return false;
          }
          minHopsSet.add(n);
          return true;
        };
    UiNode.StartBlock start = startBlocksSet::add;
    return UiDispatcher.forNode(
        new UiNode(
            status,
            () -> stops++,
            Optional.of(passwords),
            Optional.of(hops),
            Optional.of(start),
            Optional.of(() -> BOOKS)),
        () -> ConnectionStage.CONNECTED_TO_NEIGHBOR);
  }

  private UiDispatcher zeroHop() {
    return UiDispatcher.forNode(
        new UiNode(
            status,
            () -> stops++,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()),
        () -> ConnectionStage.ROUTE_FOUND);
  }

  private static UiMessage request(String opcode, long contextId, String payload) throws Exception {
    return new UiMessage.Payload(
        opcode, OptionalLong.of(contextId), (ObjectNode) JSON.readTree(payload));
  }

  private static JsonNode payloadOf(UiDispatcher.Reply reply) {
    assertThat(reply.message()).isInstanceOf(UiMessage.Payload.class);
    return ((UiMessage.Payload) reply.message()).payload();
  }

  private static UiMessage.Failure failureOf(UiDispatcher.Reply reply) {
    assertThat(reply.message()).isInstanceOf(UiMessage.Failure.class);
    return (UiMessage.Failure) reply.message();
  }

  @Test
  void an_unknown_opcode_gets_an_error_on_its_own_context_id() throws Exception {
    UiMessage.Failure f = failureOf(networked().answer(request("frobnicate", 9, "{}")));
    assertThat(f.opcode()).isEqualTo("frobnicate");
    assertThat(f.contextId()).hasValue(9);
    assertThat(f.code()).isEqualTo(UiErrors.UNMARSHAL_ERROR);
    assertThat(f.message()).contains("unknown opcode");
  }

  @Test
  void the_daemons_opcodes_and_exit_location_where_it_does_not_apply_are_answered_with_why_not()
      throws Exception {
    assertThat(failureOf(networked().answer(request("setup", 1, "{}"))).message())
        .contains("Daemon");
    assertThat(failureOf(networked().answer(request("start", 2, "{}"))).message())
        .contains("Daemon");
    assertThat(failureOf(networked().answer(request("exitLocation", 3, "{}"))).message())
        .contains("does not apply");
  }

  @Test
  void an_error_sent_by_a_ui_is_refused() {
    UiMessage.Failure f =
        failureOf(
            networked().answer(new UiMessage.Failure("x", OptionalLong.of(4), 1, "from the UI")));
    assertThat(f.contextId()).hasValue(4);
  }

  @Test
  void connection_status_says_why_the_network_refuses_the_node_while_it_does() throws Exception {
    UiDispatcher refused =
        UiDispatcher.forNode(
            new UiNode(
                status,
                () -> stops++,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()),
            () -> ConnectionStage.NOT_CONNECTED,
            () -> Optional.of("another Node already holds this Node's public IP 100.128.0.3"));

    JsonNode p = payloadOf(refused.answer(request("connectionStatus", 1, "{}")));

    assertThat(p.get("stage").asText()).isEqualTo("NotConnected");
    assertThat(p.get("refusal").asText()).contains("already holds", "100.128.0.3");
    assertThat(payloadOf(networked().answer(request("connectionStatus", 2, "{}"))).has("refusal"))
        .isFalse();
  }

  @Test
  void connection_status_names_the_stage_as_the_reference_does() throws Exception {
    assertThat(
            payloadOf(networked().answer(request("connectionStatus", 1, "{}")))
                .get("stage")
                .asText())
        .isEqualTo("ConnectedToNeighbor");
  }

  @Test
  void a_node_without_a_public_address_has_a_null_descriptor() throws Exception {
    JsonNode p = payloadOf(networked().answer(request("descriptor", 1, "{}")));
    assertThat(p.has("nodeDescriptorOpt")).isTrue();
    assertThat(p.get("nodeDescriptorOpt").isNull()).isTrue();
  }

  @Test
  void shutdown_is_answered_then_stops_the_node_once() throws Exception {
    UiDispatcher d = networked();
    UiDispatcher.Reply first = d.answer(request("shutdown", 1, "{}"));
    assertThat(payloadOf(first).size()).isZero();
    assertThat(stops).isZero();
    first.afterSent().run();
    d.answer(request("shutdown", 2, "{}")).afterSent().run();
    assertThat(stops).isEqualTo(1);
  }

  @Test
  void check_password_matches_only_the_right_password() throws Exception {
    UiDispatcher d = networked();
    assertThat(
            payloadOf(d.answer(request("checkPassword", 1, "{\"dbPasswordOpt\":\"secret\"}")))
                .get("matches")
                .asBoolean())
        .isTrue();
    assertThat(
            payloadOf(d.answer(request("checkPassword", 2, "{\"dbPasswordOpt\":\"nope\"}")))
                .get("matches")
                .asBoolean())
        .isFalse();
    // A password is set, so "no password" does not match.
    assertThat(
            payloadOf(d.answer(request("checkPassword", 3, "{\"dbPasswordOpt\":null}")))
                .get("matches")
                .asBoolean())
        .isFalse();
    assertThat(failureOf(zeroHop().answer(request("checkPassword", 4, "{}"))).code())
        .isEqualTo(UiErrors.CONFIGURATOR_READ_ERROR);
  }

  @Test
  void min_hops_is_set_within_one_to_six_and_nothing_else_is() throws Exception {
    UiDispatcher d = networked();
    payloadOf(d.answer(request("setConfiguration", 1, "{\"name\":\"min-hops\",\"value\":\"4\"}")));
    assertThat(minHopsSet).containsExactly(4);
    assertThat(
            failureOf(
                    d.answer(
                        request("setConfiguration", 2, "{\"name\":\"min-hops\",\"value\":\"7\"}")))
                .code())
        .isEqualTo(UiErrors.NON_PARSABLE_VALUE);
    assertThat(
            failureOf(
                    d.answer(
                        request("setConfiguration", 3, "{\"name\":\"min-hops\",\"value\":\"x\"}")))
                .code())
        .isEqualTo(UiErrors.NON_PARSABLE_VALUE);
    assertThat(
            failureOf(
                    d.answer(
                        request("setConfiguration", 4, "{\"name\":\"colour\",\"value\":\"red\"}")))
                .code())
        .isEqualTo(UiErrors.UNRECOGNIZED_PARAMETER);
    assertThat(
            failureOf(
                    zeroHop()
                        .answer(
                            request(
                                "setConfiguration", 6, "{\"name\":\"min-hops\",\"value\":\"2\"}")))
                .code())
        .isEqualTo(UiErrors.CONFIGURATOR_WRITE_ERROR);
    assertThat(minHopsSet).containsExactly(4);
  }

  @Test
  void financials_stats_are_in_gwei_under_the_references_names() throws Exception {
    JsonNode p =
        payloadOf(networked().answer(request("financials", 1, "{\"statsRequired\":true}")));
    JsonNode stats = p.get("statsOpt");
    assertThat(stats.get("totalUnpaidAndPendingPayableGwei").asLong()).isEqualTo(30);
    assertThat(stats.get("totalUnpaidReceivableGwei").asLong()).isEqualTo(-2);
    assertThat(stats.has("totalPaidPayableGwei")).isTrue();
    assertThat(stats.has("totalPaidReceivableGwei")).isTrue();
    assertThat(p.get("queryResultsOpt").isNull()).isTrue();
  }

  @Test
  void financials_also_give_exact_wei_as_decimal_strings() throws Exception {
    UiDispatcher d = networked();
    JsonNode stats =
        payloadOf(d.answer(request("financials", 1, "{\"statsRequired\":true}"))).get("statsOpt");
    assertThat(stats.get("totalUnpaidAndPendingPayableWei").asText()).isEqualTo("30000000005");
    assertThat(stats.get("totalUnpaidReceivableWei").asText()).isEqualTo("-2000000000");
    JsonNode row =
        payloadOf(
                d.answer(
                    request(
                        "financials",
                        2,
                        "{\"statsRequired\":false,\"topRecordsOpt\":{\"count\":1,\"orderedBy\":\"Balance\"}}")))
            .get("queryResultsOpt")
            .get("payableOpt")
            .get(0);
    assertThat(row.get("balanceWei").asText()).isEqualTo("20000000000");
  }

  @Test
  void financials_top_records_are_ordered_by_balance_or_age() throws Exception {
    UiDispatcher d = networked();
    JsonNode byBalance =
        payloadOf(
                d.answer(
                    request(
                        "financials",
                        1,
                        "{\"statsRequired\":false,\"topRecordsOpt\":{\"count\":1,\"orderedBy\":\"Balance\"}}")))
            .get("queryResultsOpt");
    assertThat(byBalance.get("payableOpt")).hasSize(1);
    JsonNode row = byBalance.get("payableOpt").get(0);
    assertThat(row.get("wallet").asText()).isEqualTo(BOB.toString());
    assertThat(row.get("balanceGwei").asLong()).isEqualTo(20);
    assertThat(row.get("ageS").asLong()).isEqualTo(50);
    assertThat(row.has("pendingPayableHashOpt")).isTrue();
    assertThat(byBalance.get("receivableOpt").get(0).has("pendingPayableHashOpt")).isFalse();
    JsonNode byAge =
        payloadOf(
                d.answer(
                    request(
                        "financials",
                        2,
                        "{\"statsRequired\":false,\"topRecordsOpt\":{\"count\":5,\"orderedBy\":\"Age\"}}")))
            .get("queryResultsOpt");
    assertThat(byAge.get("payableOpt").get(0).get("wallet").asText()).isEqualTo(ALICE.toString());
    assertThat(byAge.get("payableOpt").get(0).get("pendingPayableHashOpt").asText())
        .isEqualTo("0xabc");
  }

  @Test
  void financials_custom_queries_keep_the_rows_in_range() throws Exception {
    JsonNode results =
        payloadOf(
                networked()
                    .answer(
                        request(
                            "financials",
                            1,
                            "{\"statsRequired\":false,\"customQueriesOpt\":{\"payableOpt\":"
                                + "{\"minAgeS\":0,\"maxAgeS\":60,\"minAmountGwei\":0,\"maxAmountGwei\":100}}}")))
            .get("queryResultsOpt");
    assertThat(results.get("payableOpt")).hasSize(1);
    assertThat(results.get("payableOpt").get(0).get("wallet").asText()).isEqualTo(BOB.toString());
    assertThat(results.get("receivableOpt").isNull()).isTrue();
  }

  @Test
  void financials_refuses_empty_and_contradictory_requests_with_the_accountants_codes()
      throws Exception {
    UiDispatcher d = networked();
    assertThat(failureOf(d.answer(request("financials", 1, "{\"statsRequired\":false}"))).code())
        .isEqualTo(UiErrors.REQUEST_WITH_NO_VALUES);
    assertThat(
            failureOf(
                    d.answer(
                        request(
                            "financials",
                            2,
                            "{\"statsRequired\":true,\"topRecordsOpt\":{\"count\":1,\"orderedBy\":\"Age\"},"
                                + "\"customQueriesOpt\":{}}")))
                .code())
        .isEqualTo(UiErrors.REQUEST_WITH_MUTUALLY_EXCLUSIVE_PARAMS);
    assertThat(
            failureOf(
                    d.answer(
                        request(
                            "financials",
                            3,
                            "{\"statsRequired\":false,\"topRecordsOpt\":{\"count\":0,\"orderedBy\":\"Age\"}}")))
                .code())
        .isEqualTo(UiErrors.VALUE_EXCEEDS_ALLOWED_LIMIT);
    assertThat(
            failureOf(zeroHop().answer(request("financials", 4, "{\"statsRequired\":true}")))
                .code())
        .isEqualTo(UiErrors.CONFIGURATOR_READ_ERROR);
  }

  @Test
  void a_books_read_that_fails_is_a_read_error() throws Exception {
    UiDispatcher d =
        UiDispatcher.forNode(
            new UiNode(
                status,
                () -> {},
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(
                    () -> {
                      throw new DatabaseException("disk gone");
                    })),
            () -> ConnectionStage.NOT_CONNECTED);
    UiMessage.Failure f = failureOf(d.answer(request("financials", 1, "{\"statsRequired\":true}")));
    assertThat(f.code()).isEqualTo(UiErrors.CONFIGURATOR_READ_ERROR);
    assertThat(f.message()).contains("disk gone");
  }

  @Test
  void min_hops_the_neighborhood_did_not_take_is_a_write_error_not_an_empty_answer()
      throws Exception {
    neighborhoodTakesInput = false;
    UiMessage.Failure f =
        failureOf(
            networked()
                .answer(request("setConfiguration", 1, "{\"name\":\"min-hops\",\"value\":\"3\"}")));
    assertThat(f.code()).isEqualTo(UiErrors.CONFIGURATOR_WRITE_ERROR);
    assertThat(f.message()).contains("busy");
    assertThat(minHopsSet).isEmpty();
  }

  @Test
  void start_block_is_set_to_a_block_number_or_to_the_latest_block() throws Exception {
    UiDispatcher d = networked();
    for (String value : List.of("12345", "none", "latest")) {
      payloadOf(
          d.answer(
              request(
                  "setConfiguration",
                  1,
                  "{\"name\":\"start-block\",\"value\":\"" + value + "\"}")));
    }
    assertThat(startBlocksSet)
        .containsExactly(OptionalLong.of(12345), OptionalLong.empty(), OptionalLong.empty());
    for (String bad : List.of("-1", "x", "99999999999999999999")) {
      assertThat(
              failureOf(
                      d.answer(
                          request(
                              "setConfiguration",
                              2,
                              "{\"name\":\"start-block\",\"value\":\"" + bad + "\"}")))
                  .code())
          .isEqualTo(UiErrors.NON_PARSABLE_VALUE);
    }
    assertThat(
            failureOf(
                    zeroHop()
                        .answer(
                            request(
                                "setConfiguration",
                                3,
                                "{\"name\":\"start-block\",\"value\":\"1\"}")))
                .code())
        .isEqualTo(UiErrors.CONFIGURATOR_WRITE_ERROR);
    assertThat(startBlocksSet).hasSize(3);
  }

  @Test
  void a_custom_query_bound_past_i64_max_exceeds_the_limit_and_past_u64_max_is_malformed()
      throws Exception {
    String tooBig = new BigInteger("9223372036854775808").toString();
    String u64Max = "18446744073709551615";
    for (String bound : List.of(tooBig, u64Max)) {
      UiMessage.Failure f =
          failureOf(
              networked()
                  .answer(
                      request(
                          "financials",
                          1,
                          "{\"statsRequired\":false,\"customQueriesOpt\":{\"payableOpt\":"
                              + "{\"minAgeS\":0,\"maxAgeS\":60,\"minAmountGwei\":0,\"maxAmountGwei\":"
                              + bound
                              + "}}}")));
      assertThat(f.code()).isEqualTo(UiErrors.VALUE_EXCEEDS_ALLOWED_LIMIT);
    }
    UiMessage.Failure over =
        failureOf(
            networked()
                .answer(
                    request(
                        "financials",
                        2,
                        "{\"statsRequired\":false,\"customQueriesOpt\":{\"payableOpt\":"
                            + "{\"minAgeS\":0,\"maxAgeS\":18446744073709551616,"
                            + "\"minAmountGwei\":0,\"maxAmountGwei\":1}}}")));
    assertThat(over.code()).isEqualTo(UiErrors.UNMARSHAL_ERROR);
  }

  @Test
  void change_password_answers_empty_and_tells_the_other_clients() throws Exception {
    UiDispatcher.Reply reply =
        networked()
            .answer(
                request(
                    "changePassword",
                    1,
                    "{\"oldPasswordOpt\":\"secret\",\"newPassword\":\"better\"}"));
    assertThat(fieldNames(payloadOf(reply))).isEmpty();
    assertThat(passwordsSet).containsExactly("better");
    assertThat(reply.toOthers())
        .hasValueSatisfying(
            m -> {
              assertThat(m.opcode()).isEqualTo("newPassword");
              assertThat(m.contextId()).isEmpty();
            });
  }

  @Test
  void change_password_with_a_wrong_old_password_is_a_bad_password_and_tells_nobody()
      throws Exception {
    UiDispatcher.Reply reply =
        networked()
            .answer(
                request(
                    "changePassword",
                    1,
                    "{\"oldPasswordOpt\":\"guess\",\"newPassword\":\"better\"}"));
    assertThat(failureOf(reply).code()).isEqualTo(UiErrors.BAD_PASSWORD_ERROR);
    assertThat(reply.toOthers()).isEmpty();
    assertThat(passwordsSet).isEmpty();
    assertThat(
            failureOf(zeroHop().answer(request("changePassword", 2, "{\"newPassword\":\"x\"}")))
                .code())
        .isEqualTo(UiErrors.CONFIGURATOR_WRITE_ERROR);
  }

  @Test
  void
      start_and_setup_are_refused_as_the_node_already_running_and_scan_without_scans_as_a_scan_error()
          throws Exception {
    assertThat(failureOf(networked().answer(request("start", 1, "{}"))).code())
        .isEqualTo(UiErrors.NODE_ALREADY_RUNNING_ERROR);
    assertThat(failureOf(networked().answer(request("setup", 2, "{\"values\":[]}"))).code())
        .isEqualTo(UiErrors.NODE_ALREADY_RUNNING_ERROR);
    assertThat(
            failureOf(networked().answer(request("scan", 3, "{\"scanType\":\"Payables\"}"))).code())
        .isEqualTo(UiErrors.SCAN_ERROR);
  }

  private static java.util.Set<String> fieldNames(JsonNode node) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void a_fallback_answers_every_opcode_without_a_handler_with_any_message() throws Exception {
    UiDispatcher daemon =
        new UiDispatcher(
            java.util.Map.of("start", p -> UiAnswer.ok(UiAnswer.object())),
            Optional.of(
                request ->
                    new UiMessage.Payload(
                        "redirect",
                        OptionalLong.empty(),
                        UiAnswer.object().put("opcode", request.opcode()))));

    UiMessage started =
        daemon
            .answer(new UiMessage.Payload("start", OptionalLong.of(1), UiAnswer.object()))
            .message();
    UiMessage redirected =
        daemon
            .answer(new UiMessage.Payload("setup", OptionalLong.of(2), UiAnswer.object()))
            .message();

    assertThat(started.opcode()).isEqualTo("start");
    assertThat(redirected.opcode()).isEqualTo("redirect");
    assertThat(((UiMessage.Payload) redirected).payload().path("opcode").asText())
        .isEqualTo("setup");
  }
}
