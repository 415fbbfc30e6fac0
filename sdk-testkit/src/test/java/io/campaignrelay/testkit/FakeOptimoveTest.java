package io.campaignrelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeOptimoveTest {
  private static final Map<String, String> KEY = Map.of("X-API-KEY", "opti-key");
  private SimulatedClock clock;
  private FakeOptimove opt;

  @BeforeEach
  void start() {
    clock = SimulatedClock.create();
    opt =
        FakeOptimove.builder()
            .clock(clock)
            .seed(42)
            .apiKey("opti-key")
            .tenantId(777)
            .tenantToken("tenant-token")
            .start();
    opt.addCustomers(25_000, SyntheticCustomers.seeded(42));
  }

  @AfterEach
  void stop() {
    opt.close();
  }

  private Http.Reply post(String path, String json) {
    return Http.send("POST", opt.baseUrl() + path, json, KEY);
  }

  private Http.Reply get(String pathAndQuery) {
    return Http.get(opt.baseUrl() + pathAndQuery, KEY);
  }

  @Test
  void wrongKeyIsUnauthorizedWithAQuotedStringBody() {
    Http.Reply r =
        Http.get(
            opt.baseUrl() + "current/integrations/GetChannelTemplates?ChannelID=452",
            Map.of("X-API-KEY", "bad"));
    assertThat(r.code()).isEqualTo(401);
    assertThat(r.body()).isEqualTo("\"Unauthorized\"");
    assertThat(
            Http.get(
                    opt.baseUrl() + "current/integrations/GetChannelTemplates?ChannelID=452",
                    Map.of())
                .code())
        .isEqualTo(401);
  }

  @Test
  void templatesSyncWithBothPathStylesAndTheHundredRowLimit() {
    assertThat(
            post(
                    "current/integrations/AddChannelTemplates?ChannelID=452",
                    "[{\"TemplateID\":2698724035423,\"TemplateName\":\"YFRYM0RJ - Welcome\"}]")
                .code())
        .isEqualTo(200);
    JsonNode list = get("Integrations/GetChannelTemplates?ChannelID=452").json();
    assertThat(list.get(0).get("TemplateID").asLong()).isEqualTo(2698724035423L);
    assertThat(opt.channelTemplates(452))
        .containsExactly(new ChannelTemplate(452, 2698724035423L, "YFRYM0RJ - Welcome"));
    assertThat(
            post(
                    "current/integrations/AddChannelTemplates?ChannelID=452",
                    "[{\"TemplateID\":\"HDS7F3Y2\",\"TemplateName\":\"x\"}]")
                .code())
        .isEqualTo(400);
    StringBuilder rows = new StringBuilder("[");
    for (int i = 0; i < 101; i++) {
      rows.append(i == 0 ? "" : ",")
          .append("{\"TemplateID\":")
          .append(i)
          .append(",\"TemplateName\":\"t\"}");
    }
    Http.Reply tooMany = post("current/integrations/AddChannelTemplates?ChannelID=452", rows + "]");
    assertThat(tooMany.code()).isEqualTo(400);
    assertThat(tooMany.body()).contains("100");
    assertThat(
            post(
                    "current/integrations/DeleteChannelTemplates",
                    "[{\"ChannelID\":452,\"TemplateID\":2698724035423}]")
                .code())
        .isEqualTo(200);
    assertThat(opt.channelTemplates(452)).isEmpty();
    Http.Reply noJson =
        Http.call(
            new Request.Builder()
                .url(opt.baseUrl() + "current/integrations/AddChannelTemplates?ChannelID=452")
                .header("X-API-KEY", "opti-key")
                .post(RequestBody.create("[]", MediaType.get("text/plain")))
                .build());
    assertThat(noJson.code()).isEqualTo(415);
  }

  @Test
  void listenersRegisterAndReceiveCampaignNotifications() throws Exception {
    try (MockWebServer listener = new MockWebServer()) {
      listener.start();
      listener.enqueue(new MockResponse.Builder().code(200).build());
      String url = listener.url("/optimove/events").toString();
      assertThat(
              post(
                      "current/general/RegisterEventListener",
                      "{\"EventTypeID\":13,\"ListenerURL\":\"" + url + "\",\"ChannelID\":452}")
                  .code())
          .isEqualTo(200);
      assertThat(
              post(
                      "current/general/RegisterEventListener",
                      "{\"EventTypeID\":99,\"ListenerURL\":\"" + url + "\"}")
                  .code())
          .isEqualTo(400);
      assertThat(
              post(
                      "current/general/RegisterEventListener",
                      "{\"EventTypeID\":1,\"ListenerURL\":\"not a url\"}")
                  .code())
          .isEqualTo(400);
      assertThat(opt.registeredListeners()).containsExactly(new RegisteredListener(13, url, 452));
      assertThat(
              get("current/general/GetRegisteredEventListeners")
                  .json()
                  .get(0)
                  .get("ListenerURL")
                  .asText())
          .isEqualTo(url);
      ScheduledCampaign c =
          opt.addScheduledCampaign(452, 11L, LocalDateTime.of(2026, 1, 5, 10, 0), 100);
      List<ListenerCall> calls = opt.notifyCampaignProcessed(c.campaignId());
      assertThat(calls).hasSize(1);
      assertThat(calls.get(0).status()).isEqualTo(200);
      RecordedRequest got = listener.takeRequest();
      JsonNode body = Http.MAPPER.readTree(got.getBody().utf8());
      assertThat(body.get("EventTypeID").asInt()).isEqualTo(13);
      assertThat(body.get("CampaignID").asLong()).isEqualTo(c.campaignId());
      assertThat(body.get("ChannelID").asInt()).isEqualTo(452);
      assertThat(body.get("TimeStamp").asText()).isEqualTo("2026-01-05 09:00");
    }
  }

  @Test
  void targetPullsPageTenThousandRowsWithAttributesInRequestOrder() {
    ScheduledCampaign c =
        opt.addScheduledCampaign(
            452, List.of(11L, 12L), LocalDateTime.of(2026, 1, 5, 10, 0), 20_500, List.of("SUMMER"));
    String base =
        "current/customers/GetCustomerSendDetailsByChannel?ChannelID=452&CampaignID="
            + c.campaignId()
            + "&CustomerAttributes=MOBILE_NUMBER;FIRST_NAME";
    JsonNode p1 = get(base + "&$top=20000&$skip=0").json();
    assertThat(p1).hasSize(10_000);
    JsonNode p3 = get(base + "&$top=10000&$skip=20000").json();
    assertThat(p3).hasSize(500);
    JsonNode row = p1.get(1);
    FakeCustomer expected = c.targets().get(1);
    assertThat(row.get("CustomerID").asText()).isEqualTo(expected.customerId());
    assertThat(row.get("TemplateID").asLong()).isEqualTo(12L);
    assertThat(row.get("ScheduledTime").asText()).isEqualTo("2026-01-05 10:00:00");
    assertThat(row.get("CustomerAttributes").get(0).asText()).isEqualTo(expected.mobileNumber());
    assertThat(row.get("CustomerAttributes").get(1).asText()).isEqualTo(expected.firstName());
    assertThat(get(base.replace("CampaignID=", "CampaignID=9") + "&$top=1").code()).isEqualTo(400);
    assertThat(
            get("current/customers/GetCustomerSendDetailsByChannel?CampaignID=" + c.campaignId())
                .code())
        .isEqualTo(400);
    assertThat(get(base + ";SHOE_SIZE").code()).isEqualTo(400);
    JsonNode exec =
        get("current/customers/GetCustomerExecutionDetailsByCampaign?ChannelID=452&CampaignID="
                + c.campaignId()
                + "&$top=1")
            .json();
    assertThat(exec.get(0).get("PromoCode").asText()).isEqualTo("SUMMER");
    assertThat(exec.get(0).has("ScheduleTime")).isTrue();
    assertThat(
            get("Actions/GetExecutedCampaignsByChannel?ChannelID=452&Date=2026-01-05")
                .json()
                .get(0)
                .get("CampaignID")
                .asLong())
        .isEqualTo(c.campaignId());
  }

  @Test
  void legacyDelimitedAttributesAndKeyScope() {
    try (FakeOptimove legacy =
        FakeOptimove.builder()
            .clock(clock)
            .apiKey("k")
            .legacyDelimitedAttributes(true)
            .keyChannels(452)
            .keyAttributes("MOBILE_NUMBER", "FIRST_NAME")
            .start()) {
      legacy.addCustomers(10, SyntheticCustomers.seeded(1));
      ScheduledCampaign c =
          legacy.addScheduledCampaign(452, 1L, LocalDateTime.of(2026, 1, 5, 10, 0), 2);
      Map<String, String> k = Map.of("X-API-KEY", "k");
      String q =
          "current/customers/GetCustomerSendDetailsByChannel?ChannelID=452&CampaignID="
              + c.campaignId()
              + "&CustomerAttributesDelimiter=;&CustomerAttributes=MOBILE_NUMBER;FIRST_NAME";
      JsonNode rows = Http.get(legacy.baseUrl() + q, k).json();
      FakeCustomer first = c.targets().get(0);
      assertThat(rows.get(0).get("CustomerAttributes").asText())
          .isEqualTo(first.mobileNumber() + ";" + first.firstName());
      assertThat(Http.get(legacy.baseUrl() + q + ";EMAIL", k).code()).isEqualTo(403);
      assertThat(
              Http.get(
                      legacy.baseUrl() + "current/integrations/GetChannelTemplates?ChannelID=250",
                      k)
                  .code())
          .isEqualTo(403);
      JsonNode attrs =
          Http.get(legacy.baseUrl() + "Customers/" + first.customerId() + "/Attributes", k).json();
      assertThat(attrs.findValuesAsText("RealFieldName"))
          .containsExactly("MOBILE_NUMBER", "FIRST_NAME");
    }
  }

  @Test
  void rateLimitOfFiftyPerTenSecondsOnTheSimulatedClock() {
    for (int i = 0; i < 50; i++) {
      assertThat(get("current/integrations/GetChannelTemplates?ChannelID=452").code())
          .isEqualTo(200);
    }
    Http.Reply limited = get("current/integrations/GetChannelTemplates?ChannelID=452");
    assertThat(limited.code()).isEqualTo(429);
    assertThat(limited.json().get("error").asText()).isEqualTo("Too Many Requests");
    assertThat(limited.headers().get("Retry-After")).isEqualTo("10");
    clock.advance(Duration.ofSeconds(10));
    assertThat(get("current/integrations/GetChannelTemplates?ChannelID=452").code()).isEqualTo(200);
  }

  @Test
  void metricsAndInteractionsAreRecorded() {
    assertThat(
            post(
                    "current/integrations/UpdateCampaignMetrics",
                    "[{\"ChannelID\":452,\"CampaignID\":5,\"TemplateID\":11,\"MetricID\":1,\"MetricValue\":930}]")
                .code())
        .isEqualTo(200);
    assertThat(opt.receivedMetrics()).containsExactly(new CampaignMetric(452, 5, 11, 1, 930));
    assertThat(
            post(
                    "current/integrations/UpdateCampaignInteractions",
                    "{\"CampaignID\":5,\"ChannelID\":452,\"TemplateID\":11,\"EventID\":3,\"CustomerIDs\":[\"C000000001\"]}")
                .code())
        .isEqualTo(400);
    assertThat(
            post(
                    "current/integrations/UpdateCampaignInteractions",
                    "{\"CampaignID\":5,\"ChannelID\":452,\"InteractionDate\":\"2026-01-05\",\"TemplateID\":11,\"EventID\":3,\"CustomerIDs\":[\"C000000001\"]}")
                .code())
        .isEqualTo(200);
    assertThat(opt.receivedInteractions().get(0).recipientGroupId()).isEqualTo(1);
    assertThat(get("current/integrations/UpdateCampaignMetrics").code()).isEqualTo(405);
    assertThat(get("current/integrations/NoSuchThing").code()).isEqualTo(404);
  }

  private Http.Reply saveEvent(String json, String signature, String version) {
    Request.Builder rb =
        new Request.Builder()
            .url(opt.metricsBaseUrl() + "api/saveEvent")
            .post(
                RequestBody.create(
                    json.getBytes(StandardCharsets.UTF_8), MediaType.get("application/json")));
    if (signature != null) {
      rb.header("x-optimove-signature-content", signature);
    }
    if (version != null) {
      rb.header("X-Optimove-Signature-Version", version);
    }
    return Http.call(rb.build());
  }

  @Test
  void engagementMetricsCheckTheHmacWithTheTenantToken() throws Exception {
    String ts = DateTimeFormatter.ISO_INSTANT.format(clock.instant().minusSeconds(3600));
    String json =
        "[{\"event\":\"Delivered\",\"category\":\"metric\",\"timestamp\":\""
            + ts
            + "\",\"customer\":\"C000000001\",\"context\":{\"campaignId\":5}}]";
    String good = opt.signatureOf(json.getBytes(StandardCharsets.UTF_8));
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(
            "tenant-token".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertThat(good)
        .isEqualTo(
            java.util.HexFormat.of().formatHex(mac.doFinal(json.getBytes(StandardCharsets.UTF_8))));
    assertThat(saveEvent(json, good.replace('a', 'b').replace('0', '1'), "1").code())
        .isEqualTo(401);
    assertThat(saveEvent(json, good, null).code()).isEqualTo(401);
    assertThat(saveEvent(json, good, "1").code()).isEqualTo(200);
    assertThat(opt.receivedEvents()).hasSize(1);
    EngagementEvent e = opt.receivedEvents().get(0);
    assertThat(e.event()).isEqualTo("Delivered");
    assertThat(e.customer()).isEqualTo("C000000001");
    assertThat(e.context().get("campaignId").asInt()).isEqualTo(5);
    String old =
        "{\"event\":\"Delivered\",\"category\":\"metric\",\"timestamp\":\""
            + DateTimeFormatter.ISO_INSTANT.format(clock.instant().minus(Duration.ofDays(8)))
            + "\",\"customer\":\"C1\"}";
    assertThat(saveEvent(old, opt.signatureOf(old.getBytes(StandardCharsets.UTF_8)), "1").code())
        .isEqualTo(400);
    String noCustomer =
        "{\"event\":\"Delivered\",\"category\":\"metric\",\"timestamp\":\"" + ts + "\"}";
    assertThat(
            saveEvent(noCustomer, opt.signatureOf(noCustomer.getBytes(StandardCharsets.UTF_8)), "1")
                .body())
        .contains("customer or visitor");
  }

  @Test
  void triggerPayloadCarriesPersonalInfo() throws Exception {
    try (MockWebServer listener = new MockWebServer()) {
      listener.start();
      listener.enqueue(new MockResponse.Builder().code(200).build());
      post(
          "current/general/RegisterEventListener",
          "{\"EventTypeID\":11,\"ListenerURL\":\"" + listener.url("/t") + "\",\"ChannelID\":250}");
      opt.fireTrigger(
          "C000000007",
          250,
          2698724035425L,
          "YFRYM0RJ - Promo",
          "deposit",
          Map.of("amount", "50"),
          true);
      JsonNode body = Http.MAPPER.readTree(listener.takeRequest().getBody().utf8());
      assertThat(body.get("customerID").asText()).isEqualTo("C000000007");
      assertThat(body.get("campaignID").asText()).isEqualTo("2.38");
      assertThat(body.get("personalization").get("personalInfo").get("MOBILE_NUMBER").asText())
          .isEqualTo(opt.customer("C000000007").orElseThrow().mobileNumber());
      assertThat(body.get("personalization").get("deposit").get("amount").asText()).isEqualTo("50");
    }
  }

  @Test
  void sameSeedReproducesTheSameFaults() {
    FaultScript script =
        FaultScript.builder()
            .seed(99)
            .randomly("*", 0.3, Fault.serverError(503), Fault.rateLimited(Duration.ofSeconds(1)))
            .build();
    List<Integer> first = codes(script);
    List<Integer> second = codes(script);
    assertThat(first).isEqualTo(second);
    assertThat(first).contains(200).containsAnyOf(503, 429);
    List<Integer> other = codes(script.toBuilder().seed(100).build());
    assertThat(other).isNotEqualTo(first);
  }

  private List<Integer> codes(FaultScript script) {
    try (FakeOptimove f =
        FakeOptimove.builder()
            .apiKey("k")
            .rateLimit(0, Duration.ofSeconds(10))
            .faults(script)
            .start()) {
      List<Integer> out = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        out.add(
            Http.get(
                    f.baseUrl() + "current/integrations/GetChannelTemplates?ChannelID=1",
                    Map.of("X-API-KEY", "k"))
                .code());
      }
      return out;
    }
  }
}
