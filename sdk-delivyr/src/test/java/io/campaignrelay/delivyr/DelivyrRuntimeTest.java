package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.outbox.FileMetricsOutbox;
import io.campaignrelay.core.runtime.CampaignJobs;
import io.campaignrelay.core.runtime.CampaignRecord;
import io.campaignrelay.core.runtime.InboundRequest;
import io.campaignrelay.core.runtime.InboundResponse;
import io.campaignrelay.core.runtime.ScheduledJob;
import io.campaignrelay.delivyr.models.OptimoveAccessType;
import io.campaignrelay.optimove.EngagementMetricsClient;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.OptimoveMetricsSink;
import io.campaignrelay.testkit.EngagementEvent;
import io.campaignrelay.testkit.FakeCustomer;
import io.campaignrelay.testkit.FakeDelivyr;
import io.campaignrelay.testkit.FakeOptimove;
import io.campaignrelay.testkit.ListenerCall;
import io.campaignrelay.testkit.ScheduledCampaign;
import io.campaignrelay.testkit.SimulatedClock;
import io.campaignrelay.testkit.SyntheticCustomers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Delivyr runtime through a simulated week, driven only by the fakes' events and the clock:
 * install, templates synced, an event-13 campaign in TEST (nothing sent) then in LIVE at its send
 * time, a triggered event-11 message, webhooks turned into engagement metrics, a restart on the
 * same files before day 4, the last metric pull on day 7.
 */
class DelivyrRuntimeTest {

  static final int CUSTOMERS = 300;
  static final String SECRET = "whsec-runtime-secret";
  static final String TOKEN = "listener-token-123-runtime-test";

  @TempDir Path state;
  SimulatedClock clock;
  FakeOptimove fakeOptimove;
  FakeDelivyr fakeDelivyr;
  MockWebServer host;
  OptimoveClient optimove;
  DelivyrClient delivyr;
  OptimoveMetricsSink sink;
  EngagementMetricsClient engagement;
  FileMetricsOutbox outbox;
  volatile DelivyrRuntime runtime;
  String scheduledTemplate;
  String triggeredTemplate;

  @BeforeEach
  void start() throws IOException {
    clock = SimulatedClock.create();
    fakeOptimove = FakeOptimove.builder().clock(clock).seed(5).start();
    fakeOptimove.addCustomers(
        CUSTOMERS + 20, SyntheticCustomers.builder().seed(5).invalidPhoneRate(0.02).build());
    fakeDelivyr =
        FakeDelivyr.builder()
            .clock(clock)
            .seed(5)
            .optimove(fakeOptimove)
            .outcomes(0.05, 0.03, 0.3)
            .start();
    scheduledTemplate =
        fakeDelivyr.addTemplate(
            "Spring sale",
            "Hi {{FIRST_NAME}}, 20% off: [%URL%]",
            "approved",
            List.of("scheduled"),
            "https://shop.example/spring");
    triggeredTemplate =
        fakeDelivyr.addTemplate(
            "Basket reminder",
            "Hi {{FIRST_NAME}}, your basket is waiting",
            "approved",
            List.of("triggered"),
            null);
    fakeDelivyr.addTemplate("Summer preview", "Summer", "pending", List.of("scheduled"), null);
    host = new MockWebServer();
    host.setDispatcher(new Host());
    host.start();
    optimove =
        OptimoveClient.builder()
            .clientOptions(options(fakeOptimove.baseUrl()))
            .credential(Secret.of(FakeOptimove.DEFAULT_API_KEY))
            .buildClient();
    delivyr =
        DelivyrClient.builder()
            .endpoint(fakeDelivyr.baseUrl())
            .credential(Secret.of(FakeDelivyr.DEFAULT_API_KEY))
            .clientOptions(options(fakeDelivyr.baseUrl()))
            .buildClient();
    EngagementMetricsClient engagement =
        EngagementMetricsClient.builder()
            .clientOptions(options(fakeOptimove.metricsBaseUrl()))
            .endpoint(fakeOptimove.metricsBaseUrl())
            .tenantId(Long.toString(fakeOptimove.tenantId()))
            .credential(Secret.of(FakeOptimove.DEFAULT_TENANT_TOKEN))
            .buildClient();
    this.engagement = engagement;
    sink = newSink();
    fakeDelivyr.deliverWebhooksTo(host.url("/delivyr/webhooks").toString(), SECRET);
  }

  @AfterEach
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
    outbox.close();
    host.close();
    fakeDelivyr.close();
    fakeOptimove.close();
  }

  /** The one writer to the engagement endpoint, through a file outbox in the state directory. */
  OptimoveMetricsSink newSink() {
    outbox =
        FileMetricsOutbox.open(
            state.resolve("metrics-outbox.log"),
            FileMetricsOutbox.Durability.SYNC,
            clock,
            Duration.ofDays(30));
    return OptimoveMetricsSink.builder()
        .engagementClient(engagement)
        .mapping(DelivyrMetrics.mapping())
        .outbox(outbox)
        .bufferSize(10_000)
        .clock(clock)
        .build();
  }

  ClientOptions options(String endpoint) {
    return ClientOptions.builder().endpoint(endpoint).clock(clock).sleeper(clock::sleep).build();
  }

  OptimoveIntegrationSettings settings() {
    return OptimoveIntegrationSettings.builder()
        .apiEndpoint("https://api5.optimove.net/")
        .apiKey(Secret.of(FakeOptimove.DEFAULT_API_KEY), OptimoveAccessType.INTEGRATIONS)
        .customerAttributes(FakeCustomer.MOBILE_NUMBER, FakeCustomer.FIRST_NAME)
        .tenant(
            Long.toString(fakeOptimove.tenantId()), Secret.of(FakeOptimove.DEFAULT_TENANT_TOKEN))
        .defaultUrl("https://shop.example/")
        .build();
  }

  DelivyrRuntime newRuntime() {
    return DelivyrRuntime.builder()
        .settings(settings())
        .delivyr(delivyr)
        .optimove(optimove)
        .metricsSink(sink)
        .webhookSecret(Secret.of(SECRET))
        .listenerToken(Secret.of(TOKEN))
        .listenerBaseUrl(host.url("/").toString())
        .stateDirectory(state)
        .clock(clock)
        .executionListener(
            new io.campaignrelay.core.execution.ExecutionListener() {
              @Override
              public void onProgress(io.campaignrelay.core.execution.ExecutionProgress p) {
                hostProgress.add(p);
              }
            })
        .build();
  }

  /** What the host's own listener saw of the runtime's campaign runs. */
  final List<io.campaignrelay.core.execution.ExecutionProgress> hostProgress =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The host application: its two endpoints only map onto the runtime's handlers. */
  final class Host extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      InboundRequest.Builder b =
          InboundRequest.builder(request.getMethod(), request.getUrl().encodedPath())
              .body(request.getBody() == null ? new byte[0] : request.getBody().toByteArray());
      String token = request.getUrl().queryParameter("token");
      if (token != null) {
        b.queryParameter("token", token);
      }
      request.getHeaders().forEach(h -> b.header(h.getFirst(), h.getSecond()));
      DelivyrRuntime r = runtime;
      if (r == null) {
        return new MockResponse.Builder().code(503).build();
      }
      InboundResponse answer =
          request.getUrl().encodedPath().endsWith(DelivyrRuntime.DELIVYR_WEBHOOKS_PATH)
              ? r.webhookHandler().handle(b.build())
              : r.optimoveEventHandler().handle(b.build());
      return new MockResponse.Builder()
          .code(answer.status())
          .body(new String(answer.jsonBody(), java.nio.charset.StandardCharsets.UTF_8))
          .build();
    }
  }

  ScheduledCampaign scheduleIn(Duration lead) {
    return fakeOptimove.addScheduledCampaign(
        452,
        List.of(TemplateIdMapping.toOptimoveTemplateId(scheduledTemplate)),
        LocalDateTime.ofInstant(clock.instant().plus(lead), ZoneOffset.UTC),
        CUSTOMERS,
        List.of());
  }

  CampaignRecord record(long campaignId) {
    return runtime
        .ledger()
        .find(CampaignRecord.keyOf(CampaignId.scheduled(campaignId), "452"))
        .orElseThrow();
  }

  void days(int from, int to) {
    for (int d = from; d <= to; d++) {
      clock.advanceDays(1);
      fakeDelivyr.deliverDueWebhooks();
      runtime.runDue();
    }
  }

  @Test
  void aWholeWeekFromInstallToTheLastMetricPull() {
    runtime = newRuntime();
    assertThat(runtime.testingMode()).isTrue();

    // install: settings on Delivyr (testing mode on), templates to 452/250, listeners registered;
    // the templates were created before the integration, so they get the Default URL
    clock.advance(Duration.ofMinutes(1));
    runtime.install();
    assertThat(fakeDelivyr.testingMode()).isTrue();
    assertThat(fakeOptimove.channelTemplates(452))
        .extracting(t -> t.templateId())
        .containsExactly(TemplateIdMapping.toOptimoveTemplateId(scheduledTemplate));
    assertThat(fakeOptimove.channelTemplates(250))
        .extracting(t -> t.templateId())
        .containsExactly(TemplateIdMapping.toOptimoveTemplateId(triggeredTemplate));
    assertThat(fakeOptimove.registeredListeners())
        .extracting(l -> l.eventTypeId() + "/" + l.channelId())
        .containsExactlyInAnyOrder("13/452", "11/250");
    assertThat(runtime.scheduler().job(DelivyrRuntime.TEMPLATES_SYNC)).isPresent();

    // TEST: an event-13 campaign runs at its time into the message log; nothing reaches Delivyr
    ScheduledCampaign test = scheduleIn(Duration.ofHours(2));
    assertThat(fakeOptimove.notifyCampaignProcessed(test.campaignId()))
        .extracting(ListenerCall::status)
        .containsExactly(202);
    runtime.runDue();
    assertThat(record(test.campaignId()).sentAt()).isEmpty();
    clock.advance(Duration.ofHours(2));
    runtime.runDue();
    assertThat(record(test.campaignId()).sentAt()).isPresent();
    assertThat(runtime.messageLog().byCampaign(CampaignId.scheduled(test.campaignId())))
        .isNotEmpty();
    assertThat(hostProgress) // the host's listener sees the runtime's run beside the runtime's own
        .anySatisfy(p -> assertThat(p.logged()).isPositive());
    assertThat(fakeDelivyr.sentMessages().isEmpty()).isTrue();
    assertThat(fakeDelivyr.loggedMessages().isEmpty()).isTrue(); // 0 calls to the send endpoints

    // TEST: a trigger renders into the message log too, and reaches nobody
    String testCustomer = SyntheticCustomers.customerId(CUSTOMERS + 1);
    int logBefore =
        runtime.messageLog().byCustomer(io.campaignrelay.core.CustomerId.of(testCustomer)).size();
    assertThat(
            fakeOptimove.fireTrigger(
                testCustomer,
                250,
                TemplateIdMapping.toOptimoveTemplateId(triggeredTemplate),
                "Basket reminder",
                "basket_abandoned",
                Map.of(),
                false))
        .extracting(ListenerCall::status)
        .containsExactly(202);
    runtime.runDue();
    assertThat(runtime.messageLog().byCustomer(io.campaignrelay.core.CustomerId.of(testCustomer)))
        .hasSize(logBefore + 1)
        .last()
        .satisfies(
            m ->
                assertThat(m.text())
                    .hasValueSatisfying(t -> assertThat(t).contains("your basket is waiting")));
    assertThat(fakeDelivyr.sentMessages().isEmpty()).isTrue();
    assertThat(fakeDelivyr.loggedMessages().isEmpty()).isTrue();

    // the one LIVE switch
    runtime.testingMode(false);
    assertThat(fakeDelivyr.testingMode()).isFalse();

    ScheduledCampaign live = scheduleIn(Duration.ofHours(3));
    assertThat(fakeOptimove.notifyCampaignProcessed(live.campaignId()))
        .extracting(ListenerCall::status)
        .containsExactly(202);
    runtime.runDue();
    int jobsAfterFirst = jobCount();
    // a repeated event 13 schedules nothing new
    assertThat(fakeOptimove.notifyCampaignProcessed(live.campaignId()))
        .extracting(ListenerCall::status)
        .containsExactly(200);
    runtime.runDue();
    assertThat(jobCount()).isEqualTo(jobsAfterFirst);
    clock.advance(Duration.ofHours(1));
    runtime.runDue();
    assertThat(fakeDelivyr.sentMessages().isEmpty()).isTrue(); // not before its time
    clock.advance(Duration.ofHours(2));
    runtime.runDue();
    CampaignRecord sent = record(live.campaignId());
    assertThat(sent.sentAt()).isPresent();
    int sentCount = fakeDelivyr.sentMessages().count();
    assertThat(sentCount).isGreaterThan(CUSTOMERS / 2);
    long engineDropped = Long.parseLong(sent.attribute("dropped").orElseThrow());
    long dispatched = Long.parseLong(sent.attribute("dispatched").orElseThrow());
    assertThat(sentCount).isEqualTo(dispatched);
    assertThat(fakeDelivyr.sentMessages().forCampaign(Long.toString(live.campaignId())).all())
        .allSatisfy(
            m -> assertThat(m.text()).contains("https://shop.example/").doesNotContain("spring"));
    // the template id bridge: Optimove's numeric TemplateID rendered Delivyr's template
    assertThat(fakeDelivyr.sentMessages().containing("20% off").count()).isEqualTo(sentCount);

    // a triggered event-11 message through the same engine
    String customer = SyntheticCustomers.customerId(CUSTOMERS + 3);
    int before = fakeDelivyr.sentMessages().forCustomer(customer).count();
    assertThat(
            fakeOptimove.fireTrigger(
                customer,
                250,
                TemplateIdMapping.toOptimoveTemplateId(triggeredTemplate),
                "Basket reminder",
                "basket_abandoned",
                Map.of("basket_value", "42"),
                true))
        .extracting(ListenerCall::status)
        .containsExactly(202);
    assertThat(fakeDelivyr.sentMessages().forCustomer(customer).count()).isEqualTo(before);
    runtime.runDue();
    assertThat(fakeDelivyr.sentMessages().forCustomer(customer).count()).isEqualTo(before + 1);
    assertThat(fakeDelivyr.sentMessages().forCustomer(customer).containing("basket").count())
        .isEqualTo(1);
    int afterTrigger = fakeDelivyr.sentMessages().count();

    // a template approved after the install reaches 452 with the next daily sync, with its own link
    String autumn =
        fakeDelivyr.addTemplate(
            "Autumn",
            "Autumn [%URL%]",
            "approved",
            List.of("scheduled"),
            "https://shop.example/autumn");

    // days 1-3, then the runtime is killed and restarted on the same files before day 4
    days(1, 3);
    assertThat(record(live.campaignId()).metricDaysDone()).containsExactly(1, 2, 3);
    assertThat(fakeOptimove.channelTemplates(452))
        .extracting(t -> t.templateId())
        .contains(TemplateIdMapping.toOptimoveTemplateId(autumn));
    runtime.close();
    outbox.close();
    sink = newSink();
    runtime = newRuntime();
    assertThat(runtime.testingMode()).isFalse(); // the explicit switch survives the restart
    days(4, 8);
    assertThat(record(live.campaignId()).metricDaysDone()).containsExactly(1, 2, 3, 4, 5, 6, 7);
    for (int d = 1; d <= 7; d++) {
      ScheduledJob job =
          runtime
              .scheduler()
              .job(CampaignJobs.metricsKey(CampaignId.scheduled(live.campaignId()), "452", d))
              .orElseThrow();
      assertThat(job.state()).isEqualTo(ScheduledJob.State.DONE);
      assertThat(job.runs()).isEqualTo(1);
    }
    assertThat(fakeDelivyr.sentMessages().count()).isEqualTo(afterTrigger); // nothing twice

    // engagement metrics with the guide's mapping, each Dropped once
    assertThat(sink.depth()).isZero();
    List<EngagementEvent> events = fakeOptimove.receivedEvents();
    long deliveredWebhooks =
        fakeDelivyr.webhookCalls().stream()
            .filter(c -> c.body().contains("\"message.delivered\""))
            .count();
    assertThat(events.stream().filter(e -> e.event().equals("Delivered")).count())
        .isEqualTo(deliveredWebhooks)
        .isPositive();
    Set<String> names = events.stream().map(EngagementEvent::event).collect(Collectors.toSet());
    assertThat(names).contains("Delivered", "Dropped", "Clicked");
    assertThat(names).doesNotContain("Sent", "Opened");
    List<String> dropped =
        events.stream()
            .filter(e -> e.event().equals("Dropped"))
            .filter(e -> e.context().toString().contains(Long.toString(live.campaignId())))
            .map(EngagementEvent::customer)
            .toList();
    // dropped once: the engine's own drops by the runtime, Delivyr's rejections by webhook
    assertThat(new HashSet<>(dropped)).hasSameSizeAs(dropped);
    assertThat((long) dropped.size()).isEqualTo(engineDropped);
    assertThat(engineDropped).isPositive();
    assertThat(fakeDelivyr.webhookCalls())
        .anySatisfy(c -> assertThat(c.body()).contains("message.rejected"));
    assertThat(fakeDelivyr.webhookCalls()).allSatisfy(c -> assertThat(c.status()).isIn(200, 202));
    assertThat(
            runtime
                .scheduler()
                .job(CampaignJobs.executeKey(CampaignId.scheduled(live.campaignId()), "452"))
                .orElseThrow()
                .runs())
        .isEqualTo(1);
  }

  int jobCount() {
    return ((io.campaignrelay.core.runtime.ClockScheduler) runtime.scheduler()).jobs().size();
  }

  @Test
  void forgedWebhooksAndListenerCallsWithoutTheTokenAreRefused() {
    runtime = newRuntime();
    String body =
        "{\"id\":\"evt_forged\",\"type\":\"message.delivered\",\"createdAt\":\""
            + clock.instant()
            + "\",\"data\":{\"messageId\":\"m1\",\"customerId\":\"C1\"}}";
    long t = clock.instant().getEpochSecond();
    InboundResponse forged =
        runtime
            .webhookHandler()
            .handle(
                InboundRequest.builder("POST", "/delivyr/webhooks")
                    .header(DelivyrWebhook.SIGNATURE_HEADER, "t=" + t + ",v1=" + "0".repeat(64))
                    .body(body)
                    .build());
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.outcome()).isEqualTo("bad_signature");
    InboundResponse unsigned =
        runtime
            .webhookHandler()
            .handle(InboundRequest.builder("POST", "/delivyr/webhooks").body(body).build());
    assertThat(unsigned.status()).isEqualTo(401);
    String sig = "t=" + t + ",v1=" + DelivyrWebhook.sign(t, body, Secret.of(SECRET));
    InboundRequest signed =
        InboundRequest.builder("POST", "/delivyr/webhooks")
            .header(DelivyrWebhook.SIGNATURE_HEADER, sig)
            .body(body)
            .build();
    assertThat(runtime.webhookHandler().handle(signed).status()).isIn(200, 202);
    assertThat(runtime.webhookHandler().handle(signed).outcome()).isEqualTo("duplicate");

    String event13 =
        "{\"EventTypeID\":13,\"TimeStamp\":\"2026-01-05 09:00\",\"CampaignID\":7,\"ChannelID\":452}";
    InboundResponse noToken =
        runtime
            .optimoveEventHandler()
            .handle(InboundRequest.builder("POST", "/optimove/events").body(event13).build());
    assertThat(noToken.status()).isEqualTo(401);
    InboundResponse wrong =
        runtime
            .optimoveEventHandler()
            .handle(
                InboundRequest.builder("POST", "/optimove/events")
                    .queryParameter("token", "guess")
                    .body(event13)
                    .build());
    assertThat(wrong.status()).isEqualTo(401);
    InboundResponse huge =
        runtime
            .optimoveEventHandler()
            .handle(
                InboundRequest.builder("POST", "/optimove/events")
                    .queryParameter("token", TOKEN)
                    .body("x".repeat(70_000))
                    .build());
    assertThat(huge.status()).isEqualTo(413);
    InboundResponse garbage =
        runtime
            .optimoveEventHandler()
            .handle(
                InboundRequest.builder("POST", "/optimove/events")
                    .queryParameter("token", TOKEN)
                    .body("{not json")
                    .build());
    assertThat(garbage.status()).isEqualTo(400);
    InboundResponse otherChannel =
        runtime
            .optimoveEventHandler()
            .handle(
                InboundRequest.builder("POST", "/optimove/events")
                    .queryParameter("token", TOKEN)
                    .body(event13.replace("452", "453"))
                    .build());
    assertThat(otherChannel.status()).isEqualTo(422);
    assertThat(fakeDelivyr.sentMessages().isEmpty()).isTrue();
    assertThat(jobCount()).isZero();
  }

  @Test
  void missingSettingsAreListedTogether() {
    assertThatThrownBy(() -> DelivyrRuntime.builder().listenerBaseUrl("ftp:/x").build())
        .isInstanceOf(ConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).problems())
                    .extracting(p -> p.field())
                    .contains(
                        "settings",
                        "delivyr",
                        "optimove",
                        "metricsSink",
                        "webhookSecret",
                        "listenerBaseUrl"));
  }

  @Test
  void aTriggerIdGivesItsOwnEngineCampaign() {
    assertThat(DelivyrCampaigns.digitsOf("a")).hasSize(16).startsWith("1");
    assertThat(DelivyrCampaigns.digitsOf("a")).isEqualTo(DelivyrCampaigns.digitsOf("a"));
    assertThat(DelivyrCampaigns.digitsOf("a")).isNotEqualTo(DelivyrCampaigns.digitsOf("b"));
    assertThat(ChannelId.TRIGGERED_SMS.value()).isEqualTo(250);
  }
}
