package io.campaignrelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeDelivyrTest {
  private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer dk");
  private SimulatedClock clock;
  private FakeDelivyr dv;
  private String template;

  @BeforeEach
  void start() {
    clock = SimulatedClock.create();
    dv =
        FakeDelivyr.builder()
            .clock(clock)
            .seed(5)
            .apiKey("dk")
            .readOnlyApiKey("ro")
            .testingMode(false)
            .start();
    template = dv.addTemplate("Promo", "Hi {{FIRST_NAME}}, 20% off: https://x.example/p");
  }

  @AfterEach
  void stop() {
    dv.close();
  }

  private Http.Reply post(String path, String json, Map<String, String> headers) {
    return Http.send("POST", dv.baseUrl() + path, json, headers);
  }

  @Test
  void bearerAuthAndScopes() {
    Http.Reply r = Http.get(dv.baseUrl() + "templates", Map.of("Authorization", "Bearer nope"));
    assertThat(r.code()).isEqualTo(401);
    assertThat(r.json().get("error").get("code").asText()).isEqualTo("unauthorized");
    assertThat(Http.get(dv.baseUrl() + "templates", Map.of("Authorization", "Bearer ro")).code())
        .isEqualTo(200);
    assertThat(
            post(
                    "messages",
                    "{\"to\":\"+447700900123\",\"body\":\"x\"}",
                    Map.of("Authorization", "Bearer ro"))
                .code())
        .isEqualTo(403);
  }

  @Test
  void templatesListWithFiltersAndPaging() {
    dv.addTemplate("Pending", "p", "pending", java.util.List.of("scheduled"), null);
    JsonNode page = Http.get(dv.baseUrl() + "templates?status=approved&limit=1", AUTH).json();
    assertThat(page.get("data")).hasSize(1);
    JsonNode t = page.get("data").get(0);
    assertThat(t.get("id").asText()).matches("[A-Z0-9]{8}");
    assertThat(t.get("channels").findValuesAsText("")).isEmpty();
    assertThat(page.get("nextCursor").isNull()).isTrue();
    assertThat(
            Http.get(dv.baseUrl() + "templates?limit=1", AUTH).json().get("nextCursor").isTextual())
        .isTrue();
    assertThat(Http.get(dv.baseUrl() + "templates?limit=1001", AUTH).code()).isEqualTo(400);
    assertThat(Http.get(dv.baseUrl() + "templates/NOPE1234", AUTH).code()).isEqualTo(404);
    assertThat(Http.get(dv.baseUrl() + "templates/" + template, AUTH).json().get("name").asText())
        .isEqualTo("Promo");
  }

  @Test
  void sendRendersTemplatesAndValidates() {
    Http.Reply r =
        post(
            "messages",
            "{\"to\":\"+447700900123\",\"customerId\":\"C1\",\"templateId\":\""
                + template
                + "\",\"variables\":{\"FIRST_NAME\":\"Ann\"},\"campaign\":{\"optimoveCampaignId\":5,\"channelId\":452,\"optimoveTemplateId\":11}}",
            AUTH);
    assertThat(r.code()).isEqualTo(201);
    assertThat(r.json().get("status").asText()).isEqualTo("queued");
    assertThat(r.json().get("encoding").asText()).isEqualTo("GSM-7");
    assertThat(r.json().get("rejection").isNull()).isTrue();
    SentMessage m = dv.sentMessages().to("+447700900123").single();
    assertThat(m.text()).isEqualTo("Hi Ann, 20% off: https://x.example/p");
    assertThat(m.campaignRef()).isEqualTo("5");
    Http.Reply missing =
        post("messages", "{\"to\":\"+447700900123\",\"templateId\":\"" + template + "\"}", AUTH);
    assertThat(missing.code()).isEqualTo(400);
    assertThat(missing.json().get("error").get("code").asText()).isEqualTo("missing_variable");
    Http.Reply bad = post("messages", "{\"to\":\"call me\",\"body\":\"x\"}", AUTH);
    assertThat(bad.json().get("error").get("field").asText()).isEqualTo("to");
    assertThat(post("messages", "{\"to\":\"+447700900123\"}", AUTH).code()).isEqualTo(400);
    JsonNode rejected = post("messages", "{\"to\":\"+441234\",\"body\":\"x\"}", AUTH).json();
    assertThat(rejected.get("status").asText()).isEqualTo("rejected");
    assertThat(rejected.get("rejection").get("reason").asText()).isEqualTo("invalid_phone_format");
    JsonNode landline = post("messages", "{\"to\":\"+442071234567\",\"body\":\"x\"}", AUTH).json();
    assertThat(landline.get("rejection").get("reason").asText()).isEqualTo("cannot_receive_sms");
    assertThat(dv.sentMessages().count()).isEqualTo(1);
  }

  @Test
  void idempotencyKeyReplaysTheFirstResultAndSendsNothingNew() {
    Map<String, String> h = Map.of("Authorization", "Bearer dk", "Idempotency-Key", "camp-5-C1");
    Http.Reply first = post("messages", "{\"to\":\"+447700900123\",\"body\":\"hello\"}", h);
    Http.Reply again = post("messages", "{\"to\":\"+447700900123\",\"body\":\"hello\"}", h);
    assertThat(again.code()).isEqualTo(first.code());
    assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
    assertThat(again.headers().get("Idempotent-Replayed")).isEqualTo("true");
    dv.sentMessages().to("+447700900123").assertCount(1);
    clock.advance(Duration.ofHours(25));
    post("messages", "{\"to\":\"+447700900123\",\"body\":\"hello\"}", h);
    dv.sentMessages().to("+447700900123").assertCount(2);
    assertThat(
            post(
                    "messages",
                    "{\"to\":\"+447700900123\",\"body\":\"x\"}",
                    Map.of("Authorization", "Bearer dk", "Idempotency-Key", "k".repeat(256)))
                .code())
        .isEqualTo(400);
  }

  @Test
  void disconnectAfterRequestThenRetryWithTheSameKeyDoesNotDoubleSend() {
    dv.faults(
        FaultScript.builder().failCall("POST messages", 1, Fault.disconnectAfterRequest()).build());
    Map<String, String> h = Map.of("Authorization", "Bearer dk", "Idempotency-Key", "k1");
    try {
      post("messages", "{\"to\":\"+447700900123\",\"body\":\"hello\"}", h);
    } catch (java.io.UncheckedIOException expected) {
      // outcome unknown for the client
    }
    assertThat(post("messages", "{\"to\":\"+447700900123\",\"body\":\"hello\"}", h).code())
        .isEqualTo(201);
    dv.sentMessages().assertCount(1);
    assertThat(dv.injectedFaults()).hasSize(1);
  }

  @Test
  void batchOfUpToOneThousandWithPerMessageResults() {
    JsonNode r =
        post(
                "messages/batch",
                "{\"messages\":[{\"clientReference\":\"a\",\"to\":\"+447700900001\",\"body\":\"x\"},{\"clientReference\":\"b\",\"to\":\"+447700900002\",\"body\":\"y\"}]}",
                AUTH)
            .json();
    assertThat(r.get("results").findValuesAsText("clientReference")).containsExactly("a", "b");
    StringBuilder many = new StringBuilder("{\"messages\":[");
    for (int i = 0; i < 1001; i++) {
      many.append(i == 0 ? "" : ",")
          .append("{\"clientReference\":\"r")
          .append(i)
          .append("\",\"to\":\"+447700900001\",\"body\":\"x\"}");
    }
    Http.Reply tooMany = post("messages/batch", many + "]}", AUTH);
    assertThat(tooMany.code()).isEqualTo(400);
    assertThat(tooMany.json().get("error").get("code").asText()).isEqualTo("too_many_messages");
    Http.Reply noRef =
        post("messages/batch", "{\"messages\":[{\"to\":\"+447700900001\",\"body\":\"x\"}]}", AUTH);
    assertThat(noRef.json().get("error").get("field").asText())
        .isEqualTo("messages[0].clientReference");
    assertThat(dv.sentMessages().count()).isEqualTo(2);
  }

  private static String batchOf(String... refAndPhone) {
    StringBuilder sb = new StringBuilder("{\"messages\":[");
    for (int i = 0; i < refAndPhone.length; i++) {
      String phone = "+44770090000" + refAndPhone[i].substring(1);
      sb.append(i == 0 ? "" : ",")
          .append("{\"to\":\"")
          .append(phone)
          .append("\",\"body\":\"hi\",\"clientReference\":\"ref-")
          .append(refAndPhone[i])
          .append("\",\"idempotencyKey\":\"key-")
          .append(refAndPhone[i])
          .append("\"}");
    }
    return sb.append("]}").toString();
  }

  private static Map<String, JsonNode> rowsByReference(Http.Reply reply) {
    Map<String, JsonNode> rows = new java.util.HashMap<>();
    reply.json().get("results").forEach(r -> rows.put(r.get("clientReference").asText(), r));
    return rows;
  }

  @Test
  void batchMessagesAreDedupedPerMessageKeyWhateverBatchTheyArriveIn() {
    Http.Reply first = post("messages/batch", batchOf("m1", "m2", "m3", "m4"), AUTH);
    assertThat(first.code()).isEqualTo(200);
    Map<String, JsonNode> firstRows = rowsByReference(first);
    assertThat(firstRows.values()).allMatch(r -> !r.get("replayed").asBoolean());

    // regrouped, reordered, with two new messages: only the new ones are sent
    Http.Reply a = post("messages/batch", batchOf("m3", "m5", "m1"), AUTH);
    Http.Reply b = post("messages/batch", batchOf("m6", "m4", "m2"), AUTH);

    Map<String, JsonNode> rows = rowsByReference(a);
    rows.putAll(rowsByReference(b));
    for (String old : List.of("m1", "m2", "m3", "m4")) {
      JsonNode row = rows.get("ref-" + old);
      assertThat(row.get("replayed").asBoolean()).as(old).isTrue();
      assertThat(row.get("id").asText()).isEqualTo(firstRows.get("ref-" + old).get("id").asText());
      assertThat(row.get("status").asText()).isEqualTo("queued");
    }
    assertThat(rows.get("ref-m5").get("replayed").asBoolean()).isFalse();
    assertThat(rows.get("ref-m6").get("replayed").asBoolean()).isFalse();
    assertThat(dv.sentMessages().countsByRecipient())
        .hasSize(6)
        .allSatisfy((p, n) -> assertThat(n).isEqualTo(1));
    assertThat(dv.loggedMessages().count()).isEqualTo(6);
  }

  @Test
  void aMessageKeySeenAloneIsNotSentAgainInABatchAndTheReverse() {
    Http.Reply alone =
        post(
            "messages",
            "{\"to\":\"+447700900001\",\"body\":\"hi\",\"idempotencyKey\":\"key-m1\"}",
            AUTH);
    assertThat(alone.code()).isEqualTo(201);
    assertThat(alone.json().get("replayed").asBoolean()).isFalse();
    Http.Reply batch = post("messages/batch", batchOf("m2", "m1"), AUTH);
    assertThat(rowsByReference(batch).get("ref-m1").get("id").asText())
        .isEqualTo(alone.json().get("id").asText());
    assertThat(rowsByReference(batch).get("ref-m1").get("replayed").asBoolean()).isTrue();
    Http.Reply aloneAgain =
        post(
            "messages",
            "{\"to\":\"+447700900002\",\"body\":\"hi\",\"idempotencyKey\":\"key-m2\"}",
            AUTH);
    assertThat(aloneAgain.code()).isEqualTo(201);
    assertThat(aloneAgain.json().get("replayed").asBoolean()).isTrue();
    assertThat(aloneAgain.json().get("id").asText())
        .isEqualTo(rowsByReference(batch).get("ref-m2").get("id").asText());
    dv.sentMessages().assertCount(2);
    // a key longer than 255 characters is refused
    Http.Reply tooLong =
        post(
            "messages",
            "{\"to\":\"+447700900003\",\"body\":\"hi\",\"idempotencyKey\":\""
                + "k".repeat(256)
                + "\"}",
            AUTH);
    assertThat(tooLong.code()).isEqualTo(400);
    assertThat(tooLong.json().get("error").get("field").asText()).isEqualTo("idempotencyKey");
    dv.sentMessages().assertCount(2);
  }

  @Test
  void aRepeatedMessageKeyIsAnsweredWithTheFirstResultEvenWhenRejected() {
    dv.addOptOut("+447700900001");
    Http.Reply first = post("messages/batch", batchOf("m1"), AUTH);
    // opted in again: a repeat is still answered with the first result, nothing is re-evaluated
    assertThat(Http.send("DELETE", dv.baseUrl() + "opt-outs/%2B447700900001", null, AUTH).code())
        .isEqualTo(204);
    Http.Reply again = post("messages/batch", batchOf("m1"), AUTH);
    JsonNode row = rowsByReference(again).get("ref-m1");
    assertThat(row.get("status").asText()).isEqualTo("rejected");
    assertThat(row.get("rejection").get("reason").asText()).isEqualTo("opted_out");
    assertThat(row.get("replayed").asBoolean()).isTrue();
    assertThat(row.get("id").asText())
        .isEqualTo(rowsByReference(first).get("ref-m1").get("id").asText());
    assertThat(dv.loggedMessages().count()).isEqualTo(1);
  }

  @Test
  void perMessageKeysAreForgottenAfterTwentyFourHoursOfSimulatedTime() {
    post("messages/batch", batchOf("m1", "m2"), AUTH);
    clock.advance(Duration.ofHours(23));
    post("messages/batch", batchOf("m2", "m1"), AUTH);
    dv.sentMessages().assertCount(2);
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    Http.Reply late = post("messages/batch", batchOf("m2", "m1"), AUTH);
    assertThat(rowsByReference(late).values()).allMatch(r -> !r.get("replayed").asBoolean());
    dv.sentMessages().assertCount(4);
  }

  @Test
  void aRepeatedBatchHeaderKeyIsAnsweredWholeAndSendsNothing() {
    Map<String, String> h = Map.of("Authorization", "Bearer dk", "Idempotency-Key", "batch-1");
    Http.Reply first = post("messages/batch", batchOf("m1", "m2"), h);
    Http.Reply again = post("messages/batch", batchOf("m1", "m2"), h);
    assertThat(again.code()).isEqualTo(first.code());
    assertThat(again.headers().get("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.json().get("results")).hasSize(2);
    for (JsonNode row : again.json().get("results")) {
      assertThat(row.get("replayed").asBoolean()).isTrue();
      assertThat(row.get("id").asText())
          .isEqualTo(
              rowsByReference(first).get(row.get("clientReference").asText()).get("id").asText());
    }
    dv.sentMessages().assertCount(2);
  }

  @Test
  void theMessageLogFiltersByCampaignAndIdempotencyKeyAndShowsBoth() {
    dv.addOptOut("+447700900003");
    post(
        "messages/batch",
        "{\"messages\":["
            + "{\"to\":\"+447700900001\",\"body\":\"a\",\"clientReference\":\"r1\","
            + "\"idempotencyKey\":\"k1\",\"campaign\":{\"optimoveCampaignId\":\"5\"}},"
            + "{\"to\":\"+447700900002\",\"body\":\"b\",\"clientReference\":\"r2\","
            + "\"idempotencyKey\":\"k2\",\"campaign\":{\"optimoveCampaignId\":\"6\"}},"
            + "{\"to\":\"+447700900003\",\"body\":\"c\",\"clientReference\":\"r3\","
            + "\"idempotencyKey\":\"k3\",\"campaign\":{\"optimoveCampaignId\":\"5\"}}]}",
        AUTH);
    JsonNode k1 = Http.get(dv.baseUrl() + "messages?campaignId=5&idempotencyKey=k1", AUTH).json();
    assertThat(k1.get("data")).hasSize(1);
    assertThat(k1.get("data").get(0).get("idempotencyKey").asText()).isEqualTo("k1");
    assertThat(k1.get("data").get(0).get("to").asText()).isEqualTo("+447700900001");
    assertThat(k1.get("data").get(0).get("rejection").isNull()).isTrue();
    // the key exists, but in another campaign
    assertThat(
            Http.get(dv.baseUrl() + "messages?campaignId=5&idempotencyKey=k2", AUTH)
                .json()
                .get("data"))
        .isEmpty();
    JsonNode k3 = Http.get(dv.baseUrl() + "messages?idempotencyKey=k3", AUTH).json();
    assertThat(k3.get("data").get(0).get("status").asText()).isEqualTo("rejected");
    assertThat(k3.get("data").get(0).get("rejection").get("reason").asText())
        .isEqualTo("opted_out");
    assertThat(Http.get(dv.baseUrl() + "messages?idempotencyKey=none", AUTH).json().get("data"))
        .isEmpty();
    assertThat(Http.get(dv.baseUrl() + "messages?campaignId=5", AUTH).json().get("data"))
        .hasSize(2);
  }

  @Test
  void testingModeLogsButNeverSends() {
    dv.testingMode(true);
    JsonNode r = post("messages", "{\"to\":\"+447700900123\",\"body\":\"hello\"}", AUTH).json();
    assertThat(r.get("status").asText()).isEqualTo("logged");
    assertThat(r.get("testMode").asBoolean()).isTrue();
    assertThat(dv.sentMessages().isEmpty()).isTrue();
    assertThat(dv.loggedMessages().count()).isEqualTo(1);
    clock.advanceDays(2);
    JsonNode log = Http.get(dv.baseUrl() + "messages", AUTH).json();
    assertThat(log.get("data").get(0).get("status").asText()).isEqualTo("logged");
    assertThat(FakeDelivyr.start().testingMode()).isTrue();
  }

  @Test
  void messageLogEvolvesAndReportsEvents() {
    dv.forceOutcome("+447700900002", "undelivered");
    post(
        "messages",
        "{\"to\":\"+447700900001\",\"body\":\"a\",\"campaign\":{\"optimoveCampaignId\":5}}",
        AUTH);
    String id2 =
        post(
                "messages",
                "{\"to\":\"+447700900002\",\"body\":\"b\",\"campaign\":{\"optimoveCampaignId\":6}}",
                AUTH)
            .json()
            .get("id")
            .asText();
    assertThat(Http.get(dv.baseUrl() + "messages?campaignId=5", AUTH).json().get("data"))
        .hasSize(1);
    clock.advanceDays(3);
    assertThat(dv.statusOf(id2)).contains("undelivered");
    JsonNode events = Http.get(dv.baseUrl() + "messages/" + id2 + "/events", AUTH).json();
    assertThat(events.get(0).get("type").asText()).isEqualTo("undelivered");
    assertThat(
            Http.get(dv.baseUrl() + "messages?status=delivered", AUTH)
                .json()
                .get("data")
                .get(0)
                .get("to")
                .asText())
        .isEqualTo("+447700900001");
    assertThat(Http.get(dv.baseUrl() + "messages/nope/events", AUTH).code()).isEqualTo(404);
  }

  @Test
  void optOutsRejectLaterSends() {
    assertThat(post("opt-outs", "{\"phone\":\"+447700900123\",\"keyword\":\"STOP\"}", AUTH).code())
        .isEqualTo(201);
    JsonNode r = post("messages", "{\"to\":\"+447700900123\",\"body\":\"x\"}", AUTH).json();
    assertThat(r.get("rejection").get("reason").asText()).isEqualTo("opted_out");
    assertThat(
            Http.get(dv.baseUrl() + "opt-outs", AUTH)
                .json()
                .get("data")
                .get(0)
                .get("phone")
                .asText())
        .isEqualTo("+447700900123");
    assertThat(Http.send("DELETE", dv.baseUrl() + "opt-outs/%2B447700900123", null, AUTH).code())
        .isEqualTo(204);
    assertThat(Http.send("DELETE", dv.baseUrl() + "opt-outs/%2B447700900123", null, AUTH).code())
        .isEqualTo(404);
  }

  @Test
  void integrationSettingsValidateTheGuideRules() {
    JsonNode s = Http.get(dv.baseUrl() + "integrations/optimove", AUTH).json();
    assertThat(s.get("installed").asBoolean()).isFalse();
    Http.Reply noSlash =
        Http.send(
            "PUT",
            dv.baseUrl() + "integrations/optimove",
            "{\"apiEndpoint\":\"https://api5.optimove.net\"}",
            AUTH);
    assertThat(noSlash.json().get("error").get("field").asText()).isEqualTo("apiEndpoint");
    Http.Reply phoneNotFirst =
        Http.send(
            "PUT",
            dv.baseUrl() + "integrations/optimove",
            "{\"customerAttributes\":[\"FIRST_NAME\",\"MOBILE_NUMBER\"]}",
            AUTH);
    assertThat(phoneNotFirst.json().get("error").get("code").asText())
        .isEqualTo("phone_attribute_not_first");
    Http.Reply halfTenant =
        Http.send("PUT", dv.baseUrl() + "integrations/optimove", "{\"tenantId\":777}", AUTH);
    assertThat(halfTenant.code()).isEqualTo(400);
    Http.Reply ok =
        Http.send(
            "PUT",
            dv.baseUrl() + "integrations/optimove",
            "{\"apiEndpoint\":\"https://api5.optimove.net/\",\"apiKey\":\"secret-key\",\"customerAttributes\":[\"MOBILE_NUMBER\",\"FIRST_NAME\"],\"tenantId\":777,\"tenantToken\":\"tt\",\"defaultUrl\":\"https://x.example\"}",
            AUTH);
    assertThat(ok.code()).isEqualTo(200);
    assertThat(ok.body()).doesNotContain("secret-key").doesNotContain("\"tt\"");
    assertThat(ok.json().get("apiKeySet").asBoolean()).isTrue();
    assertThat(ok.json().get("testingMode").asBoolean()).isFalse();
    JsonNode attrs =
        post("integrations/optimove/find-attributes", "{\"sampleCustomerId\":\"C000000001\"}", AUTH)
            .json();
    assertThat(attrs.get("attributes").get(0).get("name").asText()).isEqualTo("MOBILE_NUMBER");
    Http.Reply msisdnFirst =
        Http.send(
            "PUT",
            dv.baseUrl() + "integrations/optimove",
            "{\"customerAttributes\":[\"MSISDN\",\"FIRST_NAME\"],\"tenantId\":\"acme-eu\","
                + "\"tenantToken\":\"tt\"}",
            AUTH);
    assertThat(msisdnFirst.code()).isEqualTo(200);
    assertThat(msisdnFirst.json().get("tenantId").asText()).isEqualTo("acme-eu");
    assertThat(Http.send("DELETE", dv.baseUrl() + "integrations/optimove", null, AUTH).code())
        .isEqualTo(204);
    assertThat(dv.integrationSettings().get("testingMode").asBoolean()).isTrue();
  }

  @Test
  void webhooksAreSignedAndDeliveredAsTheClockMoves() throws Exception {
    try (MockWebServer receiver = new MockWebServer()) {
      receiver.start();
      for (int i = 0; i < 10; i++) {
        receiver.enqueue(new MockResponse.Builder().code(200).build());
      }
      dv.deliverWebhooksTo(receiver.url("/hooks").toString(), "whsec");
      dv.forceOutcome("+447700900123", "delivered");
      post("messages", "{\"to\":\"+447700900123\",\"customerId\":\"C1\",\"body\":\"hi\"}", AUTH);
      assertThat(dv.webhookCalls()).isEmpty();
      clock.advanceDays(1);
      assertThat(dv.webhookCalls()).hasSize(1);
      RecordedRequest got = receiver.takeRequest();
      String body = got.getBody().utf8();
      String sig = got.getHeaders().get("Delivyr-Signature");
      String t = sig.substring(2, sig.indexOf(','));
      String v1 = sig.substring(sig.indexOf("v1=") + 3);
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              "whsec".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      assertThat(v1)
          .isEqualTo(
              java.util.HexFormat.of()
                  .formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8))));
      assertThat(Long.parseLong(t)).isEqualTo(clock.instant().getEpochSecond());
      JsonNode event = Http.MAPPER.readTree(body);
      assertThat(event.get("type").asText()).isEqualTo("message.delivered");
      assertThat(event.get("data").get("customerId").asText()).isEqualTo("C1");
      dv.simulateStopReply("+447700900123");
      assertThat(dv.deliverDueWebhooks()).isEqualTo(1);
      assertThat(Http.MAPPER.readTree(receiver.takeRequest().getBody().utf8()).get("type").asText())
          .isEqualTo("contact.opted_out");
    }
  }
}
