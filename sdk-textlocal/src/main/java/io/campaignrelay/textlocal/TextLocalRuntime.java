package io.campaignrelay.textlocal;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.CampaignRelayException;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.ExecutionJournal;
import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.execution.ExecutionReport;
import io.campaignrelay.core.execution.FileExecutionJournal;
import io.campaignrelay.core.execution.InMemoryExecutionJournal;
import io.campaignrelay.core.execution.MetricsSink;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.execution.TargetSource;
import io.campaignrelay.core.execution.TemplatePublisher;
import io.campaignrelay.core.messagelog.InMemoryMessageLog;
import io.campaignrelay.core.messagelog.MessageLog;
import io.campaignrelay.core.metrics.DeliveryEvent;
import io.campaignrelay.core.metrics.EngagementMetric;
import io.campaignrelay.core.metrics.MetricsSnapshot;
import io.campaignrelay.core.runtime.CampaignJobs;
import io.campaignrelay.core.runtime.CampaignRecord;
import io.campaignrelay.core.runtime.CappedChannel;
import io.campaignrelay.core.runtime.ClockScheduler;
import io.campaignrelay.core.runtime.FileCampaignLedger;
import io.campaignrelay.core.runtime.FileJobStore;
import io.campaignrelay.core.runtime.FileProcessedIds;
import io.campaignrelay.core.runtime.InMemoryCampaignLedger;
import io.campaignrelay.core.runtime.InMemoryProcessedIds;
import io.campaignrelay.core.runtime.InMemorySendCaps;
import io.campaignrelay.core.runtime.InboundRefusals;
import io.campaignrelay.core.runtime.JobKey;
import io.campaignrelay.core.runtime.JobRun;
import io.campaignrelay.core.runtime.ProcessedIds;
import io.campaignrelay.core.runtime.Scheduler;
import io.campaignrelay.core.runtime.SendCaps;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.core.template.TemplateImport;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.OptimoveMetricsSink;
import io.campaignrelay.optimove.OptimoveTargetSource;
import io.campaignrelay.optimove.models.CampaignMetric;
import io.campaignrelay.optimove.models.ExecutedCampaignChannelDetail;
import io.campaignrelay.optimove.models.MetricId;
import io.campaignrelay.textlocal.models.CustomerContact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optimove's TextLocal integration running itself: every daily step of the guide is a job on a core
 * {@link Scheduler}, every campaign goes through core's {@link CampaignJobs}, and all state lives
 * behind core's ports (file-backed in a {@link Builder#stateDirectory(Path) state directory} now; a
 * database-backed ledger, journal, job store and processed-ids store replace them later).
 * Framework-neutral and embedded: the host builds it, then either calls {@link #runDue()} from its
 * own timer or starts the {@link ClockScheduler} polling.
 *
 * <p>Jobs (keys derived from what they are about, so scheduling twice is a no-op):
 *
 * <ul>
 *   <li>{@value #TEMPLATES_IMPORT}, daily: {@code get_templates} with their text (the preview),
 *       split by contact group with the integration's prefixes (three letters and an underscore,
 *       e.g. {@code OPT_}; a template matching no group is not imported), and, with a {@link
 *       Builder#templatePublisher(TemplatePublisher) publisher}, published to the Optimove channel
 *       so that they can be chosen for campaigns;
 *   <li>{@value #CONTACTS_SYNC}{@code :<group>}, daily per contact group, with a {@link
 *       Builder#contactFeed(ContactFeed) contact feed}: the customers (CustomerID in the configured
 *       Custom 1/2/3 field, first and last name, phone) upserted with {@code create_contacts_bulk};
 *   <li>{@value #CAMPAIGNS_OF_THE_DAY}, daily: the campaigns Optimove scheduled on the channel for
 *       the day (GetExecutedCampaignsByChannel, then GetExecutedCampaignChannelDetails for the
 *       template and the send time, read in the {@link Builder#tenantZone(ZoneId) tenant's zone})
 *       are recorded and each one's {@code execute:<campaign>:<channel>} job scheduled at its send
 *       time; re-reading the day schedules nothing new;
 *   <li>{@code execute:<campaign>:<channel>}, at the send time ({@link CampaignJobs}): the targets
 *       pulled from Optimove (OptimoveTargetSource), then {@link TextLocalCampaignFlow} (it chooses
 *       the route: personalised text through core's engine and {@code bulk_json} with a durable
 *       journal, the same text for everyone as one {@code send} to a temporary contact group with
 *       the flow's send-once guard in a durable ledger);
 *   <li>{@code metrics:<campaign>:<channel>:day<d>} for d = 1..7 after the send: {@code
 *       status_batch} of the campaign's batches ({@link TextLocalMetricsCollector}); the
 *       per-customer delivery events go to the {@link Builder#metricsSink(MetricsSink) metrics
 *       sink} (OptimoveMetricsSink, the one writer of engagement metrics), each event once; the
 *       campaign's Delivered, Bounced and Dropped counts go to Optimove's UpdateCampaignMetrics as
 *       the growth since the last report (kept in the ledger, so a restart does not count twice;
 *       whether Optimove adds or replaces values is UNKNOWN, increments are INFERRED as in
 *       published integrations). Each day is reported once.
 * </ul>
 *
 * <p><b>No message leaves before its send time.</b> The execute job is due at the send time and
 * refuses to run earlier; TextLocal's scheduling is never relied on ({@code bulk_json}'s {@code
 * scheduled} field is seen in one public client only, INFERRED), so the runtime holds every send
 * until its time and no send request is made before it.
 *
 * <p><b>One LIVE switch.</b> {@link Builder#testMode(boolean) Test mode} is on by default: the
 * engine runs TEST and writes every message to the {@link #messageLog() message log}; nothing is
 * sent or created at TextLocal (no {@code send}, {@code bulk_json}, {@code create_group} or {@code
 * create_contacts_bulk}; the contact sync only counts what it would write). Turning it off is an
 * explicit act, logged at WARN. Thread-safe.
 */
public final class TextLocalRuntime implements AutoCloseable {

  /** The job type of the daily template import. */
  public static final String TEMPLATES_IMPORT = "templates-import";

  /** The job type of the daily contact sync of one group ({@code contacts-sync:<group>}). */
  public static final String CONTACTS_SYNC = "contacts-sync";

  /** The job type of the daily read of the campaigns Optimove scheduled for the day. */
  public static final String CAMPAIGNS_OF_THE_DAY = "campaigns-of-the-day";

  /** The ledger attribute holding a campaign's Optimove TemplateID. */
  public static final String TEMPLATE_ATTRIBUTE = "templateId";

  /** Default local time of {@value #CAMPAIGNS_OF_THE_DAY}. */
  public static final LocalTime DEFAULT_CAMPAIGNS_AT = LocalTime.of(0, 5);

  /** Default local time of {@value #TEMPLATES_IMPORT}. */
  public static final LocalTime DEFAULT_TEMPLATES_AT = LocalTime.of(0, 10);

  /** Default local time of {@value #CONTACTS_SYNC}. */
  public static final LocalTime DEFAULT_CONTACTS_AT = LocalTime.of(0, 20);

  private static final Logger LOG = LoggerFactory.getLogger("io.campaignrelay.runtime.textlocal");
  private static final String EVENT_NAMESPACE = "textlocal-delivery";
  private static final String REPORTED = "reported.";
  private static final Map<EngagementMetric, MetricId> METRIC_IDS =
      new EnumMap<>(
          Map.of(
              EngagementMetric.DELIVERED, MetricId.DELIVERED,
              EngagementMetric.BOUNCED, MetricId.BOUNCED,
              EngagementMetric.DROPPED, MetricId.DROPPED));

  /** Where the daily contact sync reads a group's customers (the client's own database). */
  @FunctionalInterface
  public interface ContactFeed {
    /**
     * The customers of a contact group, read once in order.
     *
     * @param groupId the TextLocal group
     * @return the customers
     */
    Iterable<CustomerContact> contactsOf(String groupId);
  }

  private final TextLocalIntegrationSettings settings;
  private final TextLocalClient client;
  private final OptimoveClient optimove;
  private final ChannelId channel;
  private final ZoneId zone;
  private final Clock clock;
  private final ExecutionListener hostListener;
  private final Scheduler scheduler;
  private final io.campaignrelay.core.runtime.CampaignLedger ledger;
  private final DurableCampaignLedger dispatches;
  private final ExecutionJournal journal;
  private final ProcessedIds processedIds;
  private final MessageLog messageLog;
  private final SendCaps sendCaps;
  private final InboundRefusals capped;
  private final TextLocalCampaignFlow flow;
  private final TextLocalTemplateSource templates;
  private final TargetSource targets;
  private final ContactFeed contactFeed;
  private final TemplatePublisher publisher;
  private final MetricsSink metricsSink;
  private final boolean testMode;
  private final CampaignJobs campaignJobs;
  private final List<AutoCloseable> owned;
  private volatile TemplateImport lastImport;

  private TextLocalRuntime(Builder b, List<AutoCloseable> owned) {
    this.settings = b.settings;
    this.client = b.client;
    this.optimove = b.optimove;
    this.channel = b.channel;
    this.zone = b.tenantZone;
    this.clock = b.clock;
    this.hostListener = b.executionListener;
    this.owned = owned;
    this.testMode = b.testMode;
    this.contactFeed = b.contactFeed;
    this.publisher = b.templatePublisher;
    this.metricsSink = b.metricsSink;
    Path dir = b.stateDirectory;
    if (dir != null) {
      this.ledger = own(FileCampaignLedger.open(dir.resolve("campaign-ledger.log")));
      this.journal = own(FileExecutionJournal.open(dir.resolve("execution-journal.log")));
      this.processedIds = own(FileProcessedIds.open(dir.resolve("processed-ids.log"), clock));
    } else {
      this.ledger = b.ledger != null ? b.ledger : InMemoryCampaignLedger.create();
      this.journal = b.journal != null ? b.journal : InMemoryExecutionJournal.create();
      this.processedIds = b.processedIds != null ? b.processedIds : InMemoryProcessedIds.create();
    }
    if (b.scheduler != null) {
      this.scheduler = b.scheduler;
    } else {
      ClockScheduler.Builder s = ClockScheduler.builder().clock(clock);
      if (dir != null) {
        s.jobStore(own(FileJobStore.open(dir.resolve("jobs.log"))));
      }
      this.scheduler = s.build();
    }
    this.messageLog = b.messageLog != null ? b.messageLog : new InMemoryMessageLog();
    this.dispatches = new DurableCampaignLedger(ledger);
    // Every TextLocal campaign is a scheduled one, the operator's own: by default only the
    // per-number daily cap holds it (a campaign of any size is not cut at an hourly budget).
    this.sendCaps =
        b.sendCaps != null
            ? b.sendCaps
            : InMemorySendCaps.builder()
                .perCountryPerHour(Integer.MAX_VALUE)
                .perCampaign(Long.MAX_VALUE)
                .build();
    this.capped = InboundRefusals.create();
    io.campaignrelay.core.PhoneNumberParser capsParser =
        b.phoneParser != null ? b.phoneParser : io.campaignrelay.core.PhoneNumberParser.basic();
    this.flow =
        TextLocalCampaignFlow.builder()
            .client(client)
            .settings(settings)
            .ledger(dispatches)
            .journal(journal)
            .messageLog(messageLog)
            .channelDecorator(
                c ->
                    CappedChannel.builder()
                        .channel(c)
                        .caps(sendCaps)
                        .phoneParser(capsParser)
                        .clock(clock)
                        .counters(capped)
                        .counterPrefix("scheduled")
                        .build())
            .build();
    this.templates = new TextLocalTemplateSource(client, settings.routing());
    this.targets =
        b.targetSource != null
            ? b.targetSource
            : OptimoveTargetSource.builder()
                .client(optimove)
                .customerAttributes(b.targetAttributes)
                .build();
    scheduler.register(TEMPLATES_IMPORT, run -> importTemplates());
    scheduler.register(CONTACTS_SYNC, this::contactsJob);
    scheduler.register(
        CAMPAIGNS_OF_THE_DAY,
        run -> scheduleCampaignsOf(LocalDate.ofInstant(clock.instant(), zone)));
    this.campaignJobs =
        CampaignJobs.builder()
            .scheduler(scheduler)
            .ledger(ledger)
            .claims(
                b.claims != null
                    ? b.claims
                    : io.campaignrelay.core.runtime.InMemoryCampaignClaims.create())
            .clock(clock)
            .runner(this::execute)
            .metricsPull(this::pullMetrics)
            .build();
    scheduler.scheduleDaily(JobKey.of(CAMPAIGNS_OF_THE_DAY), b.campaignsAt, zone);
    scheduler.scheduleDaily(JobKey.of(TEMPLATES_IMPORT), b.templatesAt, zone);
    if (contactFeed != null) {
      for (String group : groups()) {
        scheduler.scheduleDaily(JobKey.of(CONTACTS_SYNC, group), b.contactsAt, zone);
      }
    }
    if (testMode) {
      LOG.info(
          "TextLocal runtime in TEST mode: messages go to the message log, nothing is sent or"
              + " created at TextLocal");
    } else {
      LOG.warn(
          "TextLocal runtime is LIVE (testMode(false)): campaigns will be sent through TextLocal"
              + " at their send times");
    }
  }

  private <T extends AutoCloseable> T own(T c) {
    owned.add(c);
    return c;
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs every job due now on the runtime's own {@link ClockScheduler} (the host's timer, or a test
   * advancing a simulated clock, calls it).
   *
   * @return how many job occurrences ran
   * @throws IllegalStateException if the runtime was given a scheduler that is not a {@link
   *     ClockScheduler} (that scheduler runs the jobs itself)
   */
  public int runDue() {
    if (scheduler instanceof ClockScheduler s) {
      return s.runDue();
    }
    throw new IllegalStateException(
        "this runtime runs on "
            + scheduler
            + ", which runs its jobs itself; runDue() is for the"
            + " embedded ClockScheduler");
  }

  /**
   * The scheduler the jobs run on.
   *
   * @return the scheduler
   */
  public Scheduler scheduler() {
    return scheduler;
  }

  /**
   * The campaign ledger: each campaign's record ({@code <campaign>:<channel>}: send time, sent
   * time, metric days done) and the flow's dispatch ({@code <campaign>:textlocal}: route, batch
   * ids, temporary group, reported totals).
   *
   * @return the ledger
   */
  public io.campaignrelay.core.runtime.CampaignLedger ledger() {
    return ledger;
  }

  /**
   * The flow's record of a campaign's send.
   *
   * @param campaignId the campaign
   * @return the dispatch, if the campaign was sent LIVE
   */
  public Optional<CampaignDispatch> dispatch(CampaignId campaignId) {
    return dispatches.find(campaignId);
  }

  /**
   * The journal of LIVE runs through the engine.
   *
   * @return the journal
   */
  public ExecutionJournal journal() {
    return journal;
  }

  /**
   * The message log TEST runs write to.
   *
   * @return the log
   */
  public MessageLog messageLog() {
    return messageLog;
  }

  /**
   * Recipients of personalised LIVE campaigns held back by the {@link Builder#sendCaps send caps},
   * counted by cap ({@code scheduled cap_destination_per_day}, {@code scheduled
   * cap_country_per_hour}, {@code scheduled cap_campaign}), for an operator's metrics.
   *
   * @return the live counters
   */
  public InboundRefusals capRefusals() {
    return capped;
  }

  /**
   * The flow that executes each campaign (it chooses the route).
   *
   * @return the flow
   */
  public TextLocalCampaignFlow flow() {
    return flow;
  }

  /**
   * Whether the runtime is in test mode (the one LIVE switch).
   *
   * @return true unless built with {@code testMode(false)}
   */
  public boolean testMode() {
    return testMode;
  }

  /**
   * The last template import, from the daily job or {@link #importTemplates()}.
   *
   * @return the import, if one ran in this process
   */
  public Optional<TemplateImport> lastTemplateImport() {
    return Optional.ofNullable(lastImport);
  }

  /**
   * The contact groups of the integration: the main one, then the extra ones.
   *
   * @return the group ids
   */
  public List<String> groups() {
    List<String> g = new ArrayList<>();
    g.add(settings.groupId());
    settings.extraGroups().forEach(e -> g.add(e.groupId()));
    return g;
  }

  /**
   * Imports the templates now (the daily job's body): reads them with their text, splits them by
   * group, publishes the imported ones to the Optimove channel when a publisher is set.
   *
   * @return the import
   */
  public TemplateImport importTemplates() {
    TemplateImport imported = templates.importTemplates();
    lastImport = imported;
    List<Template> all = new ArrayList<>();
    for (String group : groups()) {
      all.addAll(imported.templatesOf(group));
    }
    if (!imported.isClean()) {
      LOG.warn("template import: {}", imported.problems());
    }
    if (publisher != null) {
      publisher.publish(channel, all);
    }
    LOG.info(
        "template import: {} templates imported, {} matching no group",
        all.size(),
        imported.unmatched().size());
    return imported;
  }

  private void contactsJob(JobRun run) {
    String group = run.key().value().substring(CONTACTS_SYNC.length() + 1);
    syncContacts(group);
  }

  /**
   * Syncs one group's contacts now (the daily job's body). In test mode nothing is written: the
   * customers are counted and reported as submitted with no call made.
   *
   * @param groupId the group
   * @return what was done
   * @throws ConfigurationException if no contact feed is configured
   */
  public TextLocalContactSync.Report syncContacts(String groupId) {
    if (contactFeed == null) {
      throw new ConfigurationException(
          "TextLocal runtime",
          ConfigurationProblem.of(
              "contactFeed", null, "set contactFeed(...) on the builder to sync contacts"));
    }
    Iterable<CustomerContact> customers = contactFeed.contactsOf(groupId);
    if (testMode) {
      long n = 0;
      for (CustomerContact ignored : customers) {
        n++;
      }
      LOG.info("contact sync of group {} (TEST mode, nothing written): {} customers", groupId, n);
      return new TextLocalContactSync.Report(0, n, 0, List.of());
    }
    TextLocalContactSync.Report r =
        TextLocalContactSync.create(client, groupId, settings.keyField()).sync(customers);
    LOG.info(
        "contact sync of group {}: {} submitted in {} calls, {} created or updated, {} warnings",
        groupId,
        r.submitted(),
        r.calls(),
        r.created(),
        r.warnings().size());
    return r;
  }

  /**
   * Reads the campaigns Optimove scheduled on the channel for a date and schedules each one's
   * execution at its send time (the daily job's body; the host may also call it when Optimove
   * notifies a campaign). Idempotent: a campaign already recorded is left as it is.
   *
   * @param date the date, in the tenant's zone
   * @return how many campaigns were new
   */
  public int scheduleCampaignsOf(LocalDate date) {
    int added = 0;
    for (CampaignId campaign : optimove.listExecutedCampaigns(channel, date)) {
      long id = campaign.numericValue().orElseThrow();
      Optional<ExecutedCampaignChannelDetail> detail =
          optimove.listExecutedCampaignChannelDetails(campaign, channel).stream()
              .filter(d -> d.templateId() != null && d.scheduledTime().isPresent())
              .findFirst();
      if (detail.isEmpty()) {
        LOG.warn(
            "campaign {} on channel {} has no template and send time in Optimove's details;"
                + " skipped",
            id,
            channel);
        continue;
      }
      LocalDateTime local = detail.get().scheduledTime().orElseThrow();
      if (schedule(
          CampaignId.scheduled(id),
          TemplateId.of(detail.get().templateId()),
          local.atZone(zone).toInstant())) {
        added++;
      }
    }
    return added;
  }

  /**
   * Records a campaign and schedules its execution at its send time. Idempotent by campaign.
   *
   * @param campaignId the campaign
   * @param templateId its Optimove TemplateID (TextLocal's template id)
   * @param sendAt when it is to be sent
   * @return true if it was new
   */
  public boolean schedule(CampaignId campaignId, TemplateId templateId, Instant sendAt) {
    CampaignRecord record =
        CampaignRecord.builder(campaignId, Integer.toString(channel.value()), sendAt)
            .attribute(TEMPLATE_ATTRIBUTE, templateId.value())
            .attribute(CampaignJobs.SETTINGS_ATTRIBUTE, fingerprint())
            .build();
    boolean added = campaignJobs.schedule(record);
    if (added) {
      LOG.info("campaign {} scheduled for {} (template {})", campaignId, sendAt, templateId);
    }
    return added;
  }

  private String fingerprint() {
    return "group="
        + settings.groupId()
        + ";keyField="
        + settings.keyField()
        + ";sender="
        + settings.senderName().orElse("");
  }

  private ExecutionReport execute(CampaignRecord record, ExecutionListener listener) {
    Instant now = clock.instant();
    if (now.isBefore(record.sendAt())) {
      // never before the send time, whatever TextLocal would do with a scheduling field
      throw new CampaignRelayException(
          "campaign "
              + record.campaignId()
              + " is due at "
              + record.sendAt()
              + ", not before: nothing was sent");
    }
    TemplateId templateId =
        TemplateId.of(
            record
                .attribute(TEMPLATE_ATTRIBUTE)
                .orElseThrow(
                    () ->
                        new ConfigurationException(
                            "TextLocal runtime",
                            ConfigurationProblem.of(
                                TEMPLATE_ATTRIBUTE,
                                record.key(),
                                "the campaign's record has no template: schedule it through the"
                                    + " runtime"))));
    Template template =
        templates
            .template(templateId)
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "TextLocal runtime",
                        ConfigurationProblem.of(
                            "template",
                            templateId,
                            "TextLocal has no template with this id: restore it; the campaign is"
                                + " retried later")));
    Campaign campaign =
        Campaign.builder()
            .kind(CampaignKind.SCHEDULED)
            .id(record.campaignId())
            .channel(channel)
            .templateId(templateId)
            .sendTime(record.sendAt())
            .build();
    ExecutionMode mode = testMode ? ExecutionMode.TEST : ExecutionMode.LIVE;
    try (Stream<Recipient> recipients = targets.recipients(campaign)) {
      TextLocalCampaignRun run =
          flow.run(
              campaign, template, recipients, mode, ExecutionListener.all(listener, hostListener));
      LOG.info("campaign {} ran: {}", campaign.id(), run);
      return run.report().orElseGet(() -> noEngineReport(campaign, template));
    } catch (CampaignAlreadySentException e) {
      // the group send went out (or may have) before a crash: never again; go on to metrics
      LOG.warn("campaign {}: {}", campaign.id(), e.getMessage());
      return noEngineReport(campaign, template);
    }
  }

  /** An empty engine report for the temporary-group route, which has no engine run. */
  private ExecutionReport noEngineReport(Campaign campaign, Template template) {
    return CampaignExecutor.builder()
        .targetSource(c -> Stream.empty())
        .clock(clock)
        .build()
        .execute(campaign, template, ExecutionMode.TEST);
  }

  private void pullMetrics(CampaignRecord record, int day) {
    Optional<CampaignDispatch> found = dispatches.find(record.campaignId());
    if (found.isEmpty() || found.get().testMode() || found.get().batchIds().isEmpty()) {
      LOG.info("campaign {} day {}: no LIVE batch to pull metrics for", record.campaignId(), day);
      return;
    }
    CampaignDispatch d = found.get();
    ContactIndex index = ContactIndex.load(client, d.groupId(), settings.keyField());
    Capture capture = new Capture();
    TextLocalMetricsCollector.create(client, dispatches, settings.keyField())
        .collect(d, index, capture);
    Instant now = clock.instant();
    if (metricsSink != null && !capture.events.isEmpty()) {
      for (DeliveryEvent e : capture.events) {
        metricsSink.accept(e);
      }
      if (metricsSink instanceof OptimoveMetricsSink s) {
        s.flush();
      }
      for (DeliveryEvent e : capture.events) {
        processedIds.markIfAbsent(EVENT_NAMESPACE, e.eventId(), now, now.plus(Duration.ofDays(60)));
      }
    }
    if (capture.snapshot != null) {
      reportAggregates(d, record, capture.snapshot);
    }
    LOG.info(
        "campaign {} day {}: {} new delivery events, counts {}",
        record.campaignId(),
        day,
        capture.events.size(),
        capture.snapshot == null ? Map.of() : capture.snapshot.counts());
  }

  private void reportAggregates(CampaignDispatch d, CampaignRecord record, MetricsSnapshot s) {
    long campaignId = d.campaignId().numericValue().orElse(-1L);
    if (campaignId <= 0) {
      return;
    }
    CampaignRecord dispatchRecord = dispatches.record(d.campaignId()).orElseThrow();
    long templateId = Long.parseLong(record.attribute(TEMPLATE_ATTRIBUTE).orElse("0"));
    List<CampaignMetric> rows = new ArrayList<>();
    CampaignRecord.Builder updated = dispatchRecord.toBuilder();
    for (Map.Entry<EngagementMetric, MetricId> m : METRIC_IDS.entrySet()) {
      long total = s.count(m.getKey());
      long before =
          Long.parseLong(dispatchRecord.attribute(REPORTED + m.getKey().name()).orElse("0"));
      if (total > before) {
        rows.add(
            new CampaignMetric(
                channel.value(), campaignId, templateId, m.getValue(), total - before));
        updated.attribute(REPORTED + m.getKey().name(), Long.toString(total));
      }
    }
    if (!rows.isEmpty()) {
      optimove.updateCampaignMetrics(rows);
      dispatches.put(updated.build());
    }
  }

  /** Keeps the collector's events that were not reported before, and its snapshot. */
  private final class Capture implements MetricsSink {
    final List<DeliveryEvent> events = new ArrayList<>();
    MetricsSnapshot snapshot;

    @Override
    public void accept(DeliveryEvent event) {
      if (!processedIds.contains(EVENT_NAMESPACE, event.eventId(), clock.instant())) {
        events.add(event);
      }
    }

    @Override
    public void report(MetricsSnapshot s) {
      this.snapshot = s;
    }
  }

  /**
   * Stops polling (if the runtime's scheduler polls) and closes the state files the runtime opened.
   * Jobs resume where they were when a runtime is built again on the same state.
   */
  @Override
  public void close() {
    if (scheduler instanceof ClockScheduler s) {
      s.close();
    }
    RuntimeException first = null;
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (Exception e) {
        if (first == null) {
          first = new CampaignRelayException("cannot close the runtime's state: " + e, e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return "TextLocalRuntime{channel="
        + channel
        + ", mode="
        + (testMode ? "TEST" : "LIVE")
        + ", settings="
        + settings
        + '}';
  }

  /** Builds a {@link TextLocalRuntime}. Not thread-safe. */
  public static final class Builder {
    private TextLocalIntegrationSettings settings;
    private TextLocalClient client;
    private OptimoveClient optimove;
    private ChannelId channel;
    private ZoneId tenantZone;
    private Clock clock = Clock.systemUTC();
    private ExecutionListener executionListener = ExecutionListener.NONE;
    private Scheduler scheduler;
    private Path stateDirectory;
    private io.campaignrelay.core.runtime.CampaignLedger ledger;
    private ExecutionJournal journal;
    private ProcessedIds processedIds;
    private io.campaignrelay.core.runtime.CampaignClaims claims;
    private SendCaps sendCaps;
    private io.campaignrelay.core.PhoneNumberParser phoneParser;
    private MessageLog messageLog;
    private TargetSource targetSource;
    private List<String> targetAttributes = List.of();
    private ContactFeed contactFeed;
    private TemplatePublisher templatePublisher;
    private MetricsSink metricsSink;
    private boolean testMode = true;
    private LocalTime campaignsAt = DEFAULT_CAMPAIGNS_AT;
    private LocalTime templatesAt = DEFAULT_TEMPLATES_AT;
    private LocalTime contactsAt = DEFAULT_CONTACTS_AT;

    private Builder() {}

    /**
     * Sets the integration settings (required).
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder settings(TextLocalIntegrationSettings settings) {
      this.settings = settings;
      return this;
    }

    /**
     * Sets the TextLocal client (required).
     *
     * @param client the client
     * @return this builder
     */
    public Builder textLocal(TextLocalClient client) {
      this.client = client;
      return this;
    }

    /**
     * Sets the Optimove client (required): the day's campaigns, their targets, campaign metrics.
     *
     * @param optimove the client
     * @return this builder
     */
    public Builder optimove(OptimoveClient optimove) {
      this.optimove = optimove;
      return this;
    }

    /**
     * Sets the Optimove channel of the TextLocal integration (required; Optimove assigns it).
     *
     * @param channel the channel
     * @return this builder
     */
    public Builder channel(ChannelId channel) {
      this.channel = channel;
      return this;
    }

    /**
     * Sets the tenant's zone (required): Optimove's send times are local without a zone, and the
     * daily jobs run at local times of this zone. Never the JVM default.
     *
     * @param zone the zone
     * @return this builder
     */
    public Builder tenantZone(ZoneId zone) {
      this.tenantZone = zone;
      return this;
    }

    /**
     * Sets the clock (default: the system clock); tests pass a simulated one.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets a listener of every campaign run of the runtime (progress, drops, uncertain outcomes,
     * reconciliation verdicts), beside the runtime's own: for a host's metrics (default: none).
     *
     * @param executionListener the listener
     * @return this builder
     */
    public Builder executionListener(ExecutionListener executionListener) {
      this.executionListener =
          java.util.Objects.requireNonNull(executionListener, "executionListener");
      return this;
    }

    /**
     * Sets the scheduler (default: a {@link ClockScheduler} on the clock, its jobs in the state
     * directory when one is set).
     *
     * @param scheduler the scheduler, or null for the default
     * @return this builder
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /**
     * Keeps all state in files of this directory (created if absent): the campaign ledger, the
     * execution journal, the processed delivery events and, for the default scheduler, the jobs. A
     * runtime built again on the same directory resumes every job where it was. Without it (and
     * without the stores below) state is in memory only.
     *
     * @param dir the directory, or null
     * @return this builder
     */
    public Builder stateDirectory(Path dir) {
      this.stateDirectory = dir;
      return this;
    }

    /**
     * Sets the campaign ledger, when no state directory is set (e.g. a database-backed one).
     *
     * @param ledger the ledger
     * @return this builder
     */
    public Builder ledger(io.campaignrelay.core.runtime.CampaignLedger ledger) {
      this.ledger = ledger;
      return this;
    }

    /**
     * Sets the execution journal, when no state directory is set.
     *
     * @param journal the journal
     * @return this builder
     */
    public Builder journal(ExecutionJournal journal) {
      this.journal = journal;
      return this;
    }

    /**
     * Sets the store of delivery events already reported, when no state directory is set.
     *
     * @param processedIds the store
     * @return this builder
     */
    public Builder processedIds(ProcessedIds processedIds) {
      this.processedIds = processedIds;
      return this;
    }

    /**
     * Sets the campaign claims (default: in memory, one process).
     *
     * @param claims the claims
     * @return this builder
     */
    public Builder claims(io.campaignrelay.core.runtime.CampaignClaims claims) {
      this.claims = claims;
      return this;
    }

    /**
     * Sets the send caps personalised LIVE campaigns (the {@code bulk_json} route through core's
     * engine) are held to, message by message through core's {@link CappedChannel}: messages per
     * number per UTC day, per country per clock hour, per campaign (default: {@link
     * InMemorySendCaps} with 5 per number a day and no per-country or per-campaign limit, so that a
     * campaign of any size is never cut at an hourly budget, in this process only; give sdk-jdbc's
     * {@code JdbcSendCaps} for caps across instances, {@link SendCaps#unlimited()} for none). A
     * capped recipient is not sent, is journaled DROPPED with the cap named, reaches the listener's
     * {@code onDropped} and is counted in {@link TextLocalRuntime#capRefusals()}. Choose the caps
     * for the largest campaign you send. The temporary-group route (the same text for everyone: one
     * {@code send} to a group TextLocal expands) is not capped per message.
     *
     * @param caps the caps
     * @return this builder
     */
    public Builder sendCaps(SendCaps caps) {
      this.sendCaps = caps;
      return this;
    }

    /**
     * Sets how the send caps find a number's country (default {@code PhoneNumberParser.basic()},
     * which knows no regions: every number then counts under one country {@code unknown}; give
     * sdk-phonenumber's {@code LibPhoneNumberParser} for per-country caps).
     *
     * @param parser the parser
     * @return this builder
     */
    public Builder phoneParser(io.campaignrelay.core.PhoneNumberParser parser) {
      this.phoneParser = parser;
      return this;
    }

    /**
     * Sets the message log of TEST runs (default: in memory).
     *
     * @param messageLog the log
     * @return this builder
     */
    public Builder messageLog(MessageLog messageLog) {
      this.messageLog = messageLog;
      return this;
    }

    /**
     * Sets the Optimove attributes pulled with each target, e.g. {@code FIRST_NAME} for a template
     * with {@code [%FIRST_NAME%]} (default: none; names also come from the contact group).
     *
     * @param names the RealFieldNames
     * @return this builder
     */
    public Builder targetAttributes(List<String> names) {
      this.targetAttributes = names == null ? null : List.copyOf(names);
      return this;
    }

    /**
     * Replaces where targets come from (default: Optimove's GetCustomerExecutionDetailsByCampaign
     * with the {@link #targetAttributes(List) target attributes}).
     *
     * @param targetSource the source, or null for the default
     * @return this builder
     */
    public Builder targetSource(TargetSource targetSource) {
      this.targetSource = targetSource;
      return this;
    }

    /**
     * Sets where the daily contact sync reads each group's customers (default: none, no sync job).
     *
     * @param feed the feed, or null
     * @return this builder
     */
    public Builder contactFeed(ContactFeed feed) {
      this.contactFeed = feed;
      return this;
    }

    /**
     * Sets where imported templates are published (e.g. OptimoveTemplatePublisher; default: none).
     *
     * @param publisher the publisher, or null
     * @return this builder
     */
    public Builder templatePublisher(TemplatePublisher publisher) {
      this.templatePublisher = publisher;
      return this;
    }

    /**
     * Sets where per-customer delivery events go (OptimoveMetricsSink with an engagement client;
     * default: none, only the campaign counts are reported). Each event is given once; an
     * OptimoveMetricsSink is flushed after each day's pull.
     *
     * @param sink the sink, or null
     * @return this builder
     */
    public Builder metricsSink(MetricsSink sink) {
      this.metricsSink = sink;
      return this;
    }

    /**
     * The integration's test mode, the one LIVE switch (default on: nothing is sent or created at
     * TextLocal; the engine writes the message log). {@code false} sends for real and is logged.
     *
     * @param testMode false to send
     * @return this builder
     */
    public Builder testMode(boolean testMode) {
      this.testMode = testMode;
      return this;
    }

    /**
     * Sets the local times of the daily jobs.
     *
     * @param campaignsAt when the day's campaigns are read (default 00:05)
     * @param templatesAt when templates are imported (default 00:10)
     * @param contactsAt when contacts are synced (default 00:20)
     * @return this builder
     */
    public Builder dailyAt(LocalTime campaignsAt, LocalTime templatesAt, LocalTime contactsAt) {
      this.campaignsAt = campaignsAt;
      this.templatesAt = templatesAt;
      this.contactsAt = contactsAt;
      return this;
    }

    /**
     * Builds the runtime: opens the state, registers the job handlers and schedules the daily jobs
     * (a no-op for jobs that exist). Makes no network call.
     *
     * @return the runtime
     * @throws ConfigurationException listing every missing or invalid setting
     */
    public TextLocalRuntime build() {
      List<ConfigurationProblem> p = new ArrayList<>();
      if (settings == null) {
        p.add(ConfigurationProblem.of("settings", null, "give the TextLocalIntegrationSettings"));
      }
      if (client == null) {
        p.add(ConfigurationProblem.of("textLocal", null, "give the TextLocalClient"));
      }
      if (optimove == null) {
        p.add(ConfigurationProblem.of("optimove", null, "give the OptimoveClient"));
      }
      if (channel == null) {
        p.add(
            ConfigurationProblem.of(
                "channel", null, "give the Optimove channel Optimove assigned to TextLocal"));
      }
      if (tenantZone == null) {
        p.add(
            ConfigurationProblem.of(
                "tenantZone",
                null,
                "give the Optimove tenant's zone (send times are local), e.g. Europe/London"));
      }
      if (clock == null) {
        p.add(ConfigurationProblem.of("clock", null, "use Clock.systemUTC()"));
      }
      if (targetAttributes == null) {
        p.add(ConfigurationProblem.of("targetAttributes", null, "give a list, possibly empty"));
      }
      if (campaignsAt == null || templatesAt == null || contactsAt == null) {
        p.add(ConfigurationProblem.of("dailyAt", null, "give all three local times"));
      }
      if (stateDirectory != null && (ledger != null || journal != null || processedIds != null)) {
        p.add(
            ConfigurationProblem.of(
                "stateDirectory",
                stateDirectory,
                "give either a state directory or the stores, not both"));
      }
      if (stateDirectory != null) {
        try {
          Files.createDirectories(stateDirectory);
        } catch (IOException e) {
          p.add(
              ConfigurationProblem.of(
                  "stateDirectory", stateDirectory, "cannot be created: " + e.getMessage()));
        }
      }
      ConfigurationException.throwIfAny("TextLocal runtime", p);
      List<AutoCloseable> owned = new ArrayList<>();
      try {
        return new TextLocalRuntime(this, owned);
      } catch (RuntimeException e) {
        for (AutoCloseable c : owned) {
          try {
            c.close();
          } catch (Exception ignored) {
            // the build failed; report that failure
          }
        }
        throw e;
      }
    }
  }
}
