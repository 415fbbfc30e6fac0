package io.campaignrelay.delivyr;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.DestinationPolicy;
import io.campaignrelay.core.DestinationVerdict;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.InvalidPhoneNumberException;
import io.campaignrelay.core.PhoneNumberDetails;
import io.campaignrelay.core.PhoneNumberParser;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.ExecutionJournal;
import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.execution.ExecutionProgress;
import io.campaignrelay.core.execution.ExecutionReport;
import io.campaignrelay.core.execution.FileExecutionJournal;
import io.campaignrelay.core.execution.ForwardingMessageChannel;
import io.campaignrelay.core.execution.InMemoryExecutionJournal;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.execution.ReconcileResult;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.messagelog.InMemoryMessageLog;
import io.campaignrelay.core.messagelog.MessageLog;
import io.campaignrelay.core.metrics.DeliveryEvent;
import io.campaignrelay.core.metrics.DeliveryOutcome;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.core.outbox.OutboxDelivery;
import io.campaignrelay.core.runtime.CampaignClaims;
import io.campaignrelay.core.runtime.CampaignJobs;
import io.campaignrelay.core.runtime.CampaignLedger;
import io.campaignrelay.core.runtime.CampaignRecord;
import io.campaignrelay.core.runtime.CappedChannel;
import io.campaignrelay.core.runtime.ClockScheduler;
import io.campaignrelay.core.runtime.FileCampaignLedger;
import io.campaignrelay.core.runtime.FileJobStore;
import io.campaignrelay.core.runtime.FileListenerTokens;
import io.campaignrelay.core.runtime.FileProcessedIds;
import io.campaignrelay.core.runtime.InMemoryCampaignClaims;
import io.campaignrelay.core.runtime.InMemoryCampaignLedger;
import io.campaignrelay.core.runtime.InMemoryJobStore;
import io.campaignrelay.core.runtime.InMemoryListenerTokens;
import io.campaignrelay.core.runtime.InMemoryProcessedIds;
import io.campaignrelay.core.runtime.InMemorySendCaps;
import io.campaignrelay.core.runtime.InboundRefusals;
import io.campaignrelay.core.runtime.JobKey;
import io.campaignrelay.core.runtime.JobRun;
import io.campaignrelay.core.runtime.ListenerTokens;
import io.campaignrelay.core.runtime.ProcessedIds;
import io.campaignrelay.core.runtime.Scheduler;
import io.campaignrelay.core.runtime.SendCaps;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.core.template.TemplateRenderer;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.OptimoveEvents;
import io.campaignrelay.optimove.OptimoveMetricsSink;
import io.campaignrelay.optimove.OptimoveTargetSource;
import io.campaignrelay.optimove.models.EventType;
import io.campaignrelay.optimove.models.ExecutedCampaignChannelDetail;
import io.campaignrelay.optimove.models.TriggeredEvent;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivyr's Optimove execution channel, run by itself: the integration's settings validated and
 * installed, approved templates synced daily to Scheduled SMS 452 and Triggered SMS 250, Optimove's
 * event listeners registered, event 13 campaigns executed at their send time, event 11 triggers
 * sent one by one, Delivyr's signed webhooks turned into engagement metrics, the metrics outbox
 * flushed daily for a week after each send. Embedded and framework-neutral: it runs on core's
 * runtime ports ({@link Scheduler}, {@link CampaignLedger}, {@link ProcessedIds}, {@link
 * CampaignClaims}, {@link ExecutionJournal}), which a database-backed state may replace.
 *
 * <p>Jobs (each idempotent by key, each re-runnable):
 *
 * <table>
 *   <caption>The runtime's jobs</caption>
 *   <tr><th>key</th><th>when</th><th>what</th></tr>
 *   <tr><td>{@code templates-sync}</td><td>daily at {@link Builder#templatesSyncAt}</td>
 *       <td>{@link DelivyrTemplateSync}: new and changed approved templates published, withdrawn
 *       ones removed, Default URL on templates older than the integration</td></tr>
 *   <tr><td>{@code campaign:<c>:<ch>}</td><td>when event 13 arrived</td><td>reads the campaign's
 *       template and send time from Optimove, records it and schedules its execution</td></tr>
 *   <tr><td>{@code execute:<c>:<ch>}</td><td>the send time</td><td>{@link CampaignJobs}: the
 *       engine on Optimove's targets</td></tr>
 *   <tr><td>{@code trigger:<c>}</td><td>when event 11 arrived</td><td>one message through the
 *       same engine</td></tr>
 *   <tr><td>{@code metrics:<c>:<ch>:day<d>}</td><td>send + d days, d = 1..7</td><td>flushes the
 *       metrics outbox (Delivyr pushes outcomes by webhook)</td></tr>
 *   <tr><td>{@code outbox:<minute>}</td><td>after webhooks arrive</td><td>flushes the metrics
 *       outbox</td></tr>
 * </table>
 *
 * <p>One LIVE switch: the integration's testing mode ({@link
 * OptimoveIntegrationSettings#testingMode()}, on by default). While it is on every run is an engine
 * {@link ExecutionMode#TEST} run: the message log only, nothing is sent to Delivyr. Turning it off
 * is an explicit {@link #testingMode(boolean)} call (or settings built with it off), which the
 * runtime logs at INFO.
 *
 * <p>Dropped recipients are reported once: a recipient the engine drops before sending (bad phone
 * number, message too long, template unknown) is reported Dropped by the runtime, once per campaign
 * and customer (kept in {@link ProcessedIds} under {@code dropped}); a recipient Delivyr rejects is
 * <em>not</em> reported from the send answer: Delivyr reports it by its {@code message.rejected}
 * webhook, which is the only source of a vendor Dropped. Nothing is counted twice. TEST runs report
 * nothing (nothing was sent).
 *
 * <p>Inbound defences (docs/SECURITY.md): the listener URL carries an unguessable token ({@link
 * ListenerTokens}, rotated at each {@link #install()}), inbound bodies are bounded in size and in
 * JSON depth, array size and tokens, and every refusal is counted in {@link #inboundRefusals()}. A
 * trigger (event 11) is sent only if its customer is one Optimove knows ({@link
 * Builder#requireKnownCustomer}), its destination is the customer's own phone attribute or allowed
 * by {@link Builder#overrideDestinations}, it is no premium-rate or non-SMS number ({@link
 * Builder#destinations}), and the {@link SendCaps} allow it; a refused trigger is reported Dropped
 * and counted under {@code trigger <reason>}. Scheduled campaigns (event 13) are held to the same
 * caps message by message through a {@link CappedChannel} in front of Delivyr: a capped recipient
 * is not sent, is reported Dropped with the cap named and is counted under {@code scheduled
 * cap_<scope>}.
 *
 * <p>Thread-safe. {@link #close()} closes the file stores it opened.
 */
public final class DelivyrRuntime implements Closeable {

  /** The daily template sync's job key. */
  public static final JobKey TEMPLATES_SYNC = JobKey.of("templates-sync");

  /** The path of Optimove's event listener under the listener base URL. */
  public static final String OPTIMOVE_EVENTS_PATH = "optimove/events";

  /** The path of Delivyr's webhooks under the listener base URL. */
  public static final String DELIVYR_WEBHOOKS_PATH = "delivyr/webhooks";

  static final String CAMPAIGN_JOB = "campaign";
  static final String TRIGGER_JOB = "trigger";
  static final String OUTBOX_JOB = "outbox";
  static final String KIND = "kind";
  static final String PAYLOAD = "payload";
  static final String TEMPLATE = "templateId";
  static final String EVENT_CAMPAIGN = "eventCampaignId";
  static final String DROPPED_NAMESPACE = "dropped";
  static final Duration KEEP_IDS = Duration.ofDays(30);

  private static final Logger LOG = LoggerFactory.getLogger("io.campaignrelay.runtime.delivyr");

  private final DelivyrClient delivyr;
  private final OptimoveClient optimove;
  private final OptimoveMetricsSink metrics;
  private final Scheduler scheduler;
  private final ClockScheduler clockScheduler;
  private final CampaignLedger ledger;
  private final ProcessedIds processedIds;
  private final ExecutionJournal journal;
  private final MessageLog messageLog;
  private final Clock clock;
  private final ExecutionListener hostListener;
  private final String listenerBaseUrl;
  private final ListenerTokens listenerTokens;
  private final boolean fixedToken;
  private final InboundRefusals refusals;
  private final InboundJsonLimits jsonLimits;
  private final SendCaps sendCaps;
  private final SendCaps scheduledSendCaps;
  private final DestinationPolicy overrideDestinations;
  private final DestinationPolicy destinations;
  private final PhoneNumberParser phoneParser;
  private final boolean requireKnownCustomer;
  private final Secret webhookSecret;
  private final ZoneId tenantZone;
  private final LocalTime templatesSyncAt;
  private final int maxBodyBytes;
  private final Path stateDirectory;
  private final List<Closeable> opened;
  private final CampaignJobs campaignJobs;
  private final OptimoveEventHandler eventHandler;
  private final DelivyrWebhookHandler webhookHandler;
  private volatile OptimoveIntegrationSettings settings;
  private volatile Instant enabledAt;

  private DelivyrRuntime(Builder b, List<Closeable> opened) {
    this.delivyr = b.delivyr;
    this.optimove = b.optimove;
    this.metrics = b.metricsSink;
    this.settings = b.settings;
    this.clock = b.clock;
    this.hostListener = b.executionListener;
    this.listenerBaseUrl =
        b.listenerBaseUrl.endsWith("/") ? b.listenerBaseUrl : b.listenerBaseUrl + "/";
    this.listenerTokens = b.listenerTokens;
    this.fixedToken = b.listenerToken != null;
    this.refusals = b.refusals;
    this.jsonLimits = new InboundJsonLimits(b.maxBodyBytes);
    this.sendCaps = b.sendCaps;
    // Scheduled campaigns are the operator's own, confirmed with Optimove: by default only the
    // per-number daily cap holds them (a campaign of any size is not cut at a country's hourly
    // trigger budget).
    this.scheduledSendCaps =
        b.scheduledSendCaps != null
            ? b.scheduledSendCaps
            : InMemorySendCaps.builder()
                .perCountryPerHour(Integer.MAX_VALUE)
                .perCampaign(Long.MAX_VALUE)
                .build();
    this.overrideDestinations = b.overrideDestinations;
    this.destinations = b.destinations;
    this.phoneParser = b.phoneParser;
    this.requireKnownCustomer = b.requireKnownCustomer;
    this.webhookSecret = b.webhookSecret;
    this.tenantZone = b.tenantZone;
    this.templatesSyncAt = b.templatesSyncAt;
    this.maxBodyBytes = b.maxBodyBytes;
    this.stateDirectory = b.stateDirectory;
    this.opened = opened;
    this.ledger = b.ledger;
    this.processedIds = b.processedIds;
    this.journal = b.journal;
    this.messageLog = b.messageLog;
    this.scheduler = b.scheduler;
    this.clockScheduler = b.scheduler instanceof ClockScheduler cs ? cs : null;
    this.campaignJobs =
        CampaignJobs.builder()
            .scheduler(scheduler)
            .ledger(ledger)
            .claims(b.claims)
            .owner(b.owner)
            .clock(clock)
            .runner(this::runScheduled)
            .metricsPull((record, day) -> flushMetrics("day " + day + " of " + record.key()))
            .build();
    scheduler.register(TEMPLATES_SYNC.type(), run -> syncTemplatesNow());
    scheduler.register(CAMPAIGN_JOB, this::prepareCampaign);
    scheduler.register(TRIGGER_JOB, this::runTrigger);
    scheduler.register(OUTBOX_JOB, run -> flushMetrics("outbox"));
    this.eventHandler = new OptimoveEventHandler(this);
    this.webhookHandler = new DelivyrWebhookHandler(this);
    this.enabledAt = readState("enabled-at").map(Instant::parse).orElse(null);
    Optional<String> switched = readState("testing-mode");
    if (switched.isPresent() && Boolean.parseBoolean(switched.get()) != settings.testingMode()) {
      // the explicit switch survives a restart: jobs scheduled while LIVE stay LIVE
      settings = settings.toBuilder().testingMode(Boolean.parseBoolean(switched.get())).build();
      LOG.info(
          "testing mode {} as last switched in {}",
          settings.testingMode() ? "ON" : "OFF: campaigns are sent",
          stateDirectory);
    }
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------ install

  /**
   * Installs the integration: puts the settings on Delivyr (testing mode as the settings have it,
   * on by default), records when the integration was enabled (for the Default URL rule), schedules
   * the daily {@code templates-sync} and runs it once now, and registers Optimove's event listeners
   * (event 13 on 452, event 11 on 250) at a listener URL with a new token: the token is rotated
   * first (unless a fixed {@link Builder#listenerToken} was given), so calls with the previous
   * token are refused from then on. Calling it again re-applies the same state with a new token.
   *
   * @throws io.campaignrelay.core.http.ApiServiceException if a vendor refuses a call
   */
  public synchronized void install() {
    delivyr.putOptimoveIntegration(settings);
    if (enabledAt == null) {
      enabledAt = clock.instant();
      writeState("enabled-at", enabledAt.toString());
    }
    LOG.info(
        "Delivyr integration installed (testing mode {}), enabled since {}",
        settings.testingMode() ? "ON: nothing is sent" : "OFF: campaigns are sent",
        enabledAt);
    syncTemplatesNow();
    scheduler.scheduleDaily(TEMPLATES_SYNC, templatesSyncAt, tenantZone);
    if (!fixedToken) {
      listenerTokens.rotate();
      LOG.info("listener token rotated: calls with the previous token are refused from now on");
    }
    String listener = listenerUrl();
    optimove.createEventListener(EventType.CHANNEL_EXECUTED, listener, ChannelId.SCHEDULED_SMS);
    optimove.createEventListener(EventType.TRIGGERED, listener, ChannelId.TRIGGERED_SMS);
    LOG.info(
        "Optimove listeners registered: event 13 on channel 452, event 11 on channel 250, at {}",
        listenerBaseUrl + OPTIMOVE_EVENTS_PATH);
  }

  /**
   * Syncs approved templates to 452 and 250 now (what the daily {@code templates-sync} job does).
   * Idempotent: unchanged templates are left as they are.
   */
  public void syncTemplatesNow() {
    var synced = DelivyrTemplateSync.create(delivyr, optimove, defaultUrlRule()).sync();
    synced.forEach(
        (channel, list) ->
            LOG.info("templates synced to channel {}: {} approved", channel, list.size()));
  }

  /**
   * The Default URL rule: the configured Default URL on templates created before the integration
   * was enabled.
   *
   * @return the rule, or null before {@link #install()} or without a Default URL
   */
  DefaultUrlRule defaultUrlRule() {
    Instant since = enabledAt;
    if (since == null || settings.defaultUrl().isEmpty()) {
      return null;
    }
    return DefaultUrlRule.of(settings.defaultUrl().get(), since);
  }

  /**
   * The URL registered with Optimove for events 13 and 11, with the current listener token (a
   * credential: never log it).
   *
   * @return the URL
   */
  String listenerUrl() {
    String url = listenerBaseUrl + OPTIMOVE_EVENTS_PATH;
    Optional<Secret> token = listenerTokens.current();
    return token.isEmpty() ? url : url + "?token=" + token.get().reveal();
  }

  /**
   * Registers Optimove's listeners again with a new token: the previous listener URL is refused
   * from then on.
   *
   * @throws ConfigurationException if a fixed {@link Builder#listenerToken} was given
   * @throws io.campaignrelay.core.http.ApiServiceException if Optimove refuses a registration
   */
  public synchronized void rotateListenerToken() {
    if (fixedToken) {
      throw new ConfigurationException(
          "Delivyr runtime",
          ConfigurationProblem.of(
              "listenerToken", null, "is fixed: build the runtime without it to rotate tokens"));
    }
    listenerTokens.rotate();
    String listener = listenerUrl();
    optimove.createEventListener(EventType.CHANNEL_EXECUTED, listener, ChannelId.SCHEDULED_SMS);
    optimove.createEventListener(EventType.TRIGGERED, listener, ChannelId.TRIGGERED_SMS);
    LOG.info("listener token rotated and listeners registered again");
  }

  /**
   * What the inbound endpoints and the trigger job refused, counted by endpoint and outcome.
   *
   * @return the live counters
   */
  public InboundRefusals inboundRefusals() {
    return refusals;
  }

  // ------------------------------------------------------------------ the LIVE switch

  /**
   * Whether the integration is in testing mode (nothing is sent).
   *
   * @return true while testing mode is on
   */
  public boolean testingMode() {
    return settings.testingMode();
  }

  /**
   * The one LIVE switch: turns the integration's testing mode on or off, on Delivyr and in this
   * runtime. Turning it off is logged at INFO; from then on campaigns and triggers are sent. With a
   * state directory the switch is kept there, so a runtime restarted on it keeps the last switch
   * (whatever the settings it is built with say).
   *
   * @param on false to send for real
   * @throws io.campaignrelay.core.http.ApiServiceException if Delivyr refuses the settings
   */
  public synchronized void testingMode(boolean on) {
    OptimoveIntegrationSettings next = settings.toBuilder().testingMode(on).build();
    delivyr.putOptimoveIntegration(next);
    settings = next;
    writeState("testing-mode", Boolean.toString(on));
    if (on) {
      LOG.info("testing mode turned ON: nothing is sent, messages go to the message log only");
    } else {
      LOG.info("testing mode turned OFF explicitly: campaigns and triggers are now SENT");
    }
  }

  /**
   * The current settings.
   *
   * @return the settings
   */
  public OptimoveIntegrationSettings settings() {
    return settings;
  }

  ExecutionMode mode() {
    return settings.testingMode() ? ExecutionMode.TEST : ExecutionMode.LIVE;
  }

  // ------------------------------------------------------------------ inbound

  /**
   * The handler of Optimove's event-listener calls (events 13 and 11).
   *
   * @return the handler
   */
  public OptimoveEventHandler optimoveEventHandler() {
    return eventHandler;
  }

  /**
   * The handler of Delivyr's webhooks.
   *
   * @return the handler
   */
  public DelivyrWebhookHandler webhookHandler() {
    return webhookHandler;
  }

  // ------------------------------------------------------------------ state

  /**
   * The scheduler the jobs run on.
   *
   * @return the scheduler
   */
  public Scheduler scheduler() {
    return scheduler;
  }

  /**
   * The campaign ledger.
   *
   * @return the ledger
   */
  public CampaignLedger ledger() {
    return ledger;
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
   * Runs the jobs that are due on the runtime's {@link ClockScheduler} (tests and simple hosts
   * drive the runtime this way; a host may instead {@link ClockScheduler#start start} it).
   *
   * @return how many job occurrences ran
   * @throws ConfigurationException if the runtime runs on another scheduler
   */
  public int runDue() {
    if (clockScheduler == null) {
      throw new ConfigurationException(
          "Delivyr runtime",
          ConfigurationProblem.of(
              "scheduler", scheduler, "is not a ClockScheduler: it runs its jobs itself"));
    }
    return clockScheduler.runDue();
  }

  Clock clock() {
    return clock;
  }

  ProcessedIds processedIds() {
    return processedIds;
  }

  int maxBodyBytes() {
    return maxBodyBytes;
  }

  ListenerTokens listenerTokens() {
    return listenerTokens;
  }

  InboundJsonLimits jsonLimits() {
    return jsonLimits;
  }

  Secret webhookSecret() {
    return webhookSecret;
  }

  OptimoveMetricsSink metrics() {
    return metrics;
  }

  /** Schedules what an accepted event 13 starts (on the job thread, never the request's). */
  boolean acceptCampaignEvent(long campaignId, int channelId) {
    return scheduler.scheduleOnce(JobKey.of(CAMPAIGN_JOB, campaignId, channelId), clock.instant());
  }

  /** Records an accepted trigger durably and schedules its job. */
  boolean acceptTrigger(TriggeredEvent event, String rawBody) {
    Instant now = clock.instant();
    Campaign engine = DelivyrCampaigns.perTrigger(event, now);
    CampaignRecord record =
        CampaignRecord.builder(engine.id(), Integer.toString(engine.channel().value()), now)
            .attribute(KIND, "triggered")
            .attribute(PAYLOAD, rawBody)
            .build();
    ledger.putIfAbsent(record);
    return scheduler.scheduleOnce(JobKey.of(TRIGGER_JOB, engine.id().value()), now);
  }

  /** After a webhook was handed to the metrics sink: flush it soon, off the request thread. */
  void scheduleOutboxFlush() {
    Instant now = clock.instant();
    long minute = now.getEpochSecond() / 60;
    scheduler.scheduleOnce(JobKey.of(OUTBOX_JOB, minute), now);
  }

  // ------------------------------------------------------------------ jobs

  private void flushMetrics(String why) {
    OutboxDelivery.Result r = metrics.flush();
    if (!r.isComplete()) {
      // the job is retried later; what was not delivered stays in the outbox
      throw new IllegalStateException(
          "metrics outbox not fully delivered (" + why + "): " + r.remaining() + " remain");
    }
    LOG.debug("metrics outbox flushed ({}): {} delivered", why, r.delivered());
  }

  /** campaign:<c>:<ch>: the campaign's template and send time from Optimove, then CampaignJobs. */
  private void prepareCampaign(JobRun run) {
    String[] parts = run.key().value().split(":");
    long campaignId = Long.parseLong(parts[1]);
    int channelId = Integer.parseInt(parts[2]);
    List<ExecutedCampaignChannelDetail> details =
        optimove.listExecutedCampaignChannelDetails(
            CampaignId.scheduled(campaignId), ChannelId.of(channelId));
    Long templateId = null;
    Instant sendAt = null;
    for (ExecutedCampaignChannelDetail d : details) {
      if (templateId == null && d.templateId() != null && d.templateId() > 0) {
        templateId = d.templateId();
      }
      Optional<LocalDateTime> t = d.scheduledTime();
      if (t.isPresent()) {
        Instant at = t.get().atZone(tenantZone).toInstant();
        sendAt = sendAt == null || at.isBefore(sendAt) ? at : sendAt;
      }
    }
    if (templateId == null) {
      throw new IllegalStateException(
          "Optimove has no executed template yet for campaign "
              + campaignId
              + " on channel "
              + channelId
              + ": retrying later");
    }
    Instant at = sendAt == null ? run.startedAt() : sendAt;
    CampaignRecord record =
        CampaignRecord.builder(CampaignId.scheduled(campaignId), Integer.toString(channelId), at)
            .attribute(KIND, "scheduled")
            .attribute(TEMPLATE, Long.toString(templateId))
            .build();
    boolean added = campaignJobs.schedule(record);
    LOG.info(
        "campaign {} on channel {} {} for {} (template {})",
        campaignId,
        channelId,
        added ? "scheduled" : "already scheduled",
        at,
        templateId);
  }

  /** execute:<c>:<ch>: the engine on the campaign's Optimove targets. */
  private ExecutionReport runScheduled(CampaignRecord record, ExecutionListener renewing) {
    long templateId = Long.parseLong(record.attribute(TEMPLATE).orElseThrow());
    Campaign campaign =
        Campaign.builder()
            .kind(io.campaignrelay.core.CampaignKind.SCHEDULED)
            .id(record.campaignId())
            .channel(ChannelId.of(Integer.parseInt(record.channel())))
            .templateId(TemplateId.of(templateId))
            .sendTime(record.sendAt())
            .build();
    OptimoveTargetSource targets =
        OptimoveTargetSource.builder()
            .client(optimove)
            .customerAttributes(settings.customerAttributes())
            .phoneAttribute(settings.phoneNumberAttribute())
            .build();
    return execute(campaign, campaign, targets::recipients, renewing, true);
  }

  /** trigger:<c>: one message through the same engine and the same test-mode gate. */
  private void runTrigger(JobRun run) {
    String engineId = run.key().value().substring(TRIGGER_JOB.length() + 1);
    String key =
        CampaignRecord.keyOf(
            CampaignId.triggered(engineId), Integer.toString(ChannelId.TRIGGERED_SMS.value()));
    Optional<CampaignRecord> found = ledger.find(key);
    if (found.isEmpty() || found.get().sentAt().isPresent()) {
      return;
    }
    CampaignRecord record = found.get();
    TriggeredEvent event;
    try {
      event = OptimoveEvents.parseTriggered(record.attribute(PAYLOAD).orElseThrow());
    } catch (RuntimeException e) {
      refuseTrigger(record, null, null, "malformed");
      return;
    }
    Campaign real = DelivyrCampaigns.triggered(event, record.sendAt());
    Campaign engine = real.toBuilder().id(record.campaignId()).build();
    TriggeredMessageBuilder builder =
        TriggeredMessageBuilder.builder()
            .settings(settings)
            .attributeLookup(CustomerAttributeLookup.optimove(optimove))
            .phoneParser(phoneParser)
            .mode(mode())
            .build();
    ExecutionReport report;
    try {
      var request = builder.build(event);
      Optional<String> refused = guard(event, request.to(), real);
      if (refused.isPresent()) {
        refuseTrigger(record, real, event, refused.get());
        return;
      }
      List<String> names = new ArrayList<>();
      List<String> values = new ArrayList<>();
      names.add(settings.phoneNumberAttribute());
      values.add(request.to());
      request
          .variables()
          .forEach(
              (n, v) -> {
                names.add(n);
                values.add(v);
              });
      Recipient recipient =
          Recipient.of(CustomerId.of(event.customerId()), CustomerAttributes.of(names, values));
      // the trigger's caps were reserved by guard(): not again in the channel
      report = execute(engine, real, c -> Stream.of(recipient), ExecutionListener.NONE, false);
    } catch (InvalidPhoneNumberException e) {
      if (mode().isLive()) {
        reportDropped(
            real.id(),
            CustomerId.of(event.customerId()),
            RejectionReason.INVALID_PHONE_FORMAT,
            "no usable phone number");
      }
      LOG.info("trigger {} dropped: no usable phone number", engineId);
      ledger.put(record.toBuilder().sentAt(clock.instant()).attribute("dropped", "1").build());
      return;
    }
    ledger.put(
        record.toBuilder()
            .sentAt(clock.instant())
            .attribute("dispatched", Long.toString(report.dispatched()))
            .attribute("dropped", Long.toString(report.dropped()))
            .attribute("logged", Long.toString(report.logged()))
            .build());
  }

  /**
   * The trigger's checks before anything is sent, cheapest first: the destination (premium-rate,
   * non-SMS, {@link Builder#destinations}), the customer (known to Optimove), an override
   * destination (not the customer's own phone attribute: {@link Builder#overrideDestinations}),
   * then the caps (LIVE only: nothing is sent in TEST).
   *
   * @return the reason to refuse, or empty to send
   */
  private Optional<String> guard(TriggeredEvent event, String to, Campaign real) {
    PhoneNumberDetails details;
    try {
      details = phoneParser.describe(to);
    } catch (RuntimeException e) {
      return Optional.of("invalid_number");
    }
    DestinationVerdict everyone = destinations.verdictFor(details);
    if (!everyone.allowed()) {
      return Optional.of(everyone.reason().name().toLowerCase(Locale.ROOT));
    }
    Map<String, String> own;
    if (requireKnownCustomer) {
      try {
        own = CustomerAttributeLookup.optimove(optimove).attributes(event.customerId());
      } catch (ApiServiceException e) {
        if (e.statusCode() != 404 && e.statusCode() != 400) {
          throw e; // the job is retried: nothing is sent on a guess
        }
        own = Map.of();
      }
      if (own.values().stream().allMatch(v -> v == null || v.isBlank())) {
        return Optional.of("unknown_customer");
      }
    } else {
      own = event.hasPersonalInfo() ? event.personalInfo() : Map.of();
    }
    String ownPhone = null;
    for (Map.Entry<String, String> e : own.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(settings.phoneNumberAttribute())) {
        try {
          ownPhone = phoneParser.parse(e.getValue()).e164();
        } catch (RuntimeException ignored) {
          ownPhone = null;
        }
      }
    }
    if (!to.equals(ownPhone)) {
      DestinationVerdict v = overrideDestinations.verdictFor(details);
      if (!v.allowed()) {
        return Optional.of("override_" + v.reason().name().toLowerCase(Locale.ROOT));
      }
    }
    if (mode().isLive()) {
      Optional<SendCaps.Scope> capped =
          sendCaps.tryAcquire(
              real.id().value(), to, details.regionCode().orElse("unknown"), clock.instant());
      if (capped.isPresent()) {
        return Optional.of("cap_" + capped.get().name().toLowerCase(Locale.ROOT));
      }
    }
    return Optional.empty();
  }

  /**
   * A refused trigger: logged (no number), counted, reported Dropped once, closed in the ledger.
   */
  private void refuseTrigger(
      CampaignRecord record, Campaign real, TriggeredEvent event, String reason) {
    LOG.info("trigger {} refused: {}", record.campaignId().value(), reason);
    refusals.count("trigger " + reason);
    if (mode().isLive()
        && real != null
        && event != null
        && !reason.equals("unknown_customer")
        && event.customerId() != null) {
      // a customer Optimove does not know is not reported to Optimove's metrics
      reportDropped(
          real.id(),
          CustomerId.of(event.customerId()),
          reason.startsWith("premium") || reason.startsWith("cannot")
              ? RejectionReason.CANNOT_RECEIVE_SMS
              : RejectionReason.OTHER,
          "refused by the runtime: " + reason);
    }
    ledger.put(
        record.toBuilder()
            .sentAt(clock.instant())
            .attribute("dropped", "1")
            .attribute("refused", reason)
            .build());
  }

  /**
   * Runs the engine: TEST (message log only) while testing mode is on, LIVE through Delivyr
   * otherwise; drops decided before sending are reported once, Delivyr's rejections are left to its
   * webhooks.
   *
   * @param campaign the campaign the engine runs (its id makes the idempotency keys)
   * @param reported the campaign Delivyr and Optimove see (metrics are reported against it)
   * @param capped whether each message is held to the scheduled send caps in the channel
   */
  private ExecutionReport execute(
      Campaign campaign,
      Campaign reported,
      Function<Campaign, Stream<Recipient>> recipients,
      ExecutionListener renewing,
      boolean capped) {
    ExecutionMode mode = mode();
    Set<CustomerId> vendorRejected = ConcurrentHashMap.newKeySet();
    ExecutionListener listener =
        new ExecutionListener() {
          @Override
          public void onProgress(ExecutionProgress progress) {
            renewing.onProgress(progress);
          }

          @Override
          public void onDropped(CustomerId customerId, RejectionReason reason, String detail) {
            if (mode.isLive() && !vendorRejected.contains(customerId)) {
              reportDropped(reported.id(), customerId, reason, detail);
            }
          }
        };
    CampaignExecutor.Builder b =
        CampaignExecutor.builder()
            .targetSource(recipients::apply)
            .renderer(renderer())
            .journal(journal)
            .messageLog(messageLog)
            .clock(clock)
            .listener(ExecutionListener.all(listener, hostListener));
    if (mode.isLive()) {
      MessageChannel channel =
          new RuntimeChannel(
              DelivyrMessageChannel.create(delivyr, ExecutionMode.LIVE),
              campaign == reported ? null : reported,
              vendorRejected);
      if (capped) {
        // outside RuntimeChannel: a capped recipient is reported Dropped by the runtime (Delivyr
        // never saw it, so no webhook will)
        channel =
            CappedChannel.builder()
                .channel(channel)
                .caps(scheduledSendCaps)
                .phoneParser(phoneParser)
                .clock(clock)
                .counters(refusals)
                .counterPrefix("scheduled")
                .build();
      }
      b.channel(channel);
    }
    Map<TemplateId, Template> cache = new HashMap<>();
    ExecutionReport report =
        b.build().execute(campaign, id -> cache.computeIfAbsent(id, this::template), mode);
    LOG.info(
        "{} campaign {} on {}: {} dispatched, {} logged, {} dropped, {} uncertain",
        mode,
        reported.id(),
        reported.channel(),
        report.dispatched(),
        report.logged(),
        report.dropped(),
        report.uncertain());
    return report;
  }

  private TemplateRenderer renderer() {
    TemplateRenderer.Builder r = TemplateRenderer.builder();
    settings.defaultUrl().ifPresent(u -> r.defaultUrl(URI.create(u)));
    return r.build();
  }

  /**
   * The template bridge: Optimove's numeric TemplateID (or a Delivyr id) to the Delivyr template.
   */
  private Template template(TemplateId id) {
    String delivyrId = id.value();
    if (!TemplateIdMapping.isValidDelivyrId(delivyrId)) {
      try {
        delivyrId = TemplateIdMapping.toDelivyrId(Long.parseLong(id.value()));
      } catch (RuntimeException e) {
        return null; // the engine drops the recipient as "template unknown", and says so
      }
    }
    Optional<Template> t =
        DelivyrTemplateSource.create(delivyr, defaultUrlRule()).template(TemplateId.of(delivyrId));
    // the engine renders the numeric id it asked for: keep the Optimove TemplateID on the template
    return t.map(x -> x.toBuilder().id(id).build()).orElse(null);
  }

  private void reportDropped(
      CampaignId campaign, CustomerId customer, RejectionReason reason, String detail) {
    Instant now = clock.instant();
    String id = campaign.value() + ":" + customer.value();
    if (!processedIds.markIfAbsent(DROPPED_NAMESPACE, id, now, now.plus(KEEP_IDS))) {
      return;
    }
    metrics.accept(
        new DeliveryEvent(
            "dropped:" + id, campaign, customer, DeliveryOutcome.rejected(reason, detail), now));
  }

  // ------------------------------------------------------------------ small durable facts

  /** A fact kept in the state directory (when enabled, the last LIVE switch). */
  private Optional<String> readState(String name) {
    if (stateDirectory == null) {
      return Optional.empty();
    }
    Path p = stateDirectory.resolve(name);
    try {
      if (!Files.exists(p)) {
        return Optional.empty();
      }
      String v = Files.readString(p, StandardCharsets.UTF_8).trim();
      if (name.equals("enabled-at")) {
        Instant.parse(v);
      }
      return Optional.of(v);
    } catch (IOException | RuntimeException e) {
      LOG.warn("{} in {} is unreadable and ignored", name, stateDirectory);
      return Optional.empty();
    }
  }

  private void writeState(String name, String value) {
    if (stateDirectory == null) {
      return;
    }
    try {
      Path tmp = stateDirectory.resolve(name + ".tmp");
      Files.writeString(tmp, value, StandardCharsets.UTF_8);
      Files.move(
          tmp,
          stateDirectory.resolve(name),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record " + name + " in " + stateDirectory, e);
    }
  }

  @Override
  public void close() {
    for (Closeable c : opened) {
      try {
        c.close();
      } catch (IOException e) {
        LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
      }
    }
  }

  @Override
  public String toString() {
    return "DelivyrRuntime{testingMode="
        + settings.testingMode()
        + ", state="
        + stateDirectory
        + '}';
  }

  /**
   * The runtime's channel: Delivyr's, remembering which recipients Delivyr itself rejected (their
   * Dropped comes by webhook) and, for a trigger, sending the message under the triggered campaign
   * Optimove knows while keeping the per-trigger idempotency key.
   */
  static final class RuntimeChannel extends ForwardingMessageChannel {
    private final Campaign reported;
    private final Set<CustomerId> rejected;

    // thread-safe with batches in flight: a concurrent set, per-call maps
    RuntimeChannel(MessageChannel delegate, Campaign reported, Set<CustomerId> rejected) {
      super(delegate);
      this.reported = reported;
      this.rejected = rejected;
    }

    @Override
    public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
      List<DispatchResult> results = delegate().dispatch(rewrite(batch));
      Map<String, CustomerId> byKey = new HashMap<>();
      for (OutboundMessage m : batch) {
        byKey.put(m.idempotencyKey().value(), m.customerId());
      }
      for (DispatchResult r : results) {
        if (!r.isAccepted()) {
          CustomerId c = byKey.get(r.idempotencyKey().value());
          if (c != null) {
            rejected.add(c);
          }
        }
      }
      return results;
    }

    @Override
    public List<ReconcileResult> reconcile(List<OutboundMessage> messages) {
      List<ReconcileResult> results = delegate().reconcile(rewrite(messages));
      // a message the vendor's records show as refused was reported by its webhook already
      Map<String, CustomerId> byKey = new HashMap<>();
      for (OutboundMessage m : messages) {
        byKey.put(m.idempotencyKey().value(), m.customerId());
      }
      for (ReconcileResult r : results) {
        if (r != null && r.status() == ReconcileResult.Status.REJECTED) {
          CustomerId c = byKey.get(r.idempotencyKey().value());
          if (c != null) {
            rejected.add(c);
          }
        }
      }
      return results;
    }

    private List<OutboundMessage> rewrite(List<OutboundMessage> batch) {
      if (reported == null) {
        return batch;
      }
      List<OutboundMessage> out = new ArrayList<>(batch.size());
      for (OutboundMessage m : batch) {
        out.add(
            new OutboundMessage(
                m.idempotencyKey(),
                reported,
                m.customerId(),
                m.to(),
                m.templateId(),
                m.text(),
                m.length()));
      }
      return out;
    }
  }

  /** Any country; premium-rate and non-SMS numbers refused (calling codes start with 1-9). */
  private static final DestinationPolicy SMS_CAPABLE =
      DestinationPolicy.builder()
          .allowedPrefixes("+1", "+2", "+3", "+4", "+5", "+6", "+7", "+8", "+9")
          .build();

  /** An operator's fixed listener token: never rotated. */
  private static final class FixedToken implements ListenerTokens {
    private final Secret token;

    FixedToken(Secret token) {
      this.token = token;
    }

    @Override
    public Optional<Secret> current() {
      return Optional.of(token);
    }

    @Override
    public Secret rotate() {
      return token;
    }

    @Override
    public String toString() {
      return "FixedToken{}";
    }
  }

  /**
   * Builds a {@link DelivyrRuntime}. Not thread-safe. The settings, both clients, the metrics sink,
   * the webhook secret and the listener base URL are required; the state is in memory unless a
   * {@link #stateDirectory(Path) state directory} or stores are given.
   */
  public static final class Builder {
    private OptimoveIntegrationSettings settings;
    private DelivyrClient delivyr;
    private OptimoveClient optimove;
    private OptimoveMetricsSink metricsSink;
    private Secret webhookSecret;
    private Secret listenerToken;
    private ListenerTokens listenerTokens;
    private InboundRefusals refusals = InboundRefusals.create();
    private SendCaps sendCaps;
    private SendCaps scheduledSendCaps;
    private DestinationPolicy overrideDestinations = DestinationPolicy.builder().build();
    private DestinationPolicy destinations = SMS_CAPABLE;
    private PhoneNumberParser phoneParser = PhoneNumberParser.basic();
    private boolean requireKnownCustomer = true;
    private String listenerBaseUrl;
    private Path stateDirectory;
    private Scheduler scheduler;
    private CampaignLedger ledger;
    private ProcessedIds processedIds;
    private ExecutionJournal journal;
    private CampaignClaims claims;
    private MessageLog messageLog;
    private Clock clock = Clock.systemUTC();
    private ExecutionListener executionListener = ExecutionListener.NONE;
    private ZoneId tenantZone = ZoneOffset.UTC;
    private LocalTime templatesSyncAt = LocalTime.of(6, 0);
    private String owner = "delivyr-runtime";
    private int maxBodyBytes = 64 * 1024;

    private Builder() {}

    /**
     * Sets the integration's settings (required), validated when they were built; testing mode is
     * on unless they were built with it off.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder settings(OptimoveIntegrationSettings settings) {
      this.settings = settings;
      return this;
    }

    /**
     * Sets the Delivyr client (required).
     *
     * @param delivyr the client
     * @return this builder
     */
    public Builder delivyr(DelivyrClient delivyr) {
      this.delivyr = delivyr;
      return this;
    }

    /**
     * Sets the Optimove client (required): targets, templates, listeners, attributes.
     *
     * @param optimove the client
     * @return this builder
     */
    public Builder optimove(OptimoveClient optimove) {
      this.optimove = optimove;
      return this;
    }

    /**
     * Sets the metrics sink (required): the one writer to Optimove's engagement endpoint. Give it a
     * durable outbox ({@link io.campaignrelay.core.outbox.FileMetricsOutbox} or a database one) so
     * that accepted webhooks and dropped recipients survive a restart, and a buffer large enough
     * for the webhooks between two flushes: the runtime flushes it in jobs (a flush that leaves
     * entries behind fails the job, which is retried).
     *
     * @param sink the sink
     * @return this builder
     */
    public Builder metricsSink(OptimoveMetricsSink sink) {
      this.metricsSink = sink;
      return this;
    }

    /**
     * Sets Delivyr's webhook signing secret (required).
     *
     * @param secret the secret
     * @return this builder
     */
    public Builder webhookSecret(Secret secret) {
      this.webhookSecret = secret;
      return this;
    }

    /**
     * Sets a fixed token the listener URL registered with Optimove carries ({@code ?token=}),
     * managed by the operator: it is never rotated. Without it (recommended) the runtime makes a
     * random 256-bit token at each {@link DelivyrRuntime#install()} and keeps it in {@link
     * #listenerTokens}. Requests without the token are refused before their body is read.
     *
     * @param token a token of at least 16 URL-safe characters ({@code A-Z a-z 0-9 - _}; give 22 or
     *     more random ones for 128 bits), or null
     * @return this builder
     */
    public Builder listenerToken(Secret token) {
      this.listenerToken = token;
      return this;
    }

    /**
     * Sets where the rotated listener token is kept (default: a file {@code listener-token} in the
     * state directory, else in memory: a restart then refuses calls until the next install).
     *
     * @param tokens the store
     * @return this builder
     */
    public Builder listenerTokens(ListenerTokens tokens) {
      this.listenerTokens = tokens;
      return this;
    }

    /**
     * Sets the refusal counters (default: new ones), e.g. to share them with a metrics exporter.
     *
     * @param counters the counters
     * @return this builder
     */
    public Builder inboundRefusals(InboundRefusals counters) {
      this.refusals = counters;
      return this;
    }

    /**
     * Sets the send caps (default: {@link InMemorySendCaps} with its defaults, which hold in this
     * process only; give sdk-jdbc's {@code JdbcSendCaps} for caps that hold across instances on one
     * database). Triggers reserve them before they are sent; scheduled campaigns reserve them
     * message by message through a {@link CappedChannel} (unless {@link #scheduledSendCaps} sets
     * others), so both paths count against the same caps. Choose the caps for the largest campaign
     * you send: recipients beyond a cap are not sent (each is reported Dropped and counted).
     *
     * @param caps the caps, e.g. {@link SendCaps#unlimited()}
     * @return this builder
     */
    public Builder sendCaps(SendCaps caps) {
      this.sendCaps = caps;
      return this;
    }

    /**
     * Sets the caps of scheduled campaigns (default: in memory, the per-number daily cap only, 5 a
     * day; no per-country or per-campaign limit, so a large campaign is never cut at the triggers'
     * hourly budget). Pass {@link #sendCaps}'s own object to share the triggers' counts and limits,
     * or a {@code JdbcSendCaps} on the shared database so the count holds across instances.
     *
     * @param caps the caps, e.g. {@link SendCaps#unlimited()}; null for the default
     * @return this builder
     */
    public Builder scheduledSendCaps(SendCaps caps) {
      this.scheduledSendCaps = caps;
      return this;
    }

    /**
     * Sets where a trigger may send when its destination is not the customer's own phone attribute
     * (a triggered override, or a payload personalInfo that differs from Optimove's): default none
     * (a policy that allows no region and no prefix), so only the customer's own number is texted.
     *
     * @param policy e.g. {@code DestinationPolicy.builder().allowedRegions("GB").build()}
     * @return this builder
     */
    public Builder overrideDestinations(DestinationPolicy policy) {
      this.overrideDestinations = policy;
      return this;
    }

    /**
     * Sets the policy every triggered destination must pass, the customer's own number included
     * (default: any country, premium-rate and numbers that cannot receive SMS refused). A policy
     * with regions needs a parser that knows regions ({@link #phoneParser}).
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder destinations(DestinationPolicy policy) {
      this.destinations = policy;
      return this;
    }

    /**
     * Sets how triggered destinations are read and described (default {@link
     * PhoneNumberParser#basic()}, which knows no number types or regions: give sdk-phonenumber's
     * {@code LibPhoneNumberParser} so premium-rate and unknown-country numbers are recognised).
     *
     * @param parser the parser
     * @return this builder
     */
    public Builder phoneParser(PhoneNumberParser parser) {
      this.phoneParser = parser;
      return this;
    }

    /**
     * Sets whether a trigger's customer must be one Optimove knows, read with {@code GET
     * Customers/{id}/Attributes} (default true). Turned off, the payload's personalInfo phone is
     * taken as the customer's own: anyone who can reach the listener then chooses the number.
     *
     * @param required false to skip the lookup
     * @return this builder
     */
    public Builder requireKnownCustomer(boolean required) {
      this.requireKnownCustomer = required;
      return this;
    }

    /**
     * Sets the public base URL of the host's endpoints (required), e.g. {@code
     * https://relay.example/hooks/}: Optimove's listener is {@value #OPTIMOVE_EVENTS_PATH} under
     * it, Delivyr's webhooks {@value #DELIVYR_WEBHOOKS_PATH}.
     *
     * @param url an absolute http(s) URL
     * @return this builder
     */
    public Builder listenerBaseUrl(String url) {
      this.listenerBaseUrl = url;
      return this;
    }

    /**
     * Keeps the state in files in a directory (created if missing): the job schedule, the campaign
     * ledger, the processed ids and the execution journal. A runtime restarted on the same
     * directory resumes every job where it was. Stores set one by one take precedence.
     *
     * @param directory the directory
     * @return this builder
     */
    public Builder stateDirectory(Path directory) {
      this.stateDirectory = directory;
      return this;
    }

    /**
     * Sets the scheduler (default: a {@link ClockScheduler} on the clock, its jobs in the state
     * directory or in memory).
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /**
     * Sets the campaign ledger (default: file in the state directory, else in memory).
     *
     * @param ledger the ledger
     * @return this builder
     */
    public Builder ledger(CampaignLedger ledger) {
      this.ledger = ledger;
      return this;
    }

    /**
     * Sets the processed ids (default: file in the state directory, else in memory).
     *
     * @param ids the store
     * @return this builder
     */
    public Builder processedIds(ProcessedIds ids) {
      this.processedIds = ids;
      return this;
    }

    /**
     * Sets the execution journal (default: file in the state directory, else in memory).
     *
     * @param journal the journal
     * @return this builder
     */
    public Builder journal(ExecutionJournal journal) {
      this.journal = journal;
      return this;
    }

    /**
     * Sets the campaign claims (default: in memory, one process).
     *
     * @param claims the claims
     * @return this builder
     */
    public Builder claims(CampaignClaims claims) {
      this.claims = claims;
      return this;
    }

    /**
     * Sets the message log TEST runs write to (default: in memory).
     *
     * @param log the log
     * @return this builder
     */
    public Builder messageLog(MessageLog log) {
      this.messageLog = log;
      return this;
    }

    /**
     * Sets the clock (default: the system clock).
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
     * Sets the zone of Optimove's wall-clock times (ScheduledTime) and of the daily sync (default
     * UTC; the zone of Optimove's times is UNKNOWN, INFERRED tenant-local: set the tenant's).
     *
     * @param zone the zone
     * @return this builder
     */
    public Builder tenantZone(ZoneId zone) {
      this.tenantZone = zone;
      return this;
    }

    /**
     * Sets the local time of the daily template sync (default 06:00).
     *
     * @param at the time
     * @return this builder
     */
    public Builder templatesSyncAt(LocalTime at) {
      this.templatesSyncAt = at;
      return this;
    }

    /**
     * Sets this instance's name in campaign claims (default {@code delivyr-runtime}).
     *
     * @param owner the name
     * @return this builder
     */
    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    /**
     * Sets the largest inbound body accepted (default 64 KiB); a larger one is refused with 413
     * before it is parsed.
     *
     * @param bytes 1 KiB to 10 MiB
     * @return this builder
     */
    public Builder maxBodyBytes(int bytes) {
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * Builds the runtime (and opens the file stores of the state directory).
     *
     * @return the runtime
     * @throws ConfigurationException listing every missing or invalid setting
     */
    public DelivyrRuntime build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (settings == null) {
        problems.add(
            ConfigurationProblem.of(
                "settings", null, "give the OptimoveIntegrationSettings of the integration"));
      }
      if (delivyr == null) {
        problems.add(ConfigurationProblem.of("delivyr", null, "give the Delivyr client"));
      }
      if (optimove == null) {
        problems.add(ConfigurationProblem.of("optimove", null, "give the Optimove client"));
      }
      if (metricsSink == null) {
        problems.add(
            ConfigurationProblem.of(
                "metricsSink", null, "give the OptimoveMetricsSink engagement metrics go through"));
      }
      if (webhookSecret == null) {
        problems.add(
            ConfigurationProblem.ofSecret(
                "webhookSecret", "give the webhook signing secret from Delivyr's dashboard"));
      }
      if (listenerBaseUrl == null || !isHttpUrl(listenerBaseUrl)) {
        problems.add(
            ConfigurationProblem.of(
                "listenerBaseUrl",
                listenerBaseUrl,
                "give the absolute http(s) URL Optimove and Delivyr reach this host at"));
      }
      if (clock == null) {
        problems.add(ConfigurationProblem.of("clock", null, "must not be null"));
      }
      if (tenantZone == null) {
        problems.add(ConfigurationProblem.of("tenantZone", null, "must not be null"));
      }
      if (templatesSyncAt == null) {
        problems.add(ConfigurationProblem.of("templatesSyncAt", null, "must not be null"));
      }
      if (owner == null || owner.isBlank()) {
        problems.add(ConfigurationProblem.of("owner", owner, "give this instance a name"));
      }
      if (listenerToken != null && !listenerToken.reveal().matches("[A-Za-z0-9_-]{16,128}")) {
        problems.add(
            ConfigurationProblem.ofSecret(
                "listenerToken",
                "use at least 16 URL-safe characters (A-Z a-z 0-9 - _), or leave it out to have a"
                    + " 256-bit one made and rotated"));
      }
      if (refusals == null) {
        problems.add(ConfigurationProblem.of("inboundRefusals", null, "must not be null"));
      }
      if (overrideDestinations == null) {
        problems.add(ConfigurationProblem.of("overrideDestinations", null, "must not be null"));
      }
      if (destinations == null) {
        problems.add(ConfigurationProblem.of("destinations", null, "must not be null"));
      }
      if (phoneParser == null) {
        problems.add(ConfigurationProblem.of("phoneParser", null, "use PhoneNumberParser.basic()"));
      }
      if (maxBodyBytes < 1024 || maxBodyBytes > 10 * 1024 * 1024) {
        problems.add(ConfigurationProblem.of("maxBodyBytes", maxBodyBytes, "use 1 KiB to 10 MiB"));
      }
      ConfigurationException.throwIfAny("Delivyr runtime", problems);
      List<Closeable> opened = new ArrayList<>();
      try {
        if (stateDirectory != null) {
          Files.createDirectories(stateDirectory);
        }
        if (scheduler == null) {
          ClockScheduler.Builder sb = ClockScheduler.builder().clock(clock);
          if (stateDirectory != null) {
            FileJobStore jobs = FileJobStore.open(stateDirectory.resolve("jobs.log"));
            opened.add(jobs);
            sb.jobStore(jobs);
          } else {
            sb.jobStore(InMemoryJobStore.create());
          }
          ClockScheduler cs = sb.build();
          opened.add(cs::close);
          scheduler = cs;
        }
        if (ledger == null) {
          if (stateDirectory != null) {
            FileCampaignLedger l = FileCampaignLedger.open(stateDirectory.resolve("ledger.log"));
            opened.add(l);
            ledger = l;
          } else {
            ledger = InMemoryCampaignLedger.create();
          }
        }
        if (processedIds == null) {
          if (stateDirectory != null) {
            FileProcessedIds p =
                FileProcessedIds.open(stateDirectory.resolve("processed-ids.log"), clock);
            opened.add(p);
            processedIds = p;
          } else {
            processedIds = InMemoryProcessedIds.create();
          }
        }
        if (journal == null) {
          if (stateDirectory != null) {
            FileExecutionJournal j =
                FileExecutionJournal.open(stateDirectory.resolve("journal.log"));
            opened.add(j);
            journal = j;
          } else {
            journal = InMemoryExecutionJournal.create();
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the state in " + stateDirectory, e);
      }
      if (claims == null) {
        claims = InMemoryCampaignClaims.create();
      }
      if (sendCaps == null) {
        sendCaps = InMemorySendCaps.builder().build();
      }

      if (listenerToken != null) {
        listenerTokens = new FixedToken(listenerToken);
      } else if (listenerTokens == null) {
        listenerTokens =
            stateDirectory != null
                ? FileListenerTokens.open(stateDirectory.resolve("listener-token"))
                : InMemoryListenerTokens.create();
      }
      if (messageLog == null) {
        messageLog = new InMemoryMessageLog();
      }
      return new DelivyrRuntime(this, opened);
    }

    private static boolean isHttpUrl(String url) {
      try {
        URI u = URI.create(url);
        return u.isAbsolute()
            && ("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()))
            && u.getHost() != null;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }
}
