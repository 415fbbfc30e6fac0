package io.campaignrelay.examples;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.messagelog.MessageStatus;
import io.campaignrelay.core.runtime.ClockScheduler;
import io.campaignrelay.core.runtime.InboundResponse;
import io.campaignrelay.delivyr.DelivyrClient;
import io.campaignrelay.delivyr.DelivyrMetrics;
import io.campaignrelay.delivyr.DelivyrRuntime;
import io.campaignrelay.delivyr.OptimoveIntegrationSettings;
import io.campaignrelay.delivyr.models.OptimoveAccessType;
import io.campaignrelay.jdbc.JdbcStore;
import io.campaignrelay.optimove.OptimoveMetricsSink;
import io.campaignrelay.testkit.FakeCustomer;
import io.campaignrelay.testkit.FakeOptimove;
import io.campaignrelay.testkit.ScheduledCampaign;
import io.campaignrelay.testkit.SyntheticCustomers;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's Delivyr flow on {@link DelivyrRuntime}: configuration, then the runtime does the rest.
 * It installs the settings, syncs approved templates to 452 and 250 and registers its listeners;
 * Optimove's event 13 and event 11 reach its handler over HTTP, campaigns run at their time, and
 * Delivyr's signed webhooks reach its webhook handler and become engagement metrics through {@link
 * OptimoveMetricsSink}. TEST first (testing mode, on by default), then LIVE through the runtime's
 * one switch. State: the embedded H2 store ({@link JdbcStore#h2}) in a temporary directory.
 */
final class DelivyrDemo implements AutoCloseable {

  /** Optimove's campaign id of the triggered campaign in the fake's event-11 payloads. */
  static final CampaignId TRIGGERED_CAMPAIGN = CampaignId.triggered("2.38");

  static final String WEBHOOK_SECRET = "whsec-demo-signing-secret";

  private final OfflineVendors world;
  private final PrintStream out;
  private final int customers;
  private final int triggers;
  private final Path state;
  private final AtomicLong webhooks = new AtomicLong();
  private DelivyrClient client;
  private JdbcStore store;
  private volatile DelivyrRuntime runtime;
  private ClockScheduler scheduler;
  private String triggeredTemplate;
  private String scheduledTemplate;
  private ScheduledCampaign testCampaign;
  private ScheduledCampaign liveCampaign;

  DelivyrDemo(OfflineVendors world, PrintStream out, int customers, int triggers, Path state) {
    this.world = world;
    this.out = out;
    this.customers = customers;
    this.triggers = triggers;
    this.state = state;
    this.client = world.delivyrClient();
    world.host().mount("/optimove/events", r -> runtime.optimoveEventHandler().handle(r));
    world.host().mount("/delivyr/webhooks", this::onWebhook);
  }

  /** The runtime on the H2 store in {@code state}; a restart builds it again on the same file. */
  DelivyrRuntime start(DelivyrClient delivyr) {
    this.client = delivyr;
    store = JdbcStore.h2(state.resolve("campaign-relay"));
    scheduler = ClockScheduler.builder().clock(world.clock()).jobStore(store.jobStore()).build();
    OptimoveIntegrationSettings settings =
        OptimoveIntegrationSettings.builder()
            .apiEndpoint("https://api5.optimove.net/")
            .apiKey(Secret.of(FakeOptimove.DEFAULT_API_KEY), OptimoveAccessType.INTEGRATIONS)
            .customerAttributes(FakeCustomer.MOBILE_NUMBER, FakeCustomer.FIRST_NAME)
            .tenant(
                Long.toString(world.optimove().tenantId()),
                Secret.of(FakeOptimove.DEFAULT_TENANT_TOKEN))
            .defaultUrl("https://shop.example/")
            .build();
    runtime =
        DelivyrRuntime.builder()
            .settings(settings)
            .delivyr(delivyr)
            .optimove(world.optimoveClient())
            .metricsSink(
                OptimoveMetricsSink.builder()
                    .engagementClient(world.engagementClient())
                    .mapping(DelivyrMetrics.mapping())
                    // the sink's keys; Delivyr's campaigns are on 452 (numeric ids) or 250
                    .context(
                        e ->
                            Map.of(
                                OptimoveMetricsSink.CAMPAIGN_KEY,
                                e.campaignId().value(),
                                OptimoveMetricsSink.CHANNEL_KEY,
                                e.campaignId().isNumeric()
                                    ? ChannelId.SCHEDULED_SMS.value()
                                    : ChannelId.TRIGGERED_SMS.value()))
                    .outbox(store.metricsOutbox())
                    .bufferSize(OfflineVendors.ENGAGEMENT_BATCH_SIZE)
                    .clock(world.clock())
                    .build())
            .webhookSecret(Secret.of(WEBHOOK_SECRET))
            .listenerToken(Secret.of("demo-listener-token"))
            .listenerBaseUrl(world.host().baseUrl())
            .scheduler(scheduler)
            .ledger(store.campaignLedger())
            .journal(store.executionJournal())
            .processedIds(store.processedIds())
            .claims(store.campaignClaims())
            .stateDirectory(state) // the LIVE switch and the integration's start survive restarts
            .clock(world.clock())
            .build();
    return runtime;
  }

  private InboundResponse onWebhook(io.campaignrelay.core.runtime.InboundRequest request) {
    InboundResponse r = runtime.webhookHandler().handle(request);
    if (r.status() / 100 == 2 && !r.outcome().equals(InboundResponse.duplicate("").outcome())) {
      webhooks.incrementAndGet();
    }
    return r;
  }

  DelivyrRuntime runtime() {
    return runtime;
  }

  JdbcStore store() {
    return store;
  }

  ScheduledCampaign liveCampaign() {
    return liveCampaign;
  }

  /** Templates at Delivyr, a wrong configuration refused, then the runtime installed. */
  void setUp() {
    List<String> templates = VendorsSide.delivyrTemplates(world.delivyr());
    scheduledTemplate = templates.get(0);
    triggeredTemplate = templates.get(1);
    VendorsSide.wrongDelivyrSettings(world, out);
    start(client);
    world.delivyr().deliverWebhooksTo(world.host().baseUrl() + "/delivyr/webhooks", WEBHOOK_SECRET);
    runtime.install();
    out.println("  runtime installed (testing mode ON), state: " + store);
    String sample = SyntheticCustomers.customerId(0);
    out.println(
        "  find attributes (sample customer "
            + sample
            + "): "
            + client.checkOptimoveAttributes(runtime.settings(), sample).summary());
    for (int ch : new int[] {452, 250}) {
      List<String> names = new ArrayList<>();
      world
          .optimove()
          .channelTemplates(ch)
          .forEach(t -> names.add(t.templateId() + " \"" + t.templateName() + "\""));
      out.println("  templates synced to channel " + ch + ": " + names);
    }
  }

  /** TEST: a campaign and the triggers run into the message log; nothing reaches Delivyr. */
  List<CampaignTable> runTest() {
    testCampaign = VendorsSide.delivyrCampaign(world, scheduledTemplate, customers);
    VendorsSide.fireTriggers(world, customers, triggers, triggeredTemplate);
    world.everyHourFor(2, runtime::runDue);
    CampaignId c = CampaignId.scheduled(testCampaign.campaignId());
    long logged = runtime.messageLog().byCampaign(c).size();
    // each trigger runs as its own engine campaign, 2.38.<requestId>
    long trig =
        runtime.messageLog().byStatus(MessageStatus.LOGGED).stream()
            .filter(m -> m.campaignId().value().startsWith(TRIGGERED_CAMPAIGN.value() + "."))
            .count();
    out.println(
        "    Delivyr TEST: "
            + Tables.count(logged)
            + " messages of campaign "
            + c
            + " and "
            + trig
            + " triggered messages in the message log");
    return List.of(
        CampaignTable.test(
            "Delivyr scheduled campaign " + c + " (channel 452)", c, customers, logged),
        CampaignTable.test(
            "Delivyr triggered campaign " + TRIGGERED_CAMPAIGN + " (channel 250)",
            TRIGGERED_CAMPAIGN,
            triggers,
            trig));
  }

  /** LIVE: the runtime's one switch, then another campaign and the triggers again. */
  void runLive() {
    runtime.testingMode(false);
    out.println("  testing mode turned OFF explicitly (runtime.testingMode(false))");
    liveCampaign = VendorsSide.delivyrCampaign(world, scheduledTemplate, customers);
    for (int i = 0; i < customers; i += 250) { // a few customers texted STOP before
      world.delivyr().addOptOut(liveCampaign.targets().get(i).mobileNumber());
    }
    VendorsSide.fireTriggers(world, customers, triggers, triggeredTemplate);
    world.everyHourFor(2, runtime::runDue);
    out.println(
        "    Delivyr LIVE: "
            + Tables.count(world.delivyr().sentMessages().count())
            + " messages accepted by Delivyr");
  }

  /**
   * A simulated day passed: a few customers text STOP on day 2; the fake pushes its due webhooks to
   * the runtime's handler and the runtime runs what fell due (its outbox flushes).
   *
   * @return the webhooks the runtime accepted so far
   */
  long onDay(int day) {
    if (day == 2) {
      for (int i = 125; i < customers; i += 500) {
        world.delivyr().simulateStopReply(liveCampaign.targets().get(i).mobileNumber());
      }
    }
    world.delivyr().deliverDueWebhooks();
    runtime.runDue();
    return webhooks.get();
  }

  /** A forged webhook is refused and a replayed one is not counted twice. */
  String checkWebhookSecurity() {
    String url = world.host().baseUrl() + "/delivyr/webhooks";
    return VendorsSide.webhookSecurity(world, url, WEBHOOK_SECRET, webhooks::get);
  }

  /** The LIVE tables, from what Optimove received. */
  List<CampaignTable> liveTables() {
    return List.of(
        CampaignTable.fromEngagementEvents(
            world,
            "Delivyr scheduled campaign " + liveCampaign.campaignId() + " (channel 452)",
            Long.toString(liveCampaign.campaignId()),
            customers,
            "Optimove target list"),
        CampaignTable.fromEngagementEvents(
            world,
            "Delivyr triggered campaign " + TRIGGERED_CAMPAIGN + " (channel 250)",
            TRIGGERED_CAMPAIGN.value(),
            triggers,
            "event-11 triggers received"));
  }

  @Override
  public void close() {
    stop();
  }

  /** Stops the runtime and closes its store, as a process dying would (a test restarts it). */
  void stop() {
    if (runtime != null) {
      runtime.close();
      scheduler.close();
    }
    if (store != null) {
      store.close();
    }
  }
}
