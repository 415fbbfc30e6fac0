package io.campaignrelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives {@link FakeOptimove} with plain OkHttp requests built here (GET with a query string, POST
 * with a JSON body), for every function, and checks the per-key rate limit, third-party keys and
 * the attribute key spellings.
 */
class FakeOptimoveWireTest {
  private static final String ADMIN = "admin-key";
  private static final String PARTNER = "partner-key";
  private SimulatedClock clock;
  private FakeOptimove opt;
  private ScheduledCampaign campaign;

  @BeforeEach
  void start() {
    clock = SimulatedClock.create();
    opt =
        FakeOptimove.builder()
            .clock(clock)
            .seed(5)
            .apiKey(ADMIN)
            .additionalApiKey(PARTNER, true)
            .start();
    opt.addCustomers(100, SyntheticCustomers.seeded(5));
    campaign = opt.addScheduledCampaign(452, 7L, LocalDateTime.of(2026, 3, 2, 9, 30), 20);
  }

  @AfterEach
  void stop() {
    opt.close();
  }

  private Http.Reply get(String key, String pathAndQuery) {
    return Http.get(opt.baseUrl() + pathAndQuery, Map.of("X-API-KEY", key));
  }

  private Http.Reply post(String key, String path, String json) {
    return Http.send("POST", opt.baseUrl() + path, json, Map.of("X-API-KEY", key));
  }

  @Test
  void everyFunctionAnswersAPlainClient() {
    long id = campaign.campaignId();
    String customer = campaign.targets().get(0).customerId();
    List<String> gets =
        List.of(
            "current/general/GetRegisteredEventListeners",
            "current/integrations/GetChannelTemplates?ChannelID=452",
            "current/customers/GetCustomerSendDetailsByChannel?ChannelID=452&CampaignID=" + id,
            "current/customers/GetCustomerSendDetailsByCampaign?CampaignID=" + id,
            "current/customers/GetCustomerExecutionDetailsByCampaign?ChannelID=452&CampaignID="
                + id,
            "current/actions/GetCampaignDetails?CampaignID=" + id,
            "current/actions/GetExecutedCampaignsByChannel?ChannelID=452&Date=2026-03-02",
            "current/actions/GetExecutedCampaignChannelDetails?ChannelID=452&CampaignID=" + id,
            "current/model/GetCustomerAttributeList",
            "current/integrations/GetPromotions",
            "current/integrations/GetChannelTemplatesDetails?ChannelID=452&TemplateID=7",
            "Customers/" + customer + "/Attributes");
    for (String g : gets) {
      assertThat(get(ADMIN, g).code()).as(g).isEqualTo(200);
    }
    Map<String, String> posts = new java.util.LinkedHashMap<>();
    List<String> kv =
        List.of(
            "current/general/RegisterEventListener",
            "{\"EventTypeID\":13,\"ListenerURL\":\"http://127.0.0.1:9/x\",\"ChannelID\":452}",
            "current/general/UnregisterEventListener",
            "{\"EventTypeID\":13,\"ChannelID\":452}",
            "current/integrations/AddChannelTemplates?ChannelID=452",
            "[{\"TemplateID\":7,\"TemplateName\":\"Welcome\"}]",
            "current/integrations/DeleteChannelTemplates",
            "[{\"ChannelID\":452,\"TemplateID\":7}]",
            "current/integrations/UpdateCampaignMetrics",
            "[{\"ChannelID\":452,\"CampaignID\":"
                + id
                + ",\"TemplateID\":7,\"MetricID\":0,\"MetricValue\":20}]",
            "current/integrations/UpdateCampaignInteractions",
            "{\"CampaignID\":"
                + id
                + ",\"ChannelID\":452,\"InteractionDate\":\"2026-03-02\",\"TemplateID\":7,"
                + "\"EventID\":1,\"CustomerIDs\":[\""
                + customer
                + "\"]}",
            "current/integrations/AddChannelApps?ChannelID=452",
            "[{\"AppID\":\"app-1\",\"AppName\":\"Shop\"}]",
            "current/integrations/DeleteChannelApps",
            "[{\"ChannelID\":452,\"AppID\":\"app-2\"}]",
            "Integrations/AddPromotions",
            "[{\"PromoCode\":\"SUMMER\",\"PromotionName\":\"Summer sale\"}]",
            "current/integrations/DeletePromotions",
            "[{\"PromoCode\":\"OLD\"}]");
    for (int i = 0; i < kv.size(); i += 2) {
      posts.put(kv.get(i), kv.get(i + 1));
    }
    posts.forEach(
        (path, json) -> assertThat(post(ADMIN, path, json).code()).as(path).isEqualTo(200));
    assertThat(opt.receivedMetrics()).hasSize(1);
    assertThat(opt.receivedInteractions()).hasSize(1);
    assertThat(opt.channelApps(452)).containsEntry("app-1", "Shop");
    assertThat(opt.promotions()).containsEntry("SUMMER", "Summer sale");
    post(
        ADMIN,
        "current/integrations/AddChannelTemplates?ChannelID=452",
        "[{\"TemplateID\":8,\"TemplateName\":\"T8\"}]");
    JsonNode details =
        get(ADMIN, "current/integrations/GetChannelTemplateDetails?ChannelID=452&TemplateID=8")
            .json();
    assertThat(details.get(0).get("TemplateName").asText()).isEqualTo("T8");
    assertThat(details.get(0).has("TemplateContent")).isTrue();
    assertThat(
            get(ADMIN, "current/integrations/GetPromotions")
                .json()
                .get(0)
                .get("PromoCode")
                .asText())
        .isEqualTo("SUMMER");
    assertThat(get(ADMIN, "current/integrations/NoSuchFunction").code()).isEqualTo(404);
    assertThat(post(ADMIN, "current/integrations/GetChannelTemplates?ChannelID=452", "[]").code())
        .isEqualTo(405);
    Http.Reply notJson =
        Http.call(
            new Request.Builder()
                .url(opt.baseUrl() + "current/integrations/UpdateCampaignMetrics")
                .header("X-API-KEY", ADMIN)
                .post(
                    RequestBody.create(
                        "a=1", okhttp3.MediaType.get("application/x-www-form-urlencoded")))
                .build());
    assertThat(notJson.code()).isEqualTo(415);
  }

  @Test
  void theRateLimitIsPerKeyAcrossClientsWithRetryAfter() {
    OkHttpClient other = Http.CLIENT.newBuilder().build();
    String path = opt.baseUrl() + "current/integrations/GetChannelTemplates?ChannelID=452";
    for (int i = 0; i < 50; i++) {
      OkHttpClient c = i % 2 == 0 ? Http.CLIENT : other;
      Request r = new Request.Builder().url(path).header("X-API-KEY", ADMIN).build();
      assertThat(Http.call(c, r).code()).isEqualTo(200);
    }
    clock.advance(Duration.ofSeconds(4));
    Http.Reply limited =
        Http.call(other, new Request.Builder().url(path).header("X-API-KEY", ADMIN).build());
    assertThat(limited.code()).isEqualTo(429);
    assertThat(limited.headers().get("Retry-After")).isEqualTo("6");
    assertThat(limited.json().get("status").asInt()).isEqualTo(429);
    // another key has its own window
    assertThat(get(PARTNER, "current/integrations/GetChannelTemplates?ChannelID=452").code())
        .isEqualTo(200);
    clock.advance(Duration.ofSeconds(6));
    assertThat(get(ADMIN, "current/integrations/GetChannelTemplates?ChannelID=452").code())
        .isEqualTo(200);
  }

  @Test
  void retryAfterCanBeLeftOutAsTheDocsShowNone() {
    try (FakeOptimove bare =
        FakeOptimove.builder()
            .clock(clock)
            .apiKey("k")
            .rateLimit(2, Duration.ofSeconds(10))
            .rateLimitRetryAfter(false)
            .start()) {
      Map<String, String> k = Map.of("X-API-KEY", "k");
      String url = bare.baseUrl() + "current/general/GetRegisteredEventListeners";
      assertThat(Http.get(url, k).code()).isEqualTo(200);
      assertThat(Http.get(url, k).code()).isEqualTo(200);
      Http.Reply limited = Http.get(url, k);
      assertThat(limited.code()).isEqualTo(429);
      assertThat(limited.headers().get("Retry-After")).isNull();
    }
  }

  @Test
  void aThirdPartyKeyMayCallOnlyTheThirdPartyList() {
    long id = campaign.campaignId();
    String customer = campaign.targets().get(0).customerId();
    assertThat(
            get(
                    PARTNER,
                    "current/customers/GetCustomerSendDetailsByChannel?ChannelID=452&CampaignID="
                        + id)
                .code())
        .isEqualTo(200);
    assertThat(post(PARTNER, "current/integrations/AddChannelTemplates?ChannelID=452", "[]").code())
        .isEqualTo(200);
    Http.Reply refused =
        get(PARTNER, "current/customers/GetCustomerSendDetailsByCampaign?CampaignID=" + id);
    assertThat(refused.code()).isEqualTo(403);
    assertThat(refused.body()).startsWith("\"").contains("third-party");
    assertThat(get(PARTNER, "current/model/GetCustomerAttributeList").code()).isEqualTo(403);
    assertThat(get(PARTNER, "current/integrations/GetPromotions").code()).isEqualTo(403);
    assertThat(post(PARTNER, "current/integrations/AddChannelApps?ChannelID=452", "[]").code())
        .isEqualTo(200);
    assertThat(get(PARTNER, "Customers/" + customer + "/Attributes").code()).isEqualTo(403);
    assertThat(get(ADMIN, "current/model/GetCustomerAttributeList").code()).isEqualTo(200);
    try (FakeOptimove partnerOnly =
        FakeOptimove.builder().clock(clock).apiKey("p").thirdPartyOnly(true).start()) {
      assertThat(
              Http.get(
                      partnerOnly.baseUrl() + "current/model/GetCustomerAttributeList",
                      Map.of("X-API-KEY", "p"))
                  .code())
          .isEqualTo(403);
    }
  }

  @Test
  void attributeKeySpellings() {
    String q =
        "current/customers/GetCustomerSendDetailsByChannel?ChannelID=452&CampaignID="
            + campaign.campaignId()
            + "&CustomerAttributes=FIRST_NAME&$top=1";
    JsonNode plural = get(ADMIN, q).json().get(0);
    assertThat(plural.has("CustomerAttributes")).isTrue();
    assertThat(plural.has("CustomerAttribute")).isFalse();
    try (FakeOptimove singular =
        FakeOptimove.builder().clock(clock).apiKey("s").singularAttributeKey(true).start()) {
      singular.addCustomers(10, SyntheticCustomers.seeded(5));
      ScheduledCampaign c =
          singular.addScheduledCampaign(452, 7L, LocalDateTime.of(2026, 3, 2, 9, 30), 2);
      JsonNode row =
          Http.get(
                  singular.baseUrl()
                      + "current/customers/GetCustomerExecutionDetailsByCampaign?ChannelID=452"
                      + "&CampaignID="
                      + c.campaignId()
                      + "&CustomerAttributes=FIRST_NAME",
                  Map.of("X-API-KEY", "s"))
              .json()
              .get(0);
      assertThat(row.has("CustomerAttributes")).isFalse();
      assertThat(row.get("CustomerAttribute").get(0).asText())
          .isEqualTo(c.targets().get(0).firstName());
    }
  }
}
