package io.campaignrelay.examples;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.runtime.CampaignRecord;
import io.campaignrelay.core.runtime.ClockScheduler;
import io.campaignrelay.jdbc.JdbcStore;
import io.campaignrelay.optimove.OptimoveMetricsSink;
import io.campaignrelay.optimove.OptimoveTemplatePublisher;
import io.campaignrelay.optimove.models.MetricId;
import io.campaignrelay.testkit.CampaignMetric;
import io.campaignrelay.testkit.FakeCustomer;
import io.campaignrelay.testkit.FakeTextLocal;
import io.campaignrelay.testkit.ScheduledCampaign;
import io.campaignrelay.textlocal.CampaignDispatch;
import io.campaignrelay.textlocal.TextLocalIntegrationSettings;
import io.campaignrelay.textlocal.TextLocalRuntime;
import io.campaignrelay.textlocal.models.CustomField;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's TextLocal flow on {@link TextLocalRuntime} (Optimove's TextLocal guide):
 * configuration, then the runtime's daily jobs do the rest (template import published to Optimove,
 * the day's campaigns read from Optimove and each executed at its send time, metrics pulled daily
 * for 7 days after the send). TEST first (the runtime's test mode, on by default), then the runtime
 * rebuilt on the same state with its one switch off. State: the embedded H2 store ({@link
 * JdbcStore#h2}).
 */
final class TextLocalDemo implements AutoCloseable {

  /**
   * The Optimove channel of the TextLocal integration. Optimove assigns it per tenant; 505 is the
   * sandbox's generic SMS channel.
   */
  static final ChannelId CHANNEL = ChannelId.of(505);

  static final String PROMO_CODE = "SPRING20";

  private final OfflineVendors world;
  private final PrintStream out;
  private final int customers;
  private final TextLocalIntegrationSettings settings;
  private final JdbcStore store;
  private ClockScheduler scheduler;
  private TextLocalRuntime runtime;
  private long templateId;
  private ScheduledCampaign testCampaign;
  private ScheduledCampaign liveCampaign;

  TextLocalDemo(OfflineVendors world, PrintStream out, int customers, Path state) {
    this.world = world;
    this.out = out;
    this.customers = customers;
    this.settings =
        TextLocalIntegrationSettings.builder()
            .apiKey(Secret.of(FakeTextLocal.DEFAULT_API_KEY))
            .username("optimove-api")
            .password(Secret.of("demo-password-1"))
            .apiLoginUrl(world.textLocal().baseUrl())
            .contactGroup(Long.toString(world.textLocalGroup()), "Optimove customers")
            .contactGroupPrefix("OPT_")
            .keyField(CustomField.CUSTOM1)
            .senderName("SHOPCO")
            .build();
    this.store = JdbcStore.h2(state.resolve("textlocal"));
  }

  /** The runtime on the H2 store; {@code testMode} is its one LIVE switch. */
  private TextLocalRuntime start(boolean testMode) {
    scheduler = ClockScheduler.builder().clock(world.clock()).jobStore(store.jobStore()).build();
    String url = world.textLocal().baseUrl();
    runtime =
        TextLocalRuntime.builder()
            .settings(settings)
            .textLocal(settings.clientBuilder(world.clientOptions(url)).buildClient())
            .optimove(world.optimoveClient())
            .channel(CHANNEL)
            .tenantZone(ZoneOffset.UTC)
            .clock(world.clock())
            .scheduler(scheduler)
            .ledger(store.campaignLedger())
            .journal(store.executionJournal())
            .processedIds(store.processedIds())
            .claims(store.campaignClaims())
            .targetAttributes(List.of(FakeCustomer.FIRST_NAME))
            .templatePublisher(
                OptimoveTemplatePublisher.builder().client(world.optimoveClient()).build())
            .metricsSink(
                OptimoveMetricsSink.builder()
                    .engagementClient(world.engagementClient())
                    .channel(CHANNEL)
                    .bufferSize(OfflineVendors.ENGAGEMENT_BATCH_SIZE)
                    .clock(world.clock())
                    .build())
            .testMode(testMode)
            .build();
    return runtime;
  }

  /** TextLocal's templates, then the runtime in TEST mode and its first template import. */
  void setUp() {
    FakeTextLocal tl = world.textLocal();
    templateId =
        tl.addTemplate(
            "OPT_Spring sale",
            "Hi [%FIRST_NAME%], our spring sale starts today: 20% off everything with code"
                + " [%PROMO_CODE%]. Reply STOP to opt out");
    tl.addTemplate("OPT_Welcome", "Welcome to ShopCo! Reply STOP to opt out");
    tl.addTemplate("VIP_Early access", "Early access for our VIPs starts now");
    out.println("  settings validated: " + settings);
    start(true).importTemplates();
    out.println("  runtime built (TEST mode), state: " + store);
    out.println(
        "  template import: "
            + runtime.lastTemplateImport().orElseThrow().templatesOf(settings.groupId()).size()
            + " templates for group "
            + settings.groupId()
            + " (prefix OPT_), published to Optimove channel "
            + CHANNEL
            + ": "
            + world.optimove().channelTemplates(CHANNEL.value()).size());
  }

  /** Optimove schedules a campaign for tomorrow 10:00 (the runtime reads it at 00:05). */
  private ScheduledCampaign scheduleTomorrow() {
    LocalDate tomorrow = LocalDate.ofInstant(world.clock().instant(), ZoneOffset.UTC).plusDays(1);
    ScheduledCampaign c =
        world
            .optimove()
            .addScheduledCampaign(
                CHANNEL.value(),
                List.of(templateId),
                LocalDateTime.of(tomorrow, LocalTime.of(10, 0)),
                customers,
                List.of(PROMO_CODE));
    out.println(
        "  Optimove campaign " + c.campaignId() + ": " + Tables.count(customers) + " targets");
    return c;
  }

  private Instant sendTime(ScheduledCampaign c) {
    return c.scheduledTime().toInstant(ZoneOffset.UTC);
  }

  /** Runs the clock hour by hour until just after the campaign's send time. */
  private void runThrough(ScheduledCampaign c) {
    while (!world.clock().instant().isAfter(sendTime(c))) {
      world.everyHourFor(1, runtime::runDue);
    }
  }

  /** TEST: the day's campaign executed at its send time into the message log. */
  CampaignTable runTest() {
    testCampaign = scheduleTomorrow();
    runThrough(testCampaign);
    CampaignId c = CampaignId.scheduled(testCampaign.campaignId());
    long logged = runtime.messageLog().byCampaign(c).size();
    out.println("    TextLocal TEST: " + Tables.count(logged) + " messages in the message log");
    return CampaignTable.test(
        "TextLocal scheduled campaign " + c + " (channel " + CHANNEL + ")", c, customers, logged);
  }

  /** LIVE: the runtime rebuilt on the same state with test mode off; tomorrow's campaign sent. */
  void runLive() {
    stop();
    start(false);
    out.println("  TextLocal runtime restarted on the same state with testMode(false)");
    liveCampaign = scheduleTomorrow();
    runThrough(liveCampaign);
    CampaignDispatch d = runtime.dispatch(campaignId()).orElseThrow();
    out.println(
        "    TextLocal LIVE: "
            + Tables.count(d.submitted())
            + " messages handed to TextLocal in "
            + d.batchIds().size()
            + " batches (route "
            + d.route()
            + "), "
            + Tables.count(d.dropped())
            + " dropped before sending "
            + d.droppedByReason());
  }

  /** Runs what fell due (the daily metric pulls). */
  void runDue() {
    runtime.runDue();
  }

  CampaignId campaignId() {
    return CampaignId.scheduled(liveCampaign.campaignId());
  }

  Instant sendTime() {
    return sendTime(liveCampaign);
  }

  /** The metric pulls done for the LIVE campaign. */
  int pulls() {
    return runtime
        .ledger()
        .find(CampaignRecord.keyOf(campaignId(), CHANNEL.value() + ""))
        .map(r -> r.metricDaysDone().size())
        .orElse(0);
  }

  /** The LIVE table, from what Optimove received through UpdateCampaignMetrics. */
  CampaignTable liveTable() {
    CampaignDispatch dispatch = runtime.dispatch(campaignId()).orElseThrow();
    Map<Integer, Long> m = new LinkedHashMap<>();
    for (CampaignMetric c : world.optimove().receivedMetrics()) {
      if (c.campaignId() == liveCampaign.campaignId()) {
        m.merge(c.metricId(), c.metricValue(), Long::sum);
      }
    }
    long targeted = dispatch.targeted();
    long dropped = m.getOrDefault(MetricId.DROPPED.id(), 0L);
    long delivered = m.getOrDefault(MetricId.DELIVERED.id(), 0L);
    long bounced = m.getOrDefault(MetricId.BOUNCED.id(), 0L);
    return CampaignTable.textLocalLive(
        "TextLocal scheduled campaign " + campaignId() + " (channel " + CHANNEL + ")",
        campaignId().value(),
        targeted,
        dropped,
        delivered,
        bounced);
  }

  private void stop() {
    if (runtime != null) {
      runtime.close();
      scheduler.close();
    }
  }

  @Override
  public void close() {
    stop();
    store.close();
  }
}
