package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.PagedIterable;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.http.AuthenticationException;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.InvalidRequestException;
import io.campaignrelay.core.http.NotFoundException;
import io.campaignrelay.core.http.RateLimitException;
import io.campaignrelay.core.http.RetryOptions;
import io.campaignrelay.delivyr.models.AttributeCheck;
import io.campaignrelay.delivyr.models.BatchResult;
import io.campaignrelay.delivyr.models.CampaignReference;
import io.campaignrelay.delivyr.models.DelivyrTemplate;
import io.campaignrelay.delivyr.models.MessageEvent;
import io.campaignrelay.delivyr.models.MessageEventType;
import io.campaignrelay.delivyr.models.MessageListOptions;
import io.campaignrelay.delivyr.models.MessageLogEntry;
import io.campaignrelay.delivyr.models.MessageStatus;
import io.campaignrelay.delivyr.models.OptOut;
import io.campaignrelay.delivyr.models.OptimoveAccessType;
import io.campaignrelay.delivyr.models.OptimoveIntegration;
import io.campaignrelay.delivyr.models.RejectionReason;
import io.campaignrelay.delivyr.models.SendMessageRequest;
import io.campaignrelay.delivyr.models.SentMessage;
import io.campaignrelay.delivyr.models.TemplateChannel;
import io.campaignrelay.delivyr.models.TemplateListOptions;
import io.campaignrelay.delivyr.models.TemplateStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DelivyrClientTest {

  static final Secret KEY = Secret.of("dlv_live_SECRET_KEY_123");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
  static final ObjectMapper JSON = new ObjectMapper();

  MockWebServer server;
  List<Duration> sleeps;
  DelivyrClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    sleeps = new CopyOnWriteArrayList<>();
    client = clientFor(server);
  }

  DelivyrClient clientFor(MockWebServer s) {
    return DelivyrClient.builder()
        .endpoint(s.url("/v1/").toString())
        .credential(KEY)
        .clientOptions(ClientOptions.builder().sleeper(sleeps::add).clock(CLOCK).build())
        .buildClient();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  void enqueue(int code, String body) {
    server.enqueue(
        new MockResponse.Builder()
            .code(code)
            .addHeader("Content-Type", "application/json")
            .body(body)
            .build());
  }

  RecordedRequest take() throws InterruptedException {
    return server.takeRequest();
  }

  static JsonNode json(RecordedRequest r) throws IOException {
    return JSON.readTree(r.getBody().utf8());
  }

  static SendMessageRequest.Builder message() {
    return SendMessageRequest.builder().to("+447700900123").templateId("HDS7F3Y2");
  }

  static final String TEMPLATE_JSON =
      "{\"id\":\"HDS7F3Y2\",\"name\":\"Welcome\",\"body\":\"Hi {{FIRST_NAME}}\","
          + "\"status\":\"approved\",\"channels\":[\"scheduled\",\"triggered\"],"
          + "\"redirectUrl\":null,\"createdAt\":\"2026-01-02T03:04:05Z\",\"extra\":1}";

  // ------------------------------------------------------------------ builder

  @Test
  void builderRequiresEndpointAndCredentialAndReportsBoth() {
    assertThatThrownBy(() -> DelivyrClient.builder().buildClient())
        .isInstanceOf(ConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).problems())
                    .extracting(ConfigurationProblem::field)
                    .containsExactly("endpoint", "credential"));
  }

  /** Core's merge rule, once for this client: set here wins, null means the options'. */
  @Test
  void theSharedMergeRuleAndToBuilderCarryTheKeyThroughTheProfilesHook() throws Exception {
    ClientOptions options =
        ClientOptions.builder()
            .endpoint("https://elsewhere.example/")
            .clock(CLOCK)
            .retryOptions(RetryOptions.none())
            .build();
    DelivyrClient c =
        DelivyrClient.builder()
            .clientOptions(options)
            .endpoint(server.url("/v1/").toString())
            .clock(null)
            .retryOptions(null)
            .credential(KEY)
            .buildClient();
    assertThat(c.endpoint()).isEqualTo(server.url("/v1/").toString());
    assertThat(c.clock()).isSameAs(CLOCK);
    assertThat(
            DelivyrClient.builder()
                .clientOptions(null)
                .endpoint("https://api.delivyr.example/v1/")
                .credential(KEY)
                .buildClient()
                .clock())
        .isNotSameAs(CLOCK);

    DelivyrClient copy = c.toBuilder().buildClient();
    enqueue(200, TEMPLATE_JSON);
    copy.getTemplate("HDS7F3Y2");
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY.reveal());
    assertThat(copy.clock()).isSameAs(CLOCK);
  }

  @Test
  void buildingMakesNoCallAndToStringHidesTheKey() {
    assertThat(server.getRequestCount()).isZero();
    assertThat(client.toString()).doesNotContain(KEY.reveal()).contains("****");
    assertThat(client.endpoint()).isEqualTo(server.url("/v1/").toString());
  }

  // ------------------------------------------------------------------ templates

  @Test
  void sendsBearerKeyAndUserAgentAndReadsATemplate() throws Exception {
    enqueue(200, TEMPLATE_JSON);
    DelivyrTemplate t = client.getTemplate("HDS7F3Y2");
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getTarget()).isEqualTo("/v1/templates/HDS7F3Y2");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY.reveal());
    assertThat(r.getHeaders().get("User-Agent")).contains("delivyr");
    assertThat(t.id()).isEqualTo("HDS7F3Y2");
    assertThat(t.status()).isEqualTo(TemplateStatus.APPROVED);
    assertThat(t.channels()).containsExactly(TemplateChannel.SCHEDULED, TemplateChannel.TRIGGERED);
    assertThat(t.ownRedirectUrl()).isEmpty();
    assertThat(t.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(t.isApproved()).isTrue();
  }

  @Test
  void rejectsABadTemplateIdWithoutACall() {
    assertThatThrownBy(() -> client.getTemplate("hds7f3y2"))
        .isInstanceOf(ConfigurationException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void listsTemplatesLazilyPageByPageWithFilters() throws Exception {
    enqueue(200, "{\"data\":[" + TEMPLATE_JSON + "],\"nextCursor\":\"c2\"}");
    enqueue(
        200,
        "{\"data\":[" + TEMPLATE_JSON.replace("HDS7F3Y2", "YFRYM0RJ") + "],\"nextCursor\":null}");
    PagedIterable<DelivyrTemplate> list =
        client.listTemplates(
            new TemplateListOptions(TemplateStatus.APPROVED, TemplateChannel.SCHEDULED, 50));
    assertThat(server.getRequestCount()).isZero();
    Iterator<DelivyrTemplate> it = list.iterator();
    assertThat(it.next().id()).isEqualTo("HDS7F3Y2");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(it.next().id()).isEqualTo("YFRYM0RJ");
    assertThat(it.hasNext()).isFalse();
    assertThat(take().getTarget())
        .isEqualTo("/v1/templates?status=approved&channel=scheduled&limit=50");
    assertThat(take().getTarget())
        .isEqualTo("/v1/templates?status=approved&channel=scheduled&limit=50&cursor=c2");
  }

  // ------------------------------------------------------------------ messages

  @Test
  void sendsOneMessageWithItsIdempotencyKeyAndTheTestModeAskedFor() throws Exception {
    enqueue(
        200,
        "{\"id\":\"msg_1\",\"status\":\"logged\",\"segments\":1,\"encoding\":\"GSM-7\","
            + "\"testMode\":true,\"rejection\":null}");
    SentMessage sent =
        client.sendMessage(
            message()
                .customerId("C1")
                .variable("FIRST_NAME", "Ada")
                .campaign(new CampaignReference("1234", 452, 1_362_194_475_194L))
                .testMode(true)
                .build());
    assertThat(sent.status()).isEqualTo(MessageStatus.LOGGED);
    assertThat(sent.testMode()).isTrue();
    assertThat(sent.segments()).isEqualTo(1);
    assertThat(sent.isRejected()).isFalse();
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo("/v1/messages");
    assertThat(r.getHeaders().get("Idempotency-Key")).startsWith("cr1-m-").hasSizeLessThan(256);
    JsonNode body = json(r);
    assertThat(body.get("to").asText()).isEqualTo("+447700900123");
    assertThat(body.get("customerId").asText()).isEqualTo("C1");
    assertThat(body.get("templateId").asText()).isEqualTo("HDS7F3Y2");
    assertThat(body.has("body")).isFalse();
    assertThat(body.get("variables").get("FIRST_NAME").asText()).isEqualTo("Ada");
    assertThat(body.get("campaign").get("optimoveCampaignId").asText()).isEqualTo("1234");
    assertThat(body.get("campaign").get("channelId").asInt()).isEqualTo(452);
    assertThat(body.get("campaign").get("optimoveTemplateId").asLong())
        .isEqualTo(1_362_194_475_194L);
    assertThat(body.get("testMode").asBoolean()).isTrue();
  }

  /** The vendor test mode is an explicit option, off by default (docs/CONVENTIONS.md). */
  @Test
  void testModeIsOffUnlessAskedFor() throws Exception {
    assertThat(message().build().testMode()).isFalse();
    enqueue(200, "{\"id\":\"msg_2\",\"status\":\"queued\",\"testMode\":false}");
    client.sendMessage(message().build());
    assertThat(json(take()).get("testMode").asBoolean()).isFalse();
  }

  @Test
  void retriesASendWithTheSameKeyAfter503() throws Exception {
    enqueue(503, "{\"error\":{\"code\":\"unavailable\",\"message\":\"busy\"}}");
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "2")
            .body("{\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\"}}")
            .build());
    enqueue(200, "{\"id\":\"msg_1\",\"status\":\"queued\",\"testMode\":false}");
    SentMessage sent = client.sendMessage(message().testMode(false).build());
    assertThat(sent.id()).isEqualTo("msg_1");
    String k1 = take().getHeaders().get("Idempotency-Key");
    String k2 = take().getHeaders().get("Idempotency-Key");
    RecordedRequest third = take();
    assertThat(k1)
        .startsWith("cr1-r-")
        .isEqualTo(k2)
        .isEqualTo(third.getHeaders().get("Idempotency-Key"));
    assertThat(json(third).get("testMode").asBoolean()).isFalse();
    assertThat(sleeps).hasSize(2).contains(Duration.ofSeconds(2));
  }

  @Test
  void derivesTheSameKeyForTheSameCampaignAndCustomerAndRandomOtherwise() throws Exception {
    for (int i = 0; i < 4; i++) {
      enqueue(200, "{\"id\":\"m\",\"status\":\"logged\",\"testMode\":true}");
    }
    SendMessageRequest scheduled =
        message().customerId("C1").campaign(new CampaignReference("1234", 452, 5)).build();
    client.sendMessage(scheduled);
    client.sendMessage(scheduled);
    client.sendMessage(message().build());
    client.sendMessage(message().idempotencyKey("my-own-key").build());
    String a = take().getHeaders().get("Idempotency-Key");
    String b = take().getHeaders().get("Idempotency-Key");
    String c = take().getHeaders().get("Idempotency-Key");
    String d = take().getHeaders().get("Idempotency-Key");
    assertThat(a).isEqualTo(b);
    assertThat(c).isNotEqualTo(a).startsWith("cr1-r-");
    assertThat(d).isEqualTo("my-own-key");
  }

  @Test
  void reportsRejectedRecipientsWithTheirReason() {
    enqueue(
        200,
        "{\"id\":\"msg_9\",\"status\":\"rejected\",\"testMode\":false,"
            + "\"rejection\":{\"reason\":\"opted_out\",\"detail\":\"texted STOP\"}}");
    SentMessage sent = client.sendMessage(message().testMode(false).build());
    assertThat(sent.isRejected()).isTrue();
    assertThat(sent.rejectionInfo().orElseThrow().reason()).isEqualTo(RejectionReason.OPTED_OUT);
  }

  @Test
  void validatesMessagesBeforeAnyCall() {
    assertThatThrownBy(
            () -> SendMessageRequest.builder().to("07700900123").templateId("x").body("y").build())
        .isInstanceOf(ConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).problems())
                    .extracting(ConfigurationProblem::field)
                    .containsExactly("to", "templateId/body", "templateId"));
    assertThatThrownBy(() -> message().idempotencyKey("x".repeat(256)).build())
        .hasMessageContaining("idempotencyKey");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void sendsABatchWithOneKeyAndAReferencePerMessage() throws Exception {
    enqueue(
        200,
        "{\"results\":[{\"clientReference\":\"r1\",\"id\":\"m1\",\"status\":\"queued\"},"
            + "{\"clientReference\":\"r2\",\"id\":null,\"status\":\"rejected\","
            + "\"rejection\":{\"reason\":\"invalid_phone_format\"}}]}");
    enqueue(200, "{\"results\":[]}");
    List<SendMessageRequest> batch =
        List.of(
            message().clientReference("r1").build(),
            message().to("+447700900999").clientReference("r2").build());
    BatchResult result = client.sendBatch(batch);
    assertThat(result.results()).hasSize(2);
    assertThat(result.results().get(1).isRejected()).isTrue();
    assertThat(result.results().get(1).rejection().reason())
        .isEqualTo(RejectionReason.INVALID_PHONE_FORMAT);
    RecordedRequest r = take();
    assertThat(r.getTarget()).isEqualTo("/v1/messages/batch");
    assertThat(r.getHeaders().get("Idempotency-Key")).startsWith("cr1-b-");
    JsonNode messages = json(r).get("messages");
    assertThat(messages).hasSize(2);
    assertThat(messages.get(0).get("clientReference").asText()).isEqualTo("r1");
    assertThat(messages.get(1).get("to").asText()).isEqualTo("+447700900999");

    // Without references, each message is referenced by its own idempotency key.
    CampaignReference c = new CampaignReference("1234", 452, 5);
    client.sendBatch(
        List.of(
            message().customerId("C1").campaign(c).build(),
            message().customerId("C2").campaign(c).build()));
    RecordedRequest r2 = take();
    JsonNode m2 = json(r2).get("messages");
    assertThat(m2.get(0).get("clientReference").asText()).startsWith("cr1-m-");
    assertThat(m2.get(0).get("clientReference").asText())
        .isNotEqualTo(m2.get(1).get("clientReference").asText());
  }

  @Test
  void rejectsEmptyOversizedAndDuplicateBatchesWithoutACall() {
    assertThatThrownBy(() -> client.sendBatch(List.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("1 to 1000");
    List<SendMessageRequest> big = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      big.add(message().clientReference("r" + i).build());
    }
    assertThatThrownBy(() -> client.sendBatch(big)).hasMessageContaining("1001 messages");
    assertThatThrownBy(
            () ->
                client.sendBatch(
                    List.of(
                        message().clientReference("same").build(),
                        message().clientReference("same").build())))
        .hasMessageContaining("clientReference");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aBatchPostWhoseResponseIsLostIsRetriedWithTheSameKey() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .onResponseStart(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    enqueue(200, "{\"results\":[]}");
    client.sendBatch(List.of(message().build()));
    String k1 = take().getHeaders().get("Idempotency-Key");
    String k2 = take().getHeaders().get("Idempotency-Key");
    assertThat(k1).isEqualTo(k2);
  }

  @Test
  void withoutRetriesALostSendReportsAnUnknownOutcome() throws Exception {
    DelivyrClient noRetry =
        DelivyrClient.builder()
            .endpoint(server.url("/v1/").toString())
            .credential(KEY)
            .retryOptions(RetryOptions.none())
            .clientOptions(ClientOptions.builder().sleeper(sleeps::add).build())
            .buildClient();
    server.enqueue(
        new MockResponse.Builder()
            .onResponseStart(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    assertThatThrownBy(() -> noRetry.sendMessage(message().build()))
        .isInstanceOf(ApiConnectionException.class)
        .satisfies(e -> assertThat(((ApiConnectionException) e).outcomeUnknown()).isTrue());
  }

  // ------------------------------------------------------------------ message log, events

  @Test
  void readsTheMessageLogLazilyWithFilters() throws Exception {
    enqueue(
        200,
        "{\"data\":[{\"id\":\"m1\",\"to\":\"+447700900123\",\"customerId\":\"C1\","
            + "\"body\":\"Hi Ada\",\"status\":\"logged\",\"testMode\":true,"
            + "\"createdAt\":\"2026-11-23T09:00:00Z\",\"updatedAt\":\"2026-11-23T09:00:01Z\","
            + "\"clicks\":2}],\"nextCursor\":null}");
    PagedIterable<MessageLogEntry> log =
        client.listMessages(
            new MessageListOptions(
                "1234",
                MessageStatus.LOGGED,
                Instant.parse("2026-11-22T00:00:00Z"),
                Instant.parse("2026-11-23T00:00:00Z"),
                1000));
    assertThat(server.getRequestCount()).isZero();
    List<MessageLogEntry> entries = log.stream().toList();
    assertThat(entries)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(MessageStatus.LOGGED);
              assertThat(e.testMode()).isTrue();
              assertThat(e.clicks()).isEqualTo(2);
            });
    assertThat(take().getTarget())
        .isEqualTo(
            "/v1/messages?campaignId=1234&status=logged&since=2026-11-22T00%3A00%3A00Z"
                + "&until=2026-11-23T00%3A00%3A00Z&limit=1000");
    assertThatThrownBy(() -> new MessageListOptions(null, null, null, null, 1001))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void readsMessageEvents() throws Exception {
    enqueue(
        200,
        "[{\"type\":\"delivered\",\"occurredAt\":\"2026-11-23T09:00:05Z\",\"detail\":null},"
            + "{\"type\":\"click\",\"occurredAt\":\"2026-11-23T09:01:00Z\","
            + "\"detail\":\"https://shop.example.com/\"}]");
    List<MessageEvent> events = client.listMessageEvents("m1");
    assertThat(events)
        .extracting(MessageEvent::type)
        .containsExactly(MessageEventType.DELIVERED, MessageEventType.CLICK);
    assertThat(take().getTarget()).isEqualTo("/v1/messages/m1/events");
  }

  // ------------------------------------------------------------------ opt-outs

  @Test
  void managesOptOuts() throws Exception {
    enqueue(
        200,
        "{\"data\":[{\"phone\":\"+447700900123\",\"keyword\":\"STOP\","
            + "\"optedOutAt\":\"2026-11-20T08:00:00Z\"}],\"nextCursor\":null}");
    enqueue(
        200,
        "{\"phone\":\"+447700900124\",\"keyword\":\"STOP\",\"optedOutAt\":\"2026-11-23T10:00:00Z\"}");
    server.enqueue(new MockResponse.Builder().code(204).build());
    List<OptOut> all = client.listOptOuts().stream().toList();
    assertThat(all).extracting(OptOut::keyword).containsExactly("STOP");
    OptOut added = client.addOptOut("+447700900124", "STOP");
    assertThat(added.optedOutAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    client.removeOptOut("+447700900124");
    assertThat(take().getTarget()).isEqualTo("/v1/opt-outs");
    RecordedRequest post = take();
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(json(post).get("phone").asText()).isEqualTo("+447700900124");
    assertThat(post.getHeaders().get("Idempotency-Key")).isNotBlank();
    RecordedRequest delete = take();
    assertThat(delete.getMethod()).isEqualTo("DELETE");
    assertThat(delete.getTarget()).isEqualTo("/v1/opt-outs/+447700900124");
    assertThatThrownBy(() -> client.removeOptOut("0770"))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void pagesCarryTheCursorAsContinuationTokenAndRestartPerIteration() throws Exception {
    enqueue(200, "{\"data\":[" + OPT_OUT_JSON + "],\"nextCursor\":\"c2\"}");
    enqueue(200, "{\"data\":[" + OPT_OUT_JSON + "],\"nextCursor\":\"\"}");
    PagedIterable<OptOut> list = client.listOptOuts();
    List<PagedIterable.Page<OptOut>> pages = list.streamByPage().toList();
    assertThat(pages).extracting(PagedIterable.Page::continuationToken).containsExactly("c2", null);
    assertThat(take().getTarget()).isEqualTo("/v1/opt-outs");
    assertThat(take().getTarget()).isEqualTo("/v1/opt-outs?cursor=c2");
    enqueue(200, "{\"data\":[" + OPT_OUT_JSON + "],\"nextCursor\":\"c2\"}");
    assertThat(list.stream().limit(1).toList()).hasSize(1);
    assertThat(take().getTarget()).isEqualTo("/v1/opt-outs");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void skipsAnEmptyPageInTheMiddleAndEndsOnAMissingList() throws Exception {
    enqueue(200, "{\"data\":[],\"nextCursor\":\"c2\"}");
    enqueue(200, "{\"data\":[" + OPT_OUT_JSON + "],\"nextCursor\":\"c3\"}");
    enqueue(200, "{\"nextCursor\":null}");
    assertThat(client.listOptOuts().stream().toList())
        .extracting(OptOut::phone)
        .containsExactly("+447700900123");
    assertThat(take().getTarget()).isEqualTo("/v1/opt-outs");
    assertThat(take().getTarget()).isEqualTo("/v1/opt-outs?cursor=c2");
    assertThat(take().getTarget()).isEqualTo("/v1/opt-outs?cursor=c3");
  }

  @Test
  void stopsWhenAPageNamesItsOwnCursorAsTheNext() {
    enqueue(200, "{\"data\":[" + OPT_OUT_JSON + "],\"nextCursor\":\"same\"}");
    enqueue(200, "{\"data\":[" + OPT_OUT_JSON + "],\"nextCursor\":\"same\"}");
    Iterator<OptOut> it = client.listOptOuts().iterator();
    assertThat(it.next().phone()).isEqualTo("+447700900123");
    assertThatThrownBy(it::next)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("GET opt-outs")
        .hasMessageContaining("same");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  static final String OPT_OUT_JSON =
      "{\"phone\":\"+447700900123\",\"keyword\":\"STOP\","
          + "\"optedOutAt\":\"2026-11-20T08:00:00Z\"}";

  // ------------------------------------------------------------------ integration

  static final String INTEGRATION_JSON =
      "{\"installed\":true,\"testingMode\":true,\"apiEndpoint\":\"https://api4.optimove.net/\","
          + "\"apiKeySet\":true,\"customerAttributes\":[\"PHONENUMBER\",\"FIRST_NAME\"],"
          + "\"triggeredOverrides\":{},\"tenantId\":\"1234\",\"tenantTokenSet\":true,"
          + "\"defaultUrl\":\"https://shop.example.com/\",\"enabledAt\":\"2026-06-01T00:00:00Z\"}";

  @Test
  void installsReadsAndUninstallsTheOptimoveIntegration() throws Exception {
    Secret optimoveKey = Secret.of("opti-SECRET-key");
    Secret token = Secret.of("tenant-SECRET-token");
    enqueue(200, INTEGRATION_JSON);
    enqueue(200, INTEGRATION_JSON);
    server.enqueue(new MockResponse.Builder().code(204).build());
    OptimoveIntegrationSettings settings =
        OptimoveIntegrationSettings.builder()
            .apiEndpoint("https://api4.optimove.net/")
            .apiKey(optimoveKey, OptimoveAccessType.INTEGRATIONS)
            .customerAttributes("PHONENUMBER", "FIRST_NAME")
            .tenant("1234", token)
            .defaultUrl("https://shop.example.com/")
            .build();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    OptimoveIntegration put;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      put = client.putOptimoveIntegration(settings);
    } finally {
      System.setOut(original);
    }
    assertThat(put.installed()).isTrue();
    assertThat(put.phoneNumberAttribute()).contains("PHONENUMBER");
    assertThat(put.enabledSince()).contains(Instant.parse("2026-06-01T00:00:00Z"));
    OptimoveIntegration got = client.getOptimoveIntegration();
    assertThat(got.apiKeySet()).isTrue();
    assertThat(got.tenantTokenSet()).isTrue();
    client.deleteOptimoveIntegration();

    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("PUT");
    assertThat(r.getTarget()).isEqualTo("/v1/integrations/optimove");
    JsonNode body = json(r);
    assertThat(body.get("testingMode").asBoolean()).isTrue();
    assertThat(body.get("apiKey").asText()).isEqualTo(optimoveKey.reveal());
    assertThat(body.get("tenantToken").asText()).isEqualTo(token.reveal());
    assertThat(body.get("customerAttributes").get(0).asText()).isEqualTo("PHONENUMBER");
    assertThat(take().getMethod()).isEqualTo("GET");
    assertThat(take().getMethod()).isEqualTo("DELETE");

    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("integrations/optimove");
    assertThat(log)
        .doesNotContain(optimoveKey.reveal())
        .doesNotContain(token.reveal())
        .doesNotContain(KEY.reveal());
  }

  @Test
  void findsAttributesRetryingTheReadAndReportsAnOverPermissiveKey() throws Exception {
    enqueue(503, "");
    enqueue(
        200,
        "{\"attributes\":[{\"name\":\"PHONENUMBER\",\"sampleValue\":\"+447700900123\"},"
            + "{\"name\":\"FIRST_NAME\",\"sampleValue\":\"Ada\"},"
            + "{\"name\":\"EMAIL\",\"sampleValue\":\"ada@example.com\"}]}");
    OptimoveIntegrationSettings settings =
        OptimoveIntegrationSettings.builder()
            .apiEndpoint("https://api4.optimove.net/")
            .apiKey(Secret.of("k"), OptimoveAccessType.INTEGRATIONS)
            .customerAttributes("PHONENUMBER", "FIRST_NAME", "LAST_NAME")
            .build();
    AttributeCheck check = client.checkOptimoveAttributes(settings, "C123");
    assertThat(check.overPermissive()).isTrue();
    assertThat(check.extra()).containsExactly("EMAIL");
    assertThat(check.missing()).containsExactly("LAST_NAME");
    assertThat(check.phoneSampleValue()).isEqualTo("+447700900123");
    assertThat(check.ok()).isFalse();
    assertThat(check.summary()).contains("over-permissive").contains("EMAIL").doesNotContain("Ada");
    RecordedRequest first = take();
    assertThat(first.getTarget()).isEqualTo("/v1/integrations/optimove/find-attributes");
    assertThat(first.getHeaders().get("X-Campaign-Relay-Retry-Safe")).isNull();
    assertThat(json(take()).get("sampleCustomerId").asText()).isEqualTo("C123");
  }

  @Test
  void anExactlyScopedKeyPassesTheDryCheck() {
    enqueue(
        200,
        "{\"attributes\":[{\"name\":\"PHONENUMBER\",\"sampleValue\":\"+447700900123\"},"
            + "{\"name\":\"first_name\",\"sampleValue\":\"Ada\"}]}");
    OptimoveIntegrationSettings settings =
        OptimoveIntegrationSettings.builder()
            .apiEndpoint("https://api4.optimove.net/")
            .apiKey(Secret.of("k"), OptimoveAccessType.INTEGRATIONS)
            .customerAttributes("PHONENUMBER", "FIRST_NAME")
            .build();
    AttributeCheck check = client.checkOptimoveAttributes(settings, "C123");
    assertThat(check.ok()).isTrue();
    assertThat(check.overPermissive()).isFalse();
    assertThat(check.summary()).contains("exactly");
  }

  // ------------------------------------------------------------------ errors

  @Test
  void mapsErrorStatusesToTypedExceptionsWithTheVendorCodeAndField() {
    enqueue(401, "{\"error\":{\"code\":\"invalid_key\",\"message\":\"bad key\"}}");
    assertThatThrownBy(() -> client.getOptimoveIntegration())
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("invalid_key")
        .hasMessageNotContaining(KEY.reveal());
    enqueue(
        400, "{\"error\":{\"code\":\"invalid_phone\",\"message\":\"not E.164\",\"field\":\"to\"}}");
    assertThatThrownBy(() -> client.sendMessage(message().build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("invalid_phone")
        .hasMessageContaining("field 'to'");
    enqueue(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no template\"}}");
    assertThatThrownBy(() -> client.getTemplate("ZZZZZZZZ")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void rateLimitAfterRetriesCarriesRetryAfter() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(
          new MockResponse.Builder()
              .code(429)
              .addHeader("Retry-After", "7")
              .body("{\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\"}}")
              .build());
    }
    assertThatThrownBy(() -> client.getOptimoveIntegration())
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(sleeps).containsOnly(Duration.ofSeconds(7));
  }

  @Test
  void isSafeToShareBetweenThreads() throws Exception {
    int threads = 8;
    int perThread = 5;
    for (int i = 0; i < threads * perThread; i++) {
      enqueue(200, "{\"id\":\"m\",\"status\":\"logged\",\"testMode\":true}");
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<SentMessage>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        for (int i = 0; i < perThread; i++) {
          String customer = "C" + t + "-" + i;
          futures.add(
              pool.submit(
                  () ->
                      client.sendMessage(
                          message()
                              .to(io.campaignrelay.core.PhoneNumber.ofE164("+447700900123"))
                              .customerId(customer)
                              .campaign(new CampaignReference("1234", 452, 5))
                              .build())));
        }
      }
      for (java.util.concurrent.Future<SentMessage> f : futures) {
        assertThat(f.get().status()).isEqualTo(MessageStatus.LOGGED);
      }
    } finally {
      pool.shutdownNow();
    }
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (int i = 0; i < threads * perThread; i++) {
      RecordedRequest r = take();
      assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY.reveal());
      keys.add(r.getHeaders().get("Idempotency-Key"));
    }
    assertThat(keys).hasSize(threads * perThread);
  }

  @Test
  void toleratesUnknownFieldsMissingFieldsAndNewValues() {
    enqueue(
        200,
        "{\"id\":\"HDS7F3Y2\",\"name\":\"Welcome\",\"body\":\"Hi\","
            + "\"status\":\"archived\",\"brandNew\":{\"x\":1}}");
    DelivyrTemplate t = client.getTemplate("HDS7F3Y2");
    assertThat(t.status().value()).isEqualTo("archived");
    assertThat(t.status().isKnown()).isFalse();
    assertThat(t.isApproved()).isFalse();
    assertThat(t.channels()).isEmpty();
    assertThat(t.createdAt()).isNull();
    assertThat(t.isCustom()).isTrue();

    enqueue(200, "{\"id\":\"m1\",\"status\":\"carrier_hold\"}");
    SentMessage m = client.sendMessage(message().build());
    assertThat(m.status().value()).isEqualTo("carrier_hold");
    assertThat(m.isRejected()).isFalse();
    assertThat(m.rejectionInfo()).isEmpty();

    enqueue(200, "{\"data\":null}");
    assertThat(client.listOptOuts().stream().toList()).isEmpty();
  }

  @Test
  void anUnreadableSuccessBodyIsAnUnknownOutcomeNotACrash() {
    // after a 2xx, an unreadable body leaves the outcome unknown (issue 12, finding 1)
    enqueue(200, "{not json");
    assertThatThrownBy(() -> client.getOptimoveIntegration())
        .isInstanceOfSatisfying(
            io.campaignrelay.core.http.UnreadableResponseException.class,
            e -> assertThat(e.outcomeUnknown()).isTrue())
        .hasMessageContaining("could not be read");
  }
}
