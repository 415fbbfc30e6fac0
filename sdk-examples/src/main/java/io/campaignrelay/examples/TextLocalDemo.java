package io.campaignrelay.examples;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.ExecutionReport;
import io.campaignrelay.core.execution.MetricsSink;
import io.campaignrelay.core.execution.PublishedTemplate;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.metrics.DeliveryEvent;
import io.campaignrelay.core.metrics.EngagementMetric;
import io.campaignrelay.core.metrics.MetricsMapping;
import io.campaignrelay.core.metrics.MetricsPollingPlan;
import io.campaignrelay.core.metrics.MetricsSnapshot;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.core.template.TemplateImport;
import io.campaignrelay.optimove.EngagementMetricsClient;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.OptimoveMetricsSink;
import io.campaignrelay.optimove.OptimoveTargetSource;
import io.campaignrelay.optimove.OptimoveTemplatePublisher;
import io.campaignrelay.testkit.FakeCustomer;
import io.campaignrelay.testkit.FakeTextLocal;
import io.campaignrelay.testkit.ScheduledCampaign;
import io.campaignrelay.textlocal.CampaignDispatch;
import io.campaignrelay.textlocal.ContactIndex;
import io.campaignrelay.textlocal.TextLocalCampaignFlow;
import io.campaignrelay.textlocal.TextLocalCampaignRun;
import io.campaignrelay.textlocal.TextLocalClient;
import io.campaignrelay.textlocal.TextLocalIntegrationSettings;
import io.campaignrelay.textlocal.TextLocalMetricsCollector;
import io.campaignrelay.textlocal.TextLocalTemplateSource;
import io.campaignrelay.textlocal.models.CustomField;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The demo's TextLocal flow, Optimove's TextLocal integration run through the SDK: daily template
 * import (split by the {@code OPT_} prefix) published to Optimove, the campaign's targets paged
 * from Optimove, CustomerIds resolved to numbers through the contact group (Custom 1), then
 *
 * <ul>
 *   <li>TEST: the engine renders and validates every message and writes it to the message log; no
 *       TextLocal send command is called;
 *   <li>LIVE: {@link TextLocalCampaignFlow} sends the personalised messages with {@code bulk_json},
 *       scheduled at the campaign's send time, and records the batches; then the metrics are pulled
 *       daily for 7 days with {@code status_batch} and reported to Optimove.
 * </ul>
 */
final class TextLocalDemo {

  /**
   * The Optimove channel of the TextLocal integration. Optimove assigns it per tenant; 505 is the
   * sandbox's generic SMS channel.
   */
  static final ChannelId CHANNEL = ChannelId.of(505);

  static final String PROMO_CODE = "SPRING20";

  private final OfflineVendors world;
  private final PrintStream out;
  private final boolean console;
  private final int customers;
  private final TextLocalIntegrationSettings settings;
  private final TextLocalClient client;
  private final OptimoveClient optimove;
  private final RecordingSink sink;
  private final TextLocalCampaignFlow flow;
  private final TextLocalMetricsCollector collector;
  private Template template;
  private Campaign campaign;
  private ScheduledCampaign scheduled;
  private CampaignDispatch dispatch;
  private Instant lastPull;
  private ContactIndex index;

  TextLocalDemo(OfflineVendors world, PrintStream out, boolean console, int customers) {
    this.world = world;
    this.out = out;
    this.console = console;
    this.customers = customers;
    String group = Long.toString(world.textLocalGroup());
    this.settings =
        TextLocalIntegrationSettings.builder()
            .apiKey(Secret.of(FakeTextLocal.DEFAULT_API_KEY))
            .username("optimove-api")
            .password(Secret.of("demo-password-1"))
            .apiLoginUrl(world.textLocal().baseUrl())
            .contactGroup(group, "Optimove customers")
            .contactGroupPrefix("OPT_")
            .keyField(CustomField.CUSTOM1)
            .senderName("SHOPCO")
            .build();
    this.client =
        settings
            .clientBuilder(world.clientOptions(world.textLocal().baseUrl()))
            .testMode(false)
            .buildClient();
    this.optimove = world.optimoveClient();
    EngagementMetricsClient engagement = world.engagementClient();
    this.sink =
        new RecordingSink(
            OptimoveMetricsSink.builder()
                .engagementClient(engagement)
                .channel(CHANNEL)
                .bufferSize(OfflineVendors.ENGAGEMENT_BATCH_SIZE)
                .clock(world.clock())
                .aggregates(optimove, CHANNEL, id -> Long.parseLong(template.id().value()))
                .build());
    this.flow = TextLocalCampaignFlow.builder().client(client).settings(settings).build();
    this.collector = new TextLocalMetricsCollector(client, flow.ledger(), settings.keyField());
  }

  /** The integration's settings, validated. */
  TextLocalIntegrationSettings settings() {
    return settings;
  }

  /** When TextLocal sends the LIVE campaign. */
  Instant sendTime() {
    return dispatch == null ? campaign.sendTime() : dispatch.sendTime();
  }

  /** The campaign, once scheduled. */
  Campaign campaign() {
    return campaign;
  }

  /** Optimove's view of the campaign, once scheduled. */
  ScheduledCampaign scheduled() {
    return scheduled;
  }

  /**
   * Sets up TextLocal's templates, imports them (the daily template sync), publishes the main
   * group's templates to Optimove and schedules a campaign there.
   */
  void setUp() {
    FakeTextLocal tl = world.textLocal();
    tl.addTemplate(
        "OPT_Spring sale",
        "Hi [%FIRST_NAME%], our spring sale starts today: 20% off everything with code"
            + " [%PROMO_CODE%]. Reply STOP to opt out");
    tl.addTemplate("OPT_Welcome", "Welcome to ShopCo! Reply STOP to opt out");
    tl.addTemplate("VIP_Early access", "Early access for our VIPs starts now");
    out.println("  settings validated: " + settings);

    TextLocalTemplateSource source = new TextLocalTemplateSource(client, settings.routing());
    TemplateImport imported = source.importTemplates();
    List<Template> mine = imported.templatesOf(settings.groupId());
    out.println(
        "  template import: "
            + mine.size()
            + " templates for group "
            + settings.groupId()
            + " (prefix OPT_), "
            + imported.unmatched().size()
            + " matching no group (skipped)");
    List<PublishedTemplate> published =
        OptimoveTemplatePublisher.builder().client(optimove).build().publish(CHANNEL, mine);
    out.println("  published to Optimove channel " + CHANNEL + ": " + names(published));
    template =
        mine.stream()
            .filter(t -> t.name().equals("OPT_Spring sale"))
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("the OPT_Spring sale template was not imported"));

    Instant sendTime = world.clock().instant().plus(Duration.ofHours(1));
    scheduled =
        world
            .optimove()
            .addScheduledCampaign(
                CHANNEL.value(),
                List.of(Long.parseLong(template.id().value())),
                LocalDateTime.ofInstant(sendTime, ZoneOffset.UTC),
                customers,
                List.of(PROMO_CODE));
    campaign =
        Campaign.builder()
            .kind(CampaignKind.SCHEDULED)
            .id(CampaignId.scheduled(scheduled.campaignId()))
            .channel(CHANNEL)
            .templateId(template.id())
            .sendTime(sendTime)
            .promoCodes(List.of(PROMO_CODE))
            .targetedCount(customers)
            .build();
    out.println(
        "  Optimove campaign "
            + campaign.id()
            + ": template "
            + template.id()
            + " \""
            + template.name()
            + "\", "
            + Tables.count(customers)
            + " targets, send at "
            + sendTime);
  }

  private OptimoveTargetSource targets() {
    return OptimoveTargetSource.builder()
        .client(optimove)
        .customerAttributes(List.of(FakeCustomer.FIRST_NAME))
        .build();
  }

  /**
   * TEST: the flow renders and validates every message into its message log; no TextLocal send
   * command is called and nothing is created there.
   *
   * @return the table
   */
  CampaignTable runTest() {
    // the group is read once per run and indexed by CustomerID (Custom 1); the TEST and LIVE runs
    // and the week's metric pulls of this demo share one read, as the group does not change
    index = ContactIndex.load(client, flow.groupFor(template), settings.keyField());
    Progress bar = Progress.start(out, console, "TextLocal TEST", customers, "customers");
    TextLocalCampaignRun run;
    try (Stream<Recipient> recipients = targets().recipients(campaign)) {
      run = flow.run(campaign, template, recipients, index, ExecutionMode.TEST, bar);
    }
    CampaignDispatch d = run.dispatch();
    long logged = run.report().map(ExecutionReport::logged).orElse(0L);
    bar.update(d.targeted(), d.dropped());
    bar.finish(
        Tables.count(logged)
            + " messages in the message log, "
            + Tables.count(d.dropped())
            + " dropped "
            + d.droppedByReason());
    Map<String, String> sources = testSources(d.droppedByReason().toString());
    return new CampaignTable(
        "TextLocal scheduled campaign " + campaign.id() + " (channel " + CHANNEL + ")",
        campaign.id().value(),
        ExecutionMode.TEST,
        d.targeted(),
        d.dropped(),
        logged,
        CampaignTable.NOT_REPORTED,
        CampaignTable.NOT_REPORTED,
        CampaignTable.NOT_REPORTED,
        CampaignTable.NOT_REPORTED,
        sources,
        notReported());
  }

  /**
   * LIVE: segment and send through TextLocal ({@code bulk_json}, personalised), scheduled at the
   * campaign's send time; the batches are recorded in the flow's ledger.
   *
   * @return the flow's record of the send
   */
  CampaignDispatch runLive() {
    Progress bar = Progress.start(out, console, "TextLocal LIVE", customers, "customers");
    try (Stream<Recipient> recipients = targets().recipients(campaign)) {
      dispatch =
          flow.run(campaign, template, recipients, index, ExecutionMode.LIVE, bar).dispatch();
    }
    dispatch = distinctBatches(dispatch);
    bar.update(dispatch.targeted(), dispatch.dropped());
    bar.finish(
        Tables.count(dispatch.submitted())
            + " messages handed to TextLocal in "
            + dispatch.batchIds().size()
            + " bulk_json batches (route "
            + dispatch.route()
            + "), "
            + Tables.count(dispatch.dropped())
            + " dropped before sending "
            + dispatch.droppedByReason());
    lastPull = world.clock().instant();
    return dispatch;
  }

  /**
   * TextLocal's {@code bulk_json} answers one entry per message, each carrying its call's batch id;
   * pull each batch once (the flow records the ids as answered, repeats included).
   */
  private CampaignDispatch distinctBatches(CampaignDispatch d) {
    List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(d.batchIds()));
    if (ids.size() == d.batchIds().size()) {
      return d;
    }
    CampaignDispatch fixed =
        new CampaignDispatch(
            d.campaignId(),
            d.route(),
            d.groupId(),
            d.temporaryGroupId(),
            d.temporaryGroupDeleted(),
            d.customTag(),
            d.sendTime(),
            d.targeted(),
            d.submitted(),
            d.droppedByReason(),
            ids,
            d.testMode());
    flow.ledger().save(fixed);
    return fixed;
  }

  /**
   * The daily metrics pull: every campaign whose pull is due since the last one.
   *
   * @return the snapshots reported to Optimove
   */
  List<MetricsSnapshot> pullDueMetrics() {
    Instant now = world.clock().instant();
    List<MetricsSnapshot> pulled = new java.util.ArrayList<>();
    for (CampaignDispatch d : flow.ledger().all()) {
      if (!d.testMode()
          && !MetricsPollingPlan.dailyForAWeek(d.sendTime()).due(lastPull, now).isEmpty()) {
        pulled.add(collector.collect(d, index, sink));
      }
    }
    lastPull = now;
    sink.flush();
    return pulled;
  }

  /**
   * The LIVE table, from what was reported to Optimove.
   *
   * @return the table
   */
  CampaignTable liveTable() {
    MetricsSnapshot last = sink.last(campaign.id());
    long targeted = dispatch.targeted();
    long dropped = last == null ? dispatch.dropped() : last.count(EngagementMetric.DROPPED);
    long delivered = last == null ? 0 : last.count(EngagementMetric.DELIVERED);
    long bounced = last == null ? 0 : last.count(EngagementMetric.BOUNCED);
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("Targeted", "Optimove target list");
    sources.put("Sent", "derived: Targeted - Dropped");
    sources.put("Delivered", "status_batch num_delivered (D), daily x7 -> UpdateCampaignMetrics");
    sources.put("Dropped", "no contact / bad number before sending + num_invalid (I)");
    sources.put("Bounced", "status_batch num_undelivered (U)");
    Map<String, String> notes = notReported();
    notes.put("Clicked", "TextLocal's status_batch carries delivery states only, no clicks");
    notes.put(
        "Unsubscribed", "TextLocal keeps opt-outs per account (get_optouts), not per campaign");
    notes.put(
        "Pending/Expired/Unknown",
        "not final or not in the guide's table ("
            + Tables.count(targeted - dropped - delivered - bounced)
            + " messages at the end of the week)");
    return new CampaignTable(
        "TextLocal scheduled campaign " + campaign.id() + " (channel " + CHANNEL + ")",
        campaign.id().value(),
        ExecutionMode.LIVE,
        targeted,
        dropped,
        0,
        delivered,
        bounced,
        CampaignTable.NOT_REPORTED,
        CampaignTable.NOT_REPORTED,
        sources,
        notes);
  }

  /**
   * The metrics the SMS channel never reports, with the guide's reason.
   *
   * @return Opened, Sent and Spam Reported with why
   */
  static Map<String, String> notReported() {
    MetricsMapping mapping = MetricsMapping.engagementDefault();
    Map<String, String> notes = new LinkedHashMap<>();
    notes.put(
        EngagementMetric.OPENED.displayName(),
        mapping.notReportedReason(EngagementMetric.OPENED).orElse("not reported"));
    notes.put(EngagementMetric.SENT.displayName(), MetricsMapping.SENT_NOT_REPORTED);
    notes.put(
        EngagementMetric.SPAM_REPORTED.displayName(),
        mapping.notReportedReason(EngagementMetric.SPAM_REPORTED).orElse("not reported"));
    return notes;
  }

  /**
   * A TEST run's table: only what the engine counted; nothing was sent.
   *
   * @param title the title
   * @param report the run
   * @param logged messages in the log
   * @return the table
   */
  static CampaignTable testTable(String title, ExecutionReport report, long logged) {
    Map<String, String> sources = testSources(report.droppedByReason().toString());
    return new CampaignTable(
        title,
        report.campaignId().value(),
        ExecutionMode.TEST,
        report.targeted(),
        report.dropped(),
        logged,
        CampaignTable.NOT_REPORTED,
        CampaignTable.NOT_REPORTED,
        CampaignTable.NOT_REPORTED,
        CampaignTable.NOT_REPORTED,
        sources,
        notReported());
  }

  /**
   * The sources of a TEST table.
   *
   * @param dropped the drops by reason
   * @return row name to source
   */
  static Map<String, String> testSources(String dropped) {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("Targeted", "Optimove target list");
    sources.put("Sent", "derived: Targeted - Dropped (would be sent)");
    sources.put("Dropped", "checks before sending: " + dropped);
    sources.put("Logged (TEST)", "message log; never sent");
    String none = "TEST mode: nothing was sent";
    sources.put("Delivered", none);
    sources.put("Bounced", none);
    sources.put("Clicked", none);
    sources.put("Unsubscribed", none);
    return sources;
  }

  private static String names(List<PublishedTemplate> published) {
    StringBuilder sb = new StringBuilder();
    for (PublishedTemplate p : published) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(p.channelTemplateId()).append(" \"").append(p.displayName()).append('"');
    }
    return sb.toString();
  }

  /** Passes everything to Optimove's sink and remembers each campaign's last snapshot. */
  static final class RecordingSink implements MetricsSink {
    private final OptimoveMetricsSink delegate;
    private final Map<CampaignId, MetricsSnapshot> last =
        new java.util.concurrent.ConcurrentHashMap<>();

    RecordingSink(OptimoveMetricsSink delegate) {
      this.delegate = delegate;
    }

    @Override
    public void accept(DeliveryEvent event) {
      delegate.accept(event);
    }

    @Override
    public void report(MetricsSnapshot snapshot) {
      last.put(snapshot.campaignId(), snapshot);
      delegate.report(snapshot);
    }

    void flush() {
      delegate.flush();
    }

    MetricsSnapshot last(CampaignId campaignId) {
      return last.get(campaignId);
    }
  }

  /** For tests: the Optimove TemplateID of the campaign. */
  TemplateId templateId() {
    return template.id();
  }
}
