package io.campaignrelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeTextLocalTest {
  private SimulatedClock clock;
  private FakeTextLocal tl;

  @BeforeEach
  void start() {
    clock = SimulatedClock.create();
    tl = FakeTextLocal.builder().clock(clock).seed(7).apiKey("k-123").balance(1000).start();
  }

  @AfterEach
  void stop() {
    tl.close();
  }

  private JsonNode call(String command, String... kv) {
    Map<String, String> p = new HashMap<>();
    p.put("apikey", "k-123");
    for (int i = 0; i < kv.length; i += 2) {
      p.put(kv[i], kv[i + 1]);
    }
    Http.Reply r = Http.form(tl.baseUrl() + command + "/", p);
    assertThat(r.code()).isEqualTo(200);
    return r.json();
  }

  private static int errorCode(JsonNode n) {
    assertThat(n.get("status").asText()).isEqualTo("failure");
    return n.get("errors").get(0).get("code").asInt();
  }

  @Test
  void sendMatchesTheDocumentedShapeAndChargesCredits() {
    JsonNode r =
        call(
            "send",
            "numbers",
            "447123456789,447987654321",
            "message",
            "This is your message",
            "sender",
            "Jims Autos");
    assertThat(r.get("status").asText()).isEqualTo("success");
    assertThat(r.get("test_mode").asBoolean()).isFalse();
    assertThat(r.get("num_messages").asInt()).isEqualTo(2);
    assertThat(r.get("cost").asInt()).isEqualTo(2);
    assertThat(r.get("balance").asLong()).isEqualTo(998);
    assertThat(r.get("message").get("sender").asText()).isEqualTo("Jims Autos");
    assertThat(r.get("messages").get(0).get("id").isTextual()).isTrue();
    assertThat(r.get("messages").get(1).get("recipient").asLong()).isEqualTo(447987654321L);
    assertThat(tl.balance()).isEqualTo(998);
    tl.sentMessages().to("+447123456789").assertCount(1);
    assertThat(tl.sentMessages().to("447987654321").single().text())
        .isEqualTo("This is your message");
  }

  @Test
  void wrongCredentialsGiveCode3AndUnknownCommandCode2() {
    Http.Reply r =
        Http.form(
            tl.baseUrl() + "send/",
            Map.of("apikey", "nope", "numbers", "447123456789", "message", "x"));
    assertThat(errorCode(r.json())).isEqualTo(3);
    assertThat(r.json().get("errors").get(0).get("message").asText())
        .isEqualTo("Invalid login details.");
    assertThat(errorCode(call("frobnicate"))).isEqualTo(2);
    assertThat(tl.sentMessages().isEmpty()).isTrue();
  }

  @Test
  void sendValidationCodes() {
    assertThat(errorCode(call("send", "message", "hi"))).isEqualTo(4);
    assertThat(errorCode(call("send", "numbers", "447123456789"))).isEqualTo(5);
    assertThat(errorCode(call("send", "numbers", "447123456789", "message", "x".repeat(766))))
        .isEqualTo(6);
    assertThat(errorCode(call("send", "numbers", "447123456789", "message", "hi", "sender", "AB")))
        .isEqualTo(43);
    assertThat(
            errorCode(
                call(
                    "send",
                    "numbers",
                    "447123456789",
                    "message",
                    "hi",
                    "schedule_time",
                    "tomorrow")))
        .isEqualTo(8);
    long past = clock.instant().minusSeconds(60).getEpochSecond();
    assertThat(
            errorCode(
                call(
                    "send",
                    "numbers",
                    "447123456789",
                    "message",
                    "hi",
                    "schedule_time",
                    Long.toString(past))))
        .isEqualTo(9);
    assertThat(errorCode(call("send", "group_id", "999", "message", "hi"))).isEqualTo(10);
    long empty = tl.addGroup("Empty");
    assertThat(errorCode(call("send", "group_id", Long.toString(empty), "message", "hi")))
        .isEqualTo(11);
    assertThat(errorCode(call("send", "numbers", "+447123456789", "message", "hi"))).isEqualTo(32);
    assertThat(errorCode(call("send", "numbers", "0712,abc", "message", "hi"))).isEqualTo(51);
    assertThat(errorCode(call("send", "numbers", "447123456789", "group_id", "5", "message", "hi")))
        .isEqualTo(34);
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 10_001; i++) {
      many.append(i == 0 ? "" : ",").append(447700000000L + i);
    }
    assertThat(errorCode(call("send", "numbers", many.toString(), "message", "hi"))).isEqualTo(33);
    tl.balance(1);
    assertThat(errorCode(call("send", "numbers", "447123456789,447123456788", "message", "hi")))
        .isEqualTo(7);
    assertThat(tl.sentMessages().count()).isZero();
  }

  @Test
  void mixedListWarnsPerInvalidNumberAndSendsTheRest() {
    JsonNode r = call("send", "numbers", "447123456789,12ab", "message", "hi");
    assertThat(r.get("status").asText()).isEqualTo("success");
    assertThat(r.get("num_messages").asInt()).isEqualTo(1);
    assertThat(r.get("warnings").get(0).get("code").asInt()).isEqualTo(3);
  }

  @Test
  void testModeValidatesButNeitherChargesNorPersists() {
    JsonNode r = call("send", "numbers", "447123456789", "message", "hi", "test", "true");
    assertThat(r.get("test_mode").asBoolean()).isTrue();
    assertThat(tl.balance()).isEqualTo(1000);
    assertThat(tl.sentMessages().isEmpty()).isTrue();
    assertThat(tl.testModeMessages().count()).isEqualTo(1);
    String id = r.get("messages").get(0).get("id").asText();
    assertThat(errorCode(call("status_message", "message_id", id)))
        .isEqualTo(FakeTextLocal.UNKNOWN_ID_ERROR_CODE);
    assertThat(errorCode(call("send", "numbers", "+44", "message", "hi", "test", "true")))
        .isEqualTo(32);
  }

  @Test
  void statusesEvolveOverSimulatedDays() {
    StringBuilder numbers = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      numbers.append(i == 0 ? "" : ",").append(447700900000L + i);
    }
    JsonNode r = call("send", "numbers", numbers.toString(), "message", "hi");
    long batch = r.get("batch_id").asLong();
    JsonNode day0 = call("status_batch", "batch_id", Long.toString(batch));
    assertThat(day0.get("num_messages").asInt()).isEqualTo(200);
    assertThat(day0.get("messages").findValuesAsText("status")).containsOnly("P");
    clock.advance(Duration.ofHours(7));
    JsonNode hours = call("status_batch", "batch_id", Long.toString(batch));
    assertThat(hours.get("num_delivered").asInt()).isBetween(150, 199);
    clock.advanceDays(7);
    JsonNode week = call("status_batch", "batch_id", Long.toString(batch));
    int sum = 0;
    for (String f :
        new String[] {
          "num_delivered", "num_undelivered", "num_expired", "num_unknown", "num_invalid"
        }) {
      sum += week.get(f).asInt();
    }
    assertThat(sum).isEqualTo(200);
    assertThat(week.get("messages").findValuesAsText("status")).doesNotContain("P");
    assertThat(week.get("num_delivered").asInt())
        .isGreaterThan(week.get("num_undelivered").asInt());
  }

  @Test
  void forcedStatusIsReportedByStatusMessage() {
    tl.forceStatus("447123456789", "U");
    String id =
        call("send", "numbers", "447123456789", "message", "hi")
            .get("messages")
            .get(0)
            .get("id")
            .asText();
    assertThat(call("status_message", "message_id", id).get("message").get("status").asText())
        .isEqualTo("P");
    tl.advanceDays(4);
    JsonNode m = call("status_message", "message_id", id).get("message");
    assertThat(m.get("status").asText()).isEqualTo("U");
    assertThat(m.get("type").asText()).isEqualTo("sms");
  }

  @Test
  void groupsContactsAndLimits() {
    JsonNode g = call("create_group", "name", "Optimove");
    long id = g.get("group").get("id").asLong();
    assertThat(errorCode(call("create_group", "name", "optimove"))).isEqualTo(14);
    assertThat(errorCode(call("create_group"))).isEqualTo(12);
    String contacts =
        "[{\"number\":447700900001,\"first_name\":\"Ann\",\"last_name\":\"Lee\",\"custom1\":\"C1\"},"
            + "{\"number\":\"447700900002\",\"first_name\":\"Bob\",\"custom1\":\"C2\"}]";
    JsonNode bulk =
        call("create_contacts_bulk", "group_id", Long.toString(id), "contacts", contacts);
    assertThat(bulk.get("num_contacts").asInt()).isEqualTo(2);
    assertThat(
            errorCode(
                call("create_contacts_bulk", "group_id", Long.toString(id), "contacts", "[{")))
        .isEqualTo(15);
    StringBuilder tooMany = new StringBuilder("[");
    for (int i = 0; i < 1501; i++) {
      tooMany
          .append(i == 0 ? "" : ",")
          .append("{\"number\":")
          .append(447700000000L + i)
          .append('}');
    }
    assertThat(
            errorCode(
                call(
                    "create_contacts_bulk",
                    "group_id",
                    Long.toString(id),
                    "contacts",
                    tooMany + "]")))
        .isEqualTo(33);
    JsonNode page =
        call("get_contacts", "group_id", Long.toString(id), "start", "1", "limit", "10");
    assertThat(page.get("num_contacts").asInt()).isEqualTo(2);
    assertThat(page.get("contacts").get(0).get("custom1").asText()).isEqualTo("C2");
    JsonNode groups = call("get_groups");
    assertThat(groups.get("groups").findValuesAsText("name"))
        .contains("Contacts", "Opt-outs", "Optimove");
    assertThat(
            errorCode(
                call("delete_contact", "group_id", Long.toString(id), "number", "447000000000")))
        .isEqualTo(61);
    assertThat(
            call("delete_contact", "group_id", Long.toString(id), "number", "447700900001")
                .get("status")
                .asText())
        .isEqualTo("success");
    assertThat(tl.groupSize(id)).isEqualTo(1);
    assertThat(errorCode(call("delete_group", "group_id", "5"))).isEqualTo(62);
  }

  @Test
  void syntheticContactsPageLazilyWithCustomerIds() {
    long id = tl.addGroup("Big");
    SyntheticCustomers gen = SyntheticCustomers.seeded(3);
    tl.addSyntheticContacts(id, gen, 1_000_000, 2);
    JsonNode page =
        call("get_contacts", "group_id", Long.toString(id), "start", "500000", "limit", "3");
    assertThat(page.get("num_contacts").asLong()).isEqualTo(1_000_000);
    JsonNode c = page.get("contacts").get(0);
    assertThat(c.get("custom2").asText()).isEqualTo("C000500001");
    assertThat("+" + c.get("number").asText()).isEqualTo(gen.customer(500_000).mobileNumber());
    assertThat(tl.contact(id, gen.customer(42).textLocalNumber()).orElseThrow().custom2())
        .isEqualTo("C000000043");
  }

  @Test
  void bulkJsonSendsPerRecipientTextAndReportsRejects() {
    String data =
        "{\"sender\":\"CampRelay\",\"messages\":[{\"number\":447700900001,\"text\":\"Hi%20Ann\"},"
            + "{\"number\":\"447700900002\",\"text\":\"Hi Bob\"},{\"number\":\"12\",\"text\":\"x\"}]}";
    JsonNode r = call("bulk_json", "data", data);
    assertThat(r.get("status").asText()).isEqualTo("success");
    assertThat(r.get("messages")).hasSize(2);
    assertThat(r.get("messages_not_sent").get(0).get("error").get("code").asInt()).isEqualTo(32);
    assertThat(tl.sentMessages().to("447700900001").single().text()).isEqualTo("Hi Ann");
    StringBuilder many = new StringBuilder("{\"messages\":[");
    for (int i = 0; i < 501; i++) {
      many.append(i == 0 ? "" : ",")
          .append("{\"number\":")
          .append(447700000000L + i)
          .append(",\"text\":\"x\"}");
    }
    assertThat(errorCode(call("bulk_json", "data", many + "]}"))).isEqualTo(33);
    assertThat(errorCode(call("bulk_json", "data", "{nope"))).isEqualTo(15);
  }

  @Test
  void scheduledSendsAreListedCancelledAndRefunded() {
    long at = clock.instant().plus(Duration.ofHours(5)).getEpochSecond();
    JsonNode r =
        call(
            "send",
            "numbers",
            "447123456789",
            "message",
            "later",
            "schedule_time",
            Long.toString(at));
    assertThat(tl.balance()).isEqualTo(999);
    JsonNode s = call("get_scheduled");
    assertThat(s.get("scheduled")).hasSize(1);
    JsonNode item = s.get("scheduled").get(0);
    assertThat(item.get("scheduledFor").asText())
        .matches("\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}");
    assertThat(item.get("howmany").asText()).isEqualTo("1");
    assertThat(call("cancel_scheduled", "sent_id", item.get("id").asText()).get("status").asText())
        .isEqualTo("success");
    assertThat(tl.balance()).isEqualTo(1000);
    assertThat(call("get_scheduled").get("scheduled")).isEmpty();
    assertThat(tl.sentMessages().isEmpty()).isTrue();
    assertThat(r.get("batch_id").asLong()).isPositive();
  }

  @Test
  void optoutsFlagDropsOptedOutNumbers() {
    tl.addOptOut("447123456789");
    JsonNode r =
        call("send", "numbers", "447123456789,447123456780", "message", "hi", "optouts", "true");
    assertThat(r.get("num_messages").asInt()).isEqualTo(1);
    tl.sentMessages().to("447123456789").assertCount(0);
    assertThat(call("get_optouts").get("num_optouts").asInt()).isEqualTo(1);
  }

  @Test
  void templatesBalanceAndSenderNames() {
    tl.addTemplate("OPT_Welcome", "Hi {first_name}");
    tl.addTemplate("XYZ_Other", "Other");
    JsonNode t = call("get_templates");
    assertThat(t.get("templates").findValuesAsText("title"))
        .containsExactly("OPT_Welcome", "XYZ_Other");
    assertThat(call("balance").get("balance").get("sms").asLong()).isEqualTo(1000);
    assertThat(call("get_sender_names").get("default_sender_name").asText()).isEqualTo("CampRelay");
  }

  @Test
  void faultsAreInjectedPerCommandAndReproducibleFromTheSeed() {
    tl.faults(
        FaultScript.builder()
            .failCall("balance", 1, Fault.rateLimited(Duration.ofSeconds(3)))
            .failCall("balance", 2, Fault.serverError(503))
            .failCall("balance", 3, Fault.malformedBody())
            .build());
    Map<String, String> auth = Map.of("apikey", "k-123");
    Http.Reply first = Http.form(tl.baseUrl() + "balance/", auth);
    assertThat(first.code()).isEqualTo(429);
    assertThat(first.headers().get("Retry-After")).isEqualTo("3");
    assertThat(Http.form(tl.baseUrl() + "balance/", auth).code()).isEqualTo(503);
    Http.Reply malformed = Http.form(tl.baseUrl() + "balance/", auth);
    assertThat(malformed.code()).isEqualTo(200);
    assertThatThrownBy(malformed::json).isInstanceOf(UncheckedIOException.class);
    assertThat(Http.form(tl.baseUrl() + "balance/", auth).json().get("status").asText())
        .isEqualTo("success");
    assertThat(tl.injectedFaults()).extracting(InjectedFault::call).containsExactly(1L, 2L, 3L);
  }

  @Test
  void disconnectAfterRequestStillSends() {
    tl.faults(FaultScript.builder().failCall("send", 1, Fault.disconnectAfterRequest()).build());
    Map<String, String> p = Map.of("apikey", "k-123", "numbers", "447123456789", "message", "hi");
    assertThatThrownBy(() -> Http.form(tl.baseUrl() + "send/", p))
        .isInstanceOf(UncheckedIOException.class);
    tl.sentMessages().to("447123456789").assertCount(1);
  }

  @Test
  void truncatedBodyFailsTheClientRead() {
    tl.faults(FaultScript.builder().failCall("get_groups", 1, Fault.truncatedBody()).build());
    Map<String, String> p = Map.of("apikey", "k-123");
    assertThatThrownBy(() -> Http.form(tl.baseUrl() + "get_groups/", p))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(Http.form(tl.baseUrl() + "get_groups/", p).json().get("num_groups").asInt())
        .isEqualTo(2);
  }
}
