package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.CampaignExecutionException;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.execution.ExecutionReport;
import io.campaignrelay.core.execution.InMemoryExecutionJournal;
import io.campaignrelay.core.execution.JournalEntry;
import io.campaignrelay.core.execution.PublishedTemplate;
import io.campaignrelay.core.execution.RecipientState;
import io.campaignrelay.core.execution.ReconcileResult;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.RetryOptions;
import io.campaignrelay.core.messagelog.InMemoryMessageLog;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.core.template.TemplateRenderer;
import io.campaignrelay.delivyr.models.AttributeCheck;
import io.campaignrelay.delivyr.models.OptimoveAccessType;
import io.campaignrelay.delivyr.models.OptimoveIntegration;
import io.campaignrelay.delivyr.models.SendMessageRequest;
import io.campaignrelay.delivyr.models.SentMessage;
import io.campaignrelay.delivyr.models.WebhookEvent;
import io.campaignrelay.delivyr.models.WebhookEventType;
import io.campaignrelay.optimove.EngagementMetricsClient;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.OptimoveEvents;
import io.campaignrelay.optimove.OptimoveTargetSource;
import io.campaignrelay.optimove.models.CampaignEvent;
import io.campaignrelay.optimove.models.EventType;
import io.campaignrelay.optimove.models.OptimoveEvent;
import io.campaignrelay.optimove.models.TriggeredEvent;
import io.campaignrelay.testkit.ChannelTemplate;
import io.campaignrelay.testkit.FakeCustomer;
import io.campaignrelay.testkit.FakeDelivyr;
import io.campaignrelay.testkit.FakeOptimove;
import io.campaignrelay.testkit.Fault;
import io.campaignrelay.testkit.FaultScript;
import io.campaignrelay.testkit.ScheduledCampaign;
import io.campaignrelay.testkit.SimulatedClock;
import io.campaignrelay.testkit.SyntheticCustomers;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guide end to end against the testkit's fake Delivyr and fake Optimove, on one simulated clock
 * (nothing sleeps): settings validated and installed, the find-attributes dry check, approved
 * templates synced to 452 and 250, a scheduled campaign of 2,000 customers run by core's engine in
 * TEST then LIVE, a crash in the middle and a resume, an event-11 triggered message, signed
 * webhooks and the engagement metrics reported with the guide's mapping.
 */
class DelivyrEndToEndTest {

  static final int CUSTOMERS = 2_000;
  static final String WEBHOOK_SECRET = "whsec-e2e-signing-secret";
  static final String PROMO = "SPRING20";

  SimulatedClock clock;
  FakeOptimove fakeOptimove;
  FakeDelivyr fakeDelivyr;
  MockWebServer host;
  OptimoveClient optimove;
  EngagementMetricsClient engagement;
  final DelivyrWebhook verifier = DelivyrWebhook.create();
  final ConcurrentLinkedQueue<WebhookEvent> webhooks = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<OptimoveEvent> optimoveEvents = new ConcurrentLinkedQueue<>();
  final AtomicInteger webhooksRefused = new AtomicInteger();
  final AtomicInteger webhooksReplayed = new AtomicInteger();

  OptimoveIntegrationSettings settings;
  String scheduledTemplate;
  String triggeredTemplate;
  String pendingTemplate;
  ScheduledCampaign lastScheduled;

  @BeforeEach
  void start() throws IOException {
    clock = SimulatedClock.create();
    fakeOptimove = FakeOptimove.builder().clock(clock).seed(11).start();
    fakeOptimove.addCustomers(
        CUSTOMERS + 10, SyntheticCustomers.builder().seed(11).invalidPhoneRate(0.01).build());
    host = new MockWebServer();
    host.setDispatcher(new Host());
    host.start();
    optimove =
        OptimoveClient.builder()
            .clientOptions(options(fakeOptimove.baseUrl()))
            .credential(Secret.of(FakeOptimove.DEFAULT_API_KEY))
            .buildClient();
    engagement =
        EngagementMetricsClient.builder()
            .clientOptions(options(fakeOptimove.metricsBaseUrl()))
            .endpoint(fakeOptimove.metricsBaseUrl())
            .tenantId(Long.toString(fakeOptimove.tenantId()))
            .credential(Secret.of(FakeOptimove.DEFAULT_TENANT_TOKEN))
            .buildClient();
  }

  void startDelivyr(FaultScript faults) {
    fakeDelivyr =
        FakeDelivyr.builder()
            .clock(clock)
            .seed(11)
            .optimove(fakeOptimove)
            .outcomes(0.05, 0.02, 0.4)
            .faults(faults)
            .start();
    scheduledTemplate =
        fakeDelivyr.addTemplate(
            "Spring sale",
            "Hi {{FIRST_NAME}}, 20% off with [%PROMO_CODE%]: [%URL%]",
            "approved",
            List.of("scheduled"),
            "https://shop.example/spring");
    triggeredTemplate =
        fakeDelivyr.addTemplate(
            "Basket reminder",
            "Hi {{FIRST_NAME}}, your basket is waiting: https://shop.example/basket",
            "approved",
            List.of("triggered"),
            null);
    pendingTemplate =
        fakeDelivyr.addTemplate(
            "Summer preview", "Summer is coming", "pending", List.of("scheduled"), null);
  }

  @AfterEach
  void stop() {
    host.close();
    if (fakeDelivyr != null) {
      fakeDelivyr.close();
    }
    fakeOptimove.close();
  }

  ClientOptions options(String endpoint) {
    return ClientOptions.builder().endpoint(endpoint).clock(clock).sleeper(clock::sleep).build();
  }

  DelivyrClient delivyr(RetryOptions retries) {
    return DelivyrClient.builder()
        .endpoint(fakeDelivyr.baseUrl())
        .credential(Secret.of(FakeDelivyr.DEFAULT_API_KEY))
        .clientOptions(options(fakeDelivyr.baseUrl()))
        .retryOptions(retries)
        .buildClient();
  }

  /** The host application: Optimove's event listener and Delivyr's webhook receiver. */
  final class Host extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String body = request.getBody() == null ? "" : request.getBody().utf8();
      if (request.getUrl().encodedPath().equals("/delivyr/webhooks")) {
        try {
          webhooks.add(
              verifier.verifyAndParse(
                  body,
                  request.getHeaders().get(DelivyrWebhook.SIGNATURE_HEADER),
                  Secret.of(WEBHOOK_SECRET),
                  clock));
          return new MockResponse.Builder().code(200).build();
        } catch (WebhookReplayException e) {
          webhooksReplayed.incrementAndGet();
          return new MockResponse.Builder().code(200).build();
        } catch (WebhookVerificationException e) {
          webhooksRefused.incrementAndGet();
          return new MockResponse.Builder().code(401).build();
        }
      }
      optimoveEvents.add(OptimoveEvents.parse(body));
      return new MockResponse.Builder().code(200).build();
    }
  }

  // ------------------------------------------------------------------ steps

  OptimoveIntegrationSettings.Builder validSettings() {
    return OptimoveIntegrationSettings.builder()
        .apiEndpoint("https://api5.optimove.net/")
        .apiKey(Secret.of(FakeOptimove.DEFAULT_API_KEY), OptimoveAccessType.INTEGRATIONS)
        .customerAttributes(FakeCustomer.MOBILE_NUMBER, FakeCustomer.FIRST_NAME)
        .tenant(
            Long.toString(fakeOptimove.tenantId()), Secret.of(FakeOptimove.DEFAULT_TENANT_TOKEN))
        .defaultUrl("https://shop.example/");
  }

  /** Settings validated before any call, installed, then the find-attributes dry check. */
  void installAndCheck(DelivyrClient delivyr) {
    long before = fakeDelivyr.requestCount();
    assertThatThrownBy(
            () ->
                OptimoveIntegrationSettings.builder()
                    .apiEndpoint("https://api5.optimove.net")
                    .apiKey(Secret.of("admin-key-value"), OptimoveAccessType.ADMIN)
                    .customerAttributes(FakeCustomer.FIRST_NAME, FakeCustomer.MOBILE_NUMBER)
                    .tenantId(Long.toString(fakeOptimove.tenantId()))
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).problems())
                    .extracting(ConfigurationProblem::field)
                    .contains(
                        "apiEndpoint", "apiKeyAccessType", "customerAttributes", "tenantToken"))
        .hasMessageNotContaining("admin-key-value");
    assertThat(fakeDelivyr.requestCount()).isEqualTo(before);

    settings = validSettings().build();
    assertThat(settings.testingMode()).isTrue();
    delivyr.putOptimoveIntegration(settings);
    assertThat(fakeDelivyr.testingMode()).isTrue();
    assertThat(fakeDelivyr.integrationSettings().get("apiKeySet").asBoolean()).isTrue();
    assertThat(fakeDelivyr.integrationSettings().get("customerAttributes").get(0).asText())
        .isEqualTo(FakeCustomer.MOBILE_NUMBER);
    OptimoveIntegration installed = delivyr.getOptimoveIntegration();
    assertThat(installed.installed()).isTrue();
    assertThat(installed.testingMode()).isTrue();
    assertThat(installed.apiKeySet()).isTrue();
    assertThat(installed.tenantTokenSet()).isTrue();
    assertThat(installed.tenantId()).isEqualTo(Long.toString(fakeOptimove.tenantId()));
    assertThat(installed.phoneNumberAttribute()).contains(FakeCustomer.MOBILE_NUMBER);
    assertThat(installed.defaultUrl()).isEqualTo("https://shop.example/");
    // neither the spec nor the fake carries enabledAt: the default-URL cut-off is the caller's
    assertThat(installed.enabledSince()).isEmpty();

    String sample = SyntheticCustomers.customerId(0);
    AttributeCheck check = delivyr.checkOptimoveAttributes(settings, sample);
    // The fake Optimove key is not scoped: Delivyr sees every attribute, so the guide's warning.
    assertThat(check.overPermissive()).isTrue();
    assertThat(check.extra())
        .containsExactly(
            FakeCustomer.LAST_NAME,
            FakeCustomer.EMAIL,
            FakeCustomer.COUNTRY,
            FakeCustomer.LANGUAGE);
    assertThat(check.missing()).isEmpty();
    assertThat(check.phoneSampleValue())
        .isEqualTo(fakeOptimove.customer(sample).orElseThrow().mobileNumber());
    assertThat(check.summary()).contains("over-permissive").contains("LAST_NAME");
  }

  /** Approved templates only, to 452 (scheduled) and 250 (triggered). */
  void syncTemplates(DelivyrClient delivyr) {
    Map<ChannelId, List<PublishedTemplate>> synced =
        DelivyrTemplateSync.create(delivyr, optimove).sync();
    assertThat(synced.get(ChannelId.SCHEDULED_SMS)).hasSize(1);
    assertThat(synced.get(ChannelId.TRIGGERED_SMS)).hasSize(1);
    assertOnlyTemplateIn(452, scheduledTemplate, "Spring sale");
    assertOnlyTemplateIn(250, triggeredTemplate, "Basket reminder");
    long pendingId = TemplateIdMapping.toOptimoveTemplateId(pendingTemplate);
    assertThat(fakeOptimove.channelTemplates(452))
        .noneMatch(t -> t.templateId() == pendingId)
        .allMatch(t -> t.templateName().startsWith(scheduledTemplate + " - "));
  }

  void assertOnlyTemplateIn(int channelId, String delivyrId, String name) {
    assertThat(fakeOptimove.channelTemplates(channelId))
        .containsExactly(
            new ChannelTemplate(
                channelId,
                TemplateIdMapping.toOptimoveTemplateId(delivyrId),
                TemplateIdMapping.optimoveTemplateName(delivyrId, name)));
  }

  /** Optimove schedules the campaign and tells the listener (event 13 on 452). */
  Campaign scheduleCampaign(String listener) {
    optimove.createEventListener(EventType.CHANNEL_EXECUTED, listener, ChannelId.SCHEDULED_SMS);
    ScheduledCampaign scheduled =
        fakeOptimove.addScheduledCampaign(
            452,
            List.of(TemplateIdMapping.toOptimoveTemplateId(scheduledTemplate)),
            LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
            CUSTOMERS,
            List.of(PROMO));
    lastScheduled = scheduled;
    fakeOptimove.notifyCampaignProcessed(scheduled.campaignId());
    CampaignEvent event = null;
    for (OptimoveEvent e; (e = optimoveEvents.poll()) != null; ) {
      if (e instanceof CampaignEvent c && EventType.CHANNEL_EXECUTED.equals(c.eventType())) {
        event = c;
      }
    }
    assertThat(event).isNotNull();
    assertThat(event.campaignId()).isEqualTo(scheduled.campaignId());
    return Campaign.builder()
        .kind(CampaignKind.SCHEDULED)
        .id(CampaignId.scheduled(event.campaignId()))
        .channel(ChannelId.of(event.channelId()))
        .templateId(TemplateId.of(TemplateIdMapping.toOptimoveTemplateId(scheduledTemplate)))
        .sendTime(clock.instant())
        .promoCodes(List.of(PROMO))
        .targetedCount(CUSTOMERS)
        .build();
  }

  /** The engine's view of the scheduled template, by its Optimove TemplateID. */
  Function<TemplateId, Template> templates(DelivyrClient delivyr, Campaign campaign) {
    Template t =
        DelivyrTemplateSource.create(delivyr)
            .template(TemplateId.of(scheduledTemplate))
            .orElseThrow();
    return id -> id.equals(campaign.templateId()) ? t : null;
  }

  /** Records the engine's own drops (reported to Optimove as Dropped: Delivyr never saw them). */
  static final class Drops implements ExecutionListener {
    final Map<String, RejectionReason> byCustomer = new LinkedHashMap<>();

    @Override
    public synchronized void onDropped(CustomerId customer, RejectionReason reason, String d) {
      byCustomer.put(customer.value(), reason);
    }
  }

  CampaignExecutor executor(
      DelivyrClient delivyr,
      InMemoryExecutionJournal journal,
      ExecutionListener listener,
      int batchSize) {
    return CampaignExecutor.builder()
        .targetSource(
            OptimoveTargetSource.builder()
                .client(optimove)
                .customerAttributes(settings.customerAttributes())
                .phoneAttribute(settings.phoneNumberAttribute())
                .build())
        .renderer(
            TemplateRenderer.builder()
                .defaultUrl(URI.create(settings.defaultUrl().orElseThrow()))
                .build())
        .channel(DelivyrMessageChannel.create(delivyr, ExecutionMode.LIVE))
        .journal(journal)
        .batchSize(batchSize)
        .clock(clock)
        .listener(listener)
        .build();
  }

  void turnTestingModeOff(DelivyrClient delivyr) {
    settings = settings.toBuilder().testingMode(false).build();
    delivyr.putOptimoveIntegration(settings);
    assertThat(fakeDelivyr.testingMode()).isFalse();
  }

  /** Every target exactly once: accepted or rejected by Delivyr, or dropped by the engine. */
  void assertEachTargetHandledOnce(Campaign campaign, Drops drops) {
    String ref = campaign.id().value();
    fakeDelivyr.sentMessages().forCampaign(ref).assertNoDuplicates();
    List<io.campaignrelay.testkit.SentMessage> atDelivyr =
        fakeDelivyr.loggedMessages().forCampaign(ref).all();
    Map<String, Long> perCustomer =
        atDelivyr.stream()
            .collect(
                Collectors.groupingBy(
                    io.campaignrelay.testkit.SentMessage::customerId, Collectors.counting()));
    assertThat(perCustomer.values()).allMatch(n -> n == 1L);
    // a customer both at Delivyr and dropped was rejected by Delivyr (reported back as Dropped)
    for (io.campaignrelay.testkit.SentMessage m : atDelivyr) {
      if (drops.byCustomer.containsKey(m.customerId())) {
        assertThat(fakeDelivyr.statusOf(m.id())).contains("rejected");
      }
    }
    Set<String> handled = new HashSet<>(perCustomer.keySet());
    handled.addAll(drops.byCustomer.keySet());
    Set<String> targets = new HashSet<>();
    for (FakeCustomer c : lastScheduled.targets()) {
      targets.add(c.customerId());
    }
    assertThat(handled).isEqualTo(targets);
    assertThat(atDelivyr).noneMatch(io.campaignrelay.testkit.SentMessage::testMode);
  }

  // ------------------------------------------------------------------ the flow

  @Test
  void theGuideEndToEnd() {
    startDelivyr(FaultScript.none());
    DelivyrClient delivyr = delivyr(RetryOptions.defaults());
    String listener = host.url("/optimove/events").toString();
    fakeDelivyr.deliverWebhooksTo(host.url("/delivyr/webhooks").toString(), WEBHOOK_SECRET);

    installAndCheck(delivyr);
    syncTemplates(delivyr);
    Campaign campaign = scheduleCampaign(listener);
    Function<TemplateId, Template> templates = templates(delivyr, campaign);

    // TEST: the engine writes the message log and calls no channel: no request reaches Delivyr
    long delivyrRequests = fakeDelivyr.requestCount();
    InMemoryMessageLog log = new InMemoryMessageLog();
    ExecutionReport test =
        executor(delivyr, InMemoryExecutionJournal.create(), new Drops(), 0).toBuilder()
            .messageLog(log)
            .build()
            .execute(campaign, templates, ExecutionMode.TEST);
    assertThat(fakeDelivyr.requestCount()).isEqualTo(delivyrRequests);
    assertThat(fakeDelivyr.loggedMessages().isEmpty()).isTrue();
    assertThat(test.targeted()).isEqualTo(CUSTOMERS);
    assertThat(test.dispatched()).isZero();
    assertThat(test.logged()).isEqualTo(log.size()).isEqualTo(CUSTOMERS - test.dropped());
    assertThat(test.dropped()).isPositive(); // the synthetic tenant has invalid phone numbers

    // LIVE: testing mode turned off explicitly; each customer sent exactly once
    turnTestingModeOff(delivyr);
    String optedOut = lastScheduled.targets().get(7).mobileNumber();
    fakeDelivyr.addOptOut(optedOut);
    Drops drops = new Drops();
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    ExecutionReport live =
        executor(delivyr, journal, drops, 0).execute(campaign, templates, ExecutionMode.LIVE);
    assertThat(live.targeted()).isEqualTo(CUSTOMERS);
    assertThat(live.dispatched() + live.dropped()).isEqualTo(CUSTOMERS);
    assertThat(live.uncertain()).isZero();
    assertEachTargetHandledOnce(campaign, drops);
    assertThat(fakeDelivyr.sentMessages().forCampaign(campaign.id().value()).count())
        .isEqualTo((int) live.dispatched());
    assertThat(fakeDelivyr.loggedMessages().forCampaign(campaign.id().value()).count())
        .isEqualTo((int) live.dispatched() + countDelivyrRejections(campaign));
    assertThat(countDelivyrRejections(campaign)).isPositive();
    assertThat(fakeDelivyr.sentMessages().to(optedOut).isEmpty()).isTrue();
    assertThat(drops.byCustomer)
        .containsEntry(lastScheduled.targets().get(7).customerId(), RejectionReason.OPTED_OUT);
    io.campaignrelay.testkit.SentMessage first =
        fakeDelivyr.sentMessages().forCampaign(campaign.id().value()).all().get(0);
    FakeCustomer firstCustomer = fakeOptimove.customer(first.customerId()).orElseThrow();
    assertThat(first.text())
        .isEqualTo(
            "Hi "
                + firstCustomer.firstName()
                + ", 20% off with "
                + PROMO
                + ": https://shop.example/spring");
    // running it again changes nothing: the journal knows every recipient
    long before = fakeDelivyr.requestCount();
    ExecutionReport again =
        executor(delivyr, journal, new Drops(), 0).execute(campaign, templates, ExecutionMode.LIVE);
    assertThat(again.skipped()).isEqualTo(CUSTOMERS);
    assertThat(fakeDelivyr.requestCount()).isEqualTo(before);

    // an event-11 triggered message, with and without personalInfo in the payload
    List<SentMessage> triggered = runTriggers(delivyr);
    assertThat(triggered).hasSize(2).noneMatch(SentMessage::isRejected);
    for (int i = 0; i < 2; i++) {
      FakeCustomer c =
          fakeOptimove.customer(SyntheticCustomers.customerId(CUSTOMERS + i)).orElseThrow();
      assertThat(
              fakeDelivyr
                  .sentMessages()
                  .forCustomer(c.customerId())
                  .forCampaign("2.38")
                  .single()
                  .text())
          .isEqualTo(
              "Hi " + c.firstName() + ", your basket is waiting: https://shop.example/basket");
    }

    // a few days pass: Delivyr's signed webhooks arrive, a customer texts STOP
    clock.advance(Duration.ofDays(1));
    String stopper =
        fakeDelivyr.sentMessages().forCampaign(campaign.id().value()).all().get(3).to();
    fakeDelivyr.simulateStopReply(stopper);
    clock.advance(Duration.ofDays(3));
    fakeDelivyr.deliverDueWebhooks();
    assertThat(webhooksRefused.get()).isZero();
    List<WebhookEvent> received = new ArrayList<>(webhooks);
    assertThat(received)
        .extracting(WebhookEvent::type)
        .contains(
            WebhookEventType.MESSAGE_DELIVERED,
            WebhookEventType.MESSAGE_UNDELIVERED,
            WebhookEventType.MESSAGE_REJECTED,
            WebhookEventType.MESSAGE_CLICKED,
            WebhookEventType.CONTACT_OPTED_OUT);
    assertThat(fakeDelivyr.webhookCalls()).allMatch(c -> c.status() == 200);

    // engagement metrics through Optimove's signed endpoint, with the guide's mapping, by the one
    // writer of engagement events: OptimoveMetricsSink (through its outbox)
    io.campaignrelay.optimove.OptimoveMetricsSink sink =
        io.campaignrelay.optimove.OptimoveMetricsSink.builder()
            .engagementClient(engagement)
            .mapping(DelivyrMetrics.mapping())
            .channel(ChannelId.SCHEDULED_SMS)
            .clock(clock)
            .build();
    List<WebhookEvent> forwarded = new ArrayList<>();
    for (WebhookEvent w : received) {
      if (DelivyrMetrics.forward(w, sink)) {
        forwarded.add(w);
      }
    }
    Set<String> atDelivyr = new HashSet<>();
    fakeDelivyr
        .loggedMessages()
        .forCampaign(campaign.id().value())
        .all()
        .forEach(m -> atDelivyr.add(m.customerId()));
    int[] engineDrops = {0};
    drops.byCustomer.forEach(
        (customer, reason) -> {
          if (!atDelivyr.contains(customer)) {
            engineDrops[0]++;
            sink.accept(
                new io.campaignrelay.core.metrics.DeliveryEvent(
                    "engine-drop-" + customer,
                    campaign.id(),
                    io.campaignrelay.core.CustomerId.of(customer),
                    io.campaignrelay.core.metrics.DeliveryOutcome.rejected(reason),
                    clock.instant()));
          }
        });
    assertThat(engineDrops[0]).isPositive();
    assertThat(sink.flush().isComplete()).isTrue();
    assertThat(sink.depth()).isZero();

    Map<String, Long> expected = new HashMap<>();
    for (WebhookEvent w : forwarded) {
      expected.merge(guideName(w.type()), 1L, Long::sum);
    }
    expected.merge("Dropped", (long) engineDrops[0], Long::sum);
    Map<String, Long> atOptimove =
        fakeOptimove.receivedEvents().stream()
            .collect(
                Collectors.groupingBy(
                    io.campaignrelay.testkit.EngagementEvent::event, Collectors.counting()));
    assertThat(atOptimove).isEqualTo(expected);
    assertThat(atOptimove.keySet())
        .containsExactlyInAnyOrder("Delivered", "Clicked", "Dropped", "Bounced", "Unsubscribed")
        .doesNotContain("Sent", "Opened", "Spam Reported");
    assertThat(forwarded).isNotEmpty();
    assertThat(fakeOptimove.receivedEvents())
        .allMatch(e -> e.category().equals("metric") && !e.customer().isEmpty());
    // Sent is never reported: it is derived, Targeted - Dropped
    long droppedScheduled =
        fakeOptimove.receivedEvents().stream()
            .filter(e -> e.event().equals("Dropped"))
            .filter(
                e ->
                    campaign
                        .id()
                        .value()
                        .equals(
                            e.context()
                                .path(io.campaignrelay.optimove.OptimoveMetricsSink.CAMPAIGN_KEY)
                                .asText()))
            .count();
    assertThat(DelivyrMetrics.sent(CUSTOMERS, droppedScheduled))
        .isEqualTo(CUSTOMERS - live.dropped())
        .isEqualTo(live.dispatched());
  }

  int countDelivyrRejections(Campaign campaign) {
    int n = 0;
    for (io.campaignrelay.testkit.SentMessage m :
        fakeDelivyr.loggedMessages().forCampaign(campaign.id().value()).all()) {
      if (fakeDelivyr.statusOf(m.id()).orElse("").equals("rejected")) {
        n++;
      }
    }
    return n;
  }

  static String guideName(WebhookEventType type) {
    if (type.equals(WebhookEventType.MESSAGE_DELIVERED)) {
      return "Delivered";
    }
    if (type.equals(WebhookEventType.MESSAGE_CLICKED)) {
      return "Clicked";
    }
    if (type.equals(WebhookEventType.MESSAGE_REJECTED)) {
      return "Dropped";
    }
    if (type.equals(WebhookEventType.MESSAGE_UNDELIVERED)) {
      return "Bounced";
    }
    if (type.equals(WebhookEventType.CONTACT_OPTED_OUT)) {
      return "Unsubscribed";
    }
    throw new AssertionError("not in the guide's table: " + type);
  }

  List<SentMessage> runTriggers(DelivyrClient delivyr) {
    optimove.createEventListener(
        EventType.TRIGGERED, host.url("/optimove/events").toString(), ChannelId.TRIGGERED_SMS);
    long templateId = TemplateIdMapping.toOptimoveTemplateId(triggeredTemplate);
    for (int i = 0; i < 2; i++) {
      fakeOptimove.fireTrigger(
          SyntheticCustomers.customerId(CUSTOMERS + i),
          250,
          templateId,
          "Basket reminder",
          "basket_abandoned",
          Map.of("basket_value", "42"),
          i == 0);
    }
    TriggeredMessageBuilder builder =
        TriggeredMessageBuilder.builder()
            .settings(settings)
            .attributeLookup(CustomerAttributeLookup.optimove(optimove))
            .mode(ExecutionMode.LIVE)
            .build();
    List<SentMessage> out = new ArrayList<>();
    for (OptimoveEvent e; (e = optimoveEvents.poll()) != null; ) {
      if (e instanceof TriggeredEvent t) {
        SendMessageRequest request = builder.build(t);
        assertThat(request.testMode()).isFalse();
        out.add(delivyr.sendMessage(request));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ crash and resume

  @Test
  void aCrashMidCampaignResumesWithTheSameJournalWithoutLossOrDuplicates() {
    // The answer to the third batch is lost after Delivyr processed it (the process "dies" there:
    // no retries), then the campaign runs again with the same journal.
    startDelivyr(
        FaultScript.builder()
            .failCall("POST messages/batch", 3, Fault.disconnectAfterRequest())
            .build());
    DelivyrClient delivyr = delivyr(RetryOptions.none());
    installAndCheck(delivyr);
    Campaign campaign = scheduleCampaign(host.url("/optimove/events").toString());
    Function<TemplateId, Template> templates = templates(delivyr, campaign);
    turnTestingModeOff(delivyr);
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    Drops drops = new Drops();

    assertThatThrownBy(
            () ->
                executor(delivyr, journal, drops, 250)
                    .execute(campaign, templates, ExecutionMode.LIVE))
        .isInstanceOf(CampaignExecutionException.class)
        .hasMessageContaining("PENDING");
    List<JournalEntry> pending = journal.pending(campaign.id());
    assertThat(pending).hasSize(250).allMatch(e -> e.state() == RecipientState.PENDING);
    // Delivyr did process the lost batch: those customers already got their message. Up to four
    // batches are in flight at once, so the third call to arrive may carry any of the first four
    // batches, and until the engine has that batch's failure up to three more may leave beside
    // it; they are answered and recorded before the run stops.
    int afterCrash = fakeDelivyr.loggedMessages().forCampaign(campaign.id().value()).count();
    assertThat(afterCrash).isBetween(750, 1750);
    assertThat(afterCrash % 250).isZero();

    ExecutionReport resumed =
        executor(delivyr, journal, drops, 250).execute(campaign, templates, ExecutionMode.LIVE);
    // The re-run asks Delivyr's Message Log first: the lost batch is found there, so none of it
    // goes out again.
    assertThat(resumed.resent()).isZero();
    assertThat(
            resumed.reconciled().getOrDefault(ReconcileResult.Status.SENT, 0L)
                + resumed.reconciled().getOrDefault(ReconcileResult.Status.REJECTED, 0L))
        .isEqualTo(250);
    assertThat(resumed.skipped()).isGreaterThanOrEqualTo(500);
    assertThat(resumed.uncertain()).isZero();
    assertThat(journal.pending(campaign.id())).isEmpty();
    assertThat(fakeDelivyr.injectedFaults()).hasSize(1);
    assertEachTargetHandledOnce(campaign, drops);
  }

  @Test
  void aLostAnswerIsRetriedWithTheSameKeyAndDelivyrReplaysIt() {
    // With the default retries the client re-sends the batch with its Idempotency-Key: Delivyr
    // answers the first result again and sends nothing new, so the engine never sees the fault.
    startDelivyr(
        FaultScript.builder()
            .failCall("POST messages/batch", 2, Fault.disconnectAfterRequest())
            .build());
    DelivyrClient delivyr = delivyr(RetryOptions.defaults());
    settings = validSettings().testingMode(false).build();
    delivyr.putOptimoveIntegration(settings);
    Campaign campaign = scheduleCampaign(host.url("/optimove/events").toString());
    Drops drops = new Drops();
    ExecutionReport report =
        executor(delivyr, InMemoryExecutionJournal.create(), drops, 500)
            .execute(campaign, templates(delivyr, campaign), ExecutionMode.LIVE);
    assertThat(fakeDelivyr.injectedFaults()).hasSize(1);
    assertThat(report.dispatched() + report.dropped()).isEqualTo(CUSTOMERS);
    assertThat(report.uncertain()).isZero();
    assertThat(report.resent()).isZero();
    assertEachTargetHandledOnce(campaign, drops);
  }
}
