package io.campaignrelay.core.execution;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.PhoneNumberParser;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.messagelog.InMemoryMessageLog;
import io.campaignrelay.core.messagelog.LoggedMessage;
import io.campaignrelay.core.messagelog.MessageLog;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.core.optout.InMemoryOptOutList;
import io.campaignrelay.core.optout.OptOutList;
import io.campaignrelay.core.template.RenderResult;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.core.template.TemplateRenderer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Executes a campaign: streams recipients from a {@link TargetSource}, renders the template for
 * each, validates (phone number, opt-out list, length), then
 *
 * <ul>
 *   <li>in {@link ExecutionMode#TEST} (the default) writes each message to the {@link MessageLog}
 *       with status LOGGED and never calls a channel;
 *   <li>in {@link ExecutionMode#LIVE} hands batches to a {@link MessageChannel}, recording every
 *       recipient in the {@link ExecutionJournal}: PENDING (durably) before the batch is sent, then
 *       DISPATCHED or DROPPED.
 * </ul>
 *
 * <p>Resume: running the same campaign again with the same journal skips recipients already done;
 * recipients left PENDING by a crash are sent again with the same idempotency key only when the
 * channel {@linkplain MessageChannel#deduplicatesByIdempotencyKey() deduplicates}, and otherwise
 * reported as uncertain and never sent twice. Re-sent messages travel in batches of their own,
 * which, given the same target order, have exactly the members of the batch that failed, so a
 * vendor whose idempotency key covers a whole batch recognises it too. (A recipient of that batch
 * dropped on the re-run, e.g. newly opted out, changes the batch; the vendor's per-message checks
 * then decide.) TEST runs neither read nor write the journal (they send nothing, so repeating one
 * is harmless).
 *
 * <p>Memory does not grow with the campaign: recipients stream through one batch at a time. (The
 * journal keeps a compact index of about 40 bytes per recipient.) Immutable and thread-safe; one
 * executor may run several campaigns, one per call.
 */
public final class CampaignExecutor {

  /** Default most segments a message may have. */
  public static final int DEFAULT_MAX_SEGMENTS = 10;

  private final TargetSource targetSource;
  private final MessageChannel channel;
  private final MessageLog messageLog;
  private final ExecutionJournal journal;
  private final OptOutList optOutList;
  private final TemplateRenderer renderer;
  private final PhoneLookup phoneLookup;
  private final int maxSegments;
  private final int batchSize;
  private final int progressInterval;
  private final Clock clock;
  private final ExecutionListener listener;

  private CampaignExecutor(Builder b) {
    this.targetSource = b.targetSource;
    this.channel = b.channel;
    this.messageLog = b.messageLog;
    this.journal = b.journal;
    this.optOutList = b.optOutList;
    this.renderer = b.renderer;
    this.phoneLookup = b.phoneLookup;
    this.maxSegments = b.maxSegments;
    this.batchSize = b.batchSize;
    this.progressInterval = b.progressInterval;
    this.clock = b.clock;
    this.listener = b.listener;
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this executor's settings.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.targetSource = targetSource;
    b.channel = channel;
    b.messageLog = messageLog;
    b.journal = journal;
    b.optOutList = optOutList;
    b.renderer = renderer;
    b.phoneLookup = phoneLookup;
    b.maxSegments = maxSegments;
    b.batchSize = batchSize;
    b.progressInterval = progressInterval;
    b.clock = clock;
    b.listener = listener;
    return b;
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
   * The journal LIVE runs record to.
   *
   * @return the journal
   */
  public ExecutionJournal journal() {
    return journal;
  }

  /**
   * Runs a campaign with one template.
   *
   * @param campaign the campaign
   * @param template its template
   * @param mode TEST or LIVE; LIVE must be chosen explicitly
   * @return what the run did
   * @throws ConfigurationException if LIVE is asked for without a channel
   * @throws CampaignExecutionException if a channel call failed; resume by running again
   */
  public ExecutionReport execute(Campaign campaign, Template template, ExecutionMode mode) {
    Objects.requireNonNull(template, "template");
    return execute(campaign, id -> id.equals(template.id()) ? template : null, mode);
  }

  /**
   * Runs a campaign whose recipients may use different templates (a recipient's own template id,
   * else the campaign's).
   *
   * @param campaign the campaign
   * @param templates finds a template by id; returns null for an unknown id
   * @param mode TEST or LIVE; LIVE must be chosen explicitly
   * @return what the run did
   * @throws ConfigurationException if LIVE is asked for without a channel
   * @throws CampaignExecutionException if a channel call failed; resume by running again
   */
  public ExecutionReport execute(
      Campaign campaign, Function<TemplateId, Template> templates, ExecutionMode mode) {
    Objects.requireNonNull(campaign, "campaign");
    Objects.requireNonNull(templates, "templates");
    Objects.requireNonNull(mode, "mode");
    if (mode.isLive() && channel == null) {
      throw new ConfigurationException(
          "campaign executor",
          ConfigurationProblem.of(
              "channel",
              null,
              "LIVE execution needs a MessageChannel: set channel(...) on the builder, or run in"
                  + " TEST mode"));
    }
    Run run = new Run(campaign, templates, mode);
    try (Stream<Recipient> recipients = targetSource.recipients(campaign)) {
      Iterator<Recipient> it = recipients.iterator();
      while (it.hasNext()) {
        run.accept(it.next());
      }
      run.flush();
    }
    ExecutionReport report = run.report();
    listener.onProgress(run.progress());
    return report;
  }

  /** One execution's mutable state; confined to the calling thread. */
  private final class Run {
    final Campaign campaign;
    final Function<TemplateId, Template> templates;
    final ExecutionMode mode;
    final Instant startedAt;
    final int effectiveBatchSize;
    final List<OutboundMessage> batch = new ArrayList<>();
    final Set<IdempotencyKey> batchKeys = new HashSet<>();
    final List<JournalEntry> unwritten = new ArrayList<>();
    final Map<RejectionReason, Long> dropped = new EnumMap<>(RejectionReason.class);
    final Set<String> batchIds = new LinkedHashSet<>();
    final Map<TemplateId, Optional<Template>> templateCache = new HashMap<>();
    final boolean dedupChannel;
    long targeted;
    long dispatched;
    long logged;
    long skipped;
    long uncertain;
    long resent;
    long duplicates;
    long droppedTotal;
    boolean batchIsResend;

    Run(Campaign campaign, Function<TemplateId, Template> templates, ExecutionMode mode) {
      this.campaign = campaign;
      this.templates = templates;
      this.mode = mode;
      this.startedAt = clock.instant();
      int max = channel == null ? Integer.MAX_VALUE : channel.maxBatchSize();
      this.effectiveBatchSize = Math.max(1, Math.min(batchSize > 0 ? batchSize : max, max));
      this.dedupChannel = channel != null && channel.deduplicatesByIdempotencyKey();
    }

    void accept(Recipient r) {
      targeted++;
      CustomerId customer = r.customerId();
      IdempotencyKey key = IdempotencyKey.derive(campaign.id(), customer);
      if (mode.isLive()) {
        if (batchKeys.contains(key)) {
          duplicates++;
          return;
        }
        Optional<JournalEntry> previous = journal.entry(campaign.id(), customer, key);
        boolean resend = false;
        if (previous.isPresent() && previous.get().state() != RecipientState.FAILED) {
          JournalEntry e = previous.get();
          if (e.state().isDone()) {
            skipped++;
            return;
          }
          if (!dedupChannel) {
            uncertain++;
            listener.onUncertain(e);
            return;
          }
          resend = true;
        }
        // Batches are either all re-sends or all first sends, so that a re-sent batch has exactly
        // the members of the batch that failed (the target order is stable and everything before
        // it is done): a vendor that deduplicates by a key derived from the whole batch then
        // recognises it.
        if (!batch.isEmpty() && resend != batchIsResend) {
          flush();
        }
        batchIsResend = resend;
      }
      TemplateId templateId = r.templateId().orElse(campaign.templateId());
      Optional<Template> template =
          templateCache.computeIfAbsent(templateId, id -> Optional.ofNullable(templates.apply(id)));
      if (template.isEmpty()) {
        drop(key, customer, RejectionReason.OTHER, "template " + templateId + " is unknown");
        return;
      }
      if (mode.isLive() && !template.get().isApproved()) {
        drop(
            key,
            customer,
            RejectionReason.OTHER,
            "template " + templateId + " is not approved: LIVE sends use approved templates only");
        return;
      }
      List<String> promo = r.promoCodes().isEmpty() ? campaign.promoCodes() : r.promoCodes();
      RenderResult rendered = renderer.render(template.get(), r.attributes(), promo);
      if (!rendered.isRendered()) {
        drop(key, customer, RejectionReason.OTHER, rendered.describeProblems());
        return;
      }
      PhoneNumber phone;
      try {
        phone = phoneLookup.phoneOf(r);
      } catch (ConfigurationException e) {
        drop(key, customer, RejectionReason.INVALID_PHONE_FORMAT, e.getMessage());
        return;
      }
      if (optOutList.isOptedOut(phone)) {
        drop(key, customer, RejectionReason.OPTED_OUT, "the phone number opted out");
        return;
      }
      if (rendered.length().segments() > maxSegments) {
        drop(
            key,
            customer,
            RejectionReason.OTHER,
            "the message is "
                + rendered.length().segments()
                + " segments long, over the limit of "
                + maxSegments);
        return;
      }
      OutboundMessage message =
          new OutboundMessage(
              key, campaign, customer, phone, templateId, rendered.text(), rendered.length());
      if (!mode.isLive()) {
        messageLog.append(LoggedMessage.logged(message, clock.instant()));
        logged++;
        if (logged % progressInterval == 0) {
          listener.onProgress(progress());
        }
        return;
      }
      batch.add(message);
      batchKeys.add(key);
      if (batchIsResend) {
        resent++;
      }
      if (batch.size() >= effectiveBatchSize) {
        flush();
      }
    }

    void drop(IdempotencyKey key, CustomerId customer, RejectionReason reason, String detail) {
      dropped.merge(reason, 1L, Long::sum);
      droppedTotal++;
      listener.onDropped(customer, reason, detail);
      if (mode.isLive()) {
        unwritten.add(
            new JournalEntry(
                campaign.id(), customer, RecipientState.DROPPED, key, clock.instant(), detail));
      }
    }

    void flush() {
      if (batch.isEmpty()) {
        if (!unwritten.isEmpty()) {
          journal.recordAll(List.copyOf(unwritten));
          unwritten.clear();
        }
        return;
      }
      Instant now = clock.instant();
      for (OutboundMessage m : batch) {
        unwritten.add(
            new JournalEntry(
                campaign.id(),
                m.customerId(),
                RecipientState.PENDING,
                m.idempotencyKey(),
                now,
                ""));
      }
      journal.recordAll(List.copyOf(unwritten));
      unwritten.clear();
      List<DispatchResult> results;
      try {
        results = channel.dispatch(List.copyOf(batch));
      } catch (RuntimeException e) {
        boolean nothingSent = definitelyNotSent(e);
        if (nothingSent) {
          List<JournalEntry> failed = new ArrayList<>(batch.size());
          Instant at = clock.instant();
          for (OutboundMessage m : batch) {
            failed.add(
                new JournalEntry(
                    campaign.id(),
                    m.customerId(),
                    RecipientState.FAILED,
                    m.idempotencyKey(),
                    at,
                    String.valueOf(e.getMessage())));
          }
          journal.recordAll(failed);
        }
        throw new CampaignExecutionException(
            "campaign "
                + campaign.id()
                + ": channel "
                + channel.name()
                + " failed on a batch of "
                + batch.size()
                + " ("
                + e.getMessage()
                + ")"
                + (nothingSent
                    ? "; nothing of that batch was sent (recorded FAILED): fix the cause and run the"
                        + " campaign again with the same journal to send the rest"
                    : "; the batch stays PENDING in the journal: run the campaign again with the"
                        + " same journal to resume"),
            report(),
            e);
      }
      Map<IdempotencyKey, DispatchResult> byKey = new HashMap<>();
      for (DispatchResult d : results) {
        byKey.put(d.idempotencyKey(), d);
      }
      Instant after = clock.instant();
      List<JournalEntry> outcomes = new ArrayList<>(batch.size());
      for (OutboundMessage m : batch) {
        DispatchResult d = byKey.get(m.idempotencyKey());
        if (d == null) {
          // The channel broke its contract for this message: its outcome is unknown, keep PENDING.
          uncertain++;
          continue;
        }
        if (d.isAccepted()) {
          dispatched++;
          d.batchId().ifPresent(batchIds::add);
          outcomes.add(
              new JournalEntry(
                  campaign.id(),
                  m.customerId(),
                  RecipientState.DISPATCHED,
                  m.idempotencyKey(),
                  after,
                  d.vendorMessageId().orElse("")));
        } else {
          RejectionReason reason = d.rejectionReason().orElse(RejectionReason.OTHER);
          dropped.merge(reason, 1L, Long::sum);
          droppedTotal++;
          String detail = d.detail().orElse("rejected by " + channel.name());
          listener.onDropped(m.customerId(), reason, detail);
          outcomes.add(
              new JournalEntry(
                  campaign.id(),
                  m.customerId(),
                  RecipientState.DROPPED,
                  m.idempotencyKey(),
                  after,
                  detail));
        }
      }
      journal.recordAll(outcomes);
      batch.clear();
      batchKeys.clear();
      listener.onProgress(progress());
    }

    /**
     * Whether a channel failure proves the batch was not accepted: the vendor was never reached, or
     * it answered with a refusal below 500 (bad request, credentials, credit, throttling). A 5xx or
     * a lost answer leaves the outcome unknown.
     */
    private boolean definitelyNotSent(RuntimeException e) {
      if (e instanceof io.campaignrelay.core.http.ApiConnectionException c) {
        return !c.outcomeUnknown();
      }
      if (e instanceof io.campaignrelay.core.http.ApiServiceException s) {
        return s.requestRefused();
      }
      return false;
    }

    ExecutionProgress progress() {
      return new ExecutionProgress(
          campaign.id(),
          targeted,
          campaign.targetedCount(),
          dispatched,
          logged,
          droppedTotal,
          skipped,
          Duration.between(startedAt, clock.instant()));
    }

    ExecutionReport report() {
      return new ExecutionReport(
          campaign.id(),
          mode,
          mode.isLive() ? channel.name() : "message-log",
          startedAt,
          clock.instant(),
          targeted,
          dispatched,
          logged,
          dropped,
          skipped,
          uncertain,
          resent,
          duplicates,
          batchIds);
    }
  }

  /** Builds a {@link CampaignExecutor}. Not thread-safe. */
  public static final class Builder {
    private TargetSource targetSource;
    private MessageChannel channel;
    private MessageLog messageLog = new InMemoryMessageLog();
    private ExecutionJournal journal = InMemoryExecutionJournal.create();
    private OptOutList optOutList = new InMemoryOptOutList();
    private TemplateRenderer renderer = TemplateRenderer.create();
    private PhoneLookup phoneLookup = PhoneLookup.firstAttribute(PhoneNumberParser.basic());
    private int maxSegments = DEFAULT_MAX_SEGMENTS;
    private int batchSize;
    private int progressInterval = 1000;
    private Clock clock = Clock.systemUTC();
    private ExecutionListener listener = ExecutionListener.NONE;

    private Builder() {}

    /**
     * Sets where recipients come from (required).
     *
     * @param targetSource the source
     * @return this builder
     */
    public Builder targetSource(TargetSource targetSource) {
      this.targetSource = targetSource;
      return this;
    }

    /**
     * Sets the transport for LIVE runs (never called in TEST runs).
     *
     * @param channel the channel
     * @return this builder
     */
    public Builder channel(MessageChannel channel) {
      this.channel = channel;
      return this;
    }

    /**
     * Sets the message log of TEST runs (default: a new in-memory log).
     *
     * @param messageLog the log
     * @return this builder
     */
    public Builder messageLog(MessageLog messageLog) {
      this.messageLog = messageLog;
      return this;
    }

    /**
     * Sets the journal of LIVE runs (default: in memory; use {@link FileExecutionJournal} to
     * survive a crash).
     *
     * @param journal the journal
     * @return this builder
     */
    public Builder journal(ExecutionJournal journal) {
      this.journal = journal;
      return this;
    }

    /**
     * Sets the opt-out list checked before every message (default: an empty in-memory list).
     *
     * @param optOutList the list
     * @return this builder
     */
    public Builder optOutList(OptOutList optOutList) {
      this.optOutList = optOutList;
      return this;
    }

    /**
     * Sets the template renderer (its missing-value policy and default URL).
     *
     * @param renderer the renderer
     * @return this builder
     */
    public Builder renderer(TemplateRenderer renderer) {
      this.renderer = renderer;
      return this;
    }

    /**
     * Sets where phone numbers come from (default: the first attribute, parsed by {@link
     * PhoneNumberParser#basic()}).
     *
     * @param phoneLookup the lookup
     * @return this builder
     */
    public Builder phoneLookup(PhoneLookup phoneLookup) {
      this.phoneLookup = phoneLookup;
      return this;
    }

    /**
     * Sets the most segments a message may have; longer messages are dropped.
     *
     * @param maxSegments 1 or more (default {@value CampaignExecutor#DEFAULT_MAX_SEGMENTS})
     * @return this builder
     */
    public Builder maxSegments(int maxSegments) {
      this.maxSegments = maxSegments;
      return this;
    }

    /**
     * Sets the LIVE batch size (default and maximum: the channel's {@link
     * MessageChannel#maxBatchSize()}).
     *
     * @param batchSize 1 or more, or 0 for the channel's maximum
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Sets how many logged messages pass between progress callbacks in TEST runs.
     *
     * @param progressInterval 1 or more (default 1000)
     * @return this builder
     */
    public Builder progressInterval(int progressInterval) {
      this.progressInterval = progressInterval;
      return this;
    }

    /**
     * Sets the clock of journal entries, log entries and progress.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets the progress listener.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(ExecutionListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * Builds the executor.
     *
     * @return the executor
     * @throws ConfigurationException listing every missing or invalid setting
     */
    public CampaignExecutor build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (targetSource == null) {
        problems.add(
            ConfigurationProblem.of(
                "targetSource", null, "set where recipients come from with targetSource(...)"));
      }
      requireSet(problems, "messageLog", messageLog);
      requireSet(problems, "journal", journal);
      requireSet(problems, "optOutList", optOutList);
      requireSet(problems, "renderer", renderer);
      requireSet(problems, "phoneLookup", phoneLookup);
      requireSet(problems, "clock", clock);
      requireSet(problems, "listener", listener);
      if (maxSegments < 1) {
        problems.add(ConfigurationProblem.of("maxSegments", maxSegments, "use 1 or more"));
      }
      if (batchSize < 0) {
        problems.add(
            ConfigurationProblem.of(
                "batchSize", batchSize, "use 1 or more, or 0 for the channel's maximum"));
      }
      if (progressInterval < 1) {
        problems.add(
            ConfigurationProblem.of("progressInterval", progressInterval, "use 1 or more"));
      }
      ConfigurationException.throwIfAny("campaign executor", problems);
      return new CampaignExecutor(this);
    }

    private static void requireSet(List<ConfigurationProblem> problems, String field, Object v) {
      if (v == null) {
        problems.add(ConfigurationProblem.of(field, null, "must not be null: keep the default"));
      }
    }
  }
}
