package io.campaignrelay.textlocal;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.execution.CampaignExecutionException;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.ExecutionJournal;
import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.execution.ExecutionReport;
import io.campaignrelay.core.execution.InMemoryExecutionJournal;
import io.campaignrelay.core.execution.JournalEntry;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.execution.RecipientState;
import io.campaignrelay.core.messagelog.InMemoryMessageLog;
import io.campaignrelay.core.messagelog.MessageLog;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.core.optout.InMemoryOptOutList;
import io.campaignrelay.core.optout.OptOutList;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.core.template.TemplateRenderer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Optimove's TextLocal campaign execution over the public API: segment and send, in {@link
 * ExecutionMode#TEST} (the default) or {@link ExecutionMode#LIVE} (only when asked for).
 *
 * <p>For each campaign: the template's prefix selects the contact group (the main group when no
 * prefix matches); the group is read once per run with {@code get_contacts} and indexed by the key
 * custom field ({@link ContactIndex}); each target CustomerId is resolved to the contact's number
 * through that index. Customers with no contact in the group are dropped by the flow (reason {@code
 * OTHER}), customers whose contact has no valid number with reason {@code INVALID_PHONE_FORMAT};
 * every drop reaches {@link ExecutionListener#onDropped}. TextLocal has no public segment command,
 * so in LIVE mode:
 *
 * <ul>
 *   <li>when the text is personalised (the template has a {@code [%TAG%]}), the campaign runs
 *       through core's {@link CampaignExecutor} with the {@link ContactIndex} as its {@code
 *       PhoneLookup} and a {@link TextLocalMessageChannel}: the engine renders, checks the opt-out
 *       list and length (at most {@value TextLocalClient#MAX_PARTS} parts), records every recipient
 *       in the {@link ExecutionJournal} and hands batches of 500 to {@code bulk_json}; the target
 *       list is streamed, never held whole. A run that stopped part-way resumes with the same
 *       journal: recipients already done are skipped, and recipients whose batch had an unknown
 *       outcome are reported as uncertain and never sent again (TextLocal has no idempotency key);
 *   <li>when every recipient gets the same text (no {@code [%TAG%]}), the segment is a temporary
 *       contact group created for the campaign ({@code create_group}, then {@code
 *       create_contacts_bulk} 1,500 at a time) sent with {@code group_id} and {@code optouts=true}.
 *       This route does not use the journal.
 * </ul>
 *
 * <p>In TEST mode both routes run core's engine in TEST mode: every message is rendered, checked
 * and written to the {@link #messageLog() message log}, and nothing is sent or created at
 * TextLocal: no temporary group, no {@code send}, no {@code bulk_json} (only {@code get_contacts}
 * is read). TEST runs are not saved in the {@link CampaignLedger}, whose records drive metric pulls
 * and group clean-up of real sends.
 *
 * <p>Every LIVE send is scheduled at the campaign's send time (or sent at once when that time has
 * passed) and carries the campaign tag in {@code custom} so that receipts can be matched. Every
 * batch id is recorded against the campaign in the {@link CampaignLedger} (a resumed run adds its
 * batch ids to the campaign's record). Temporary groups are deleted by {@link
 * #cleanupTemporaryGroups()} once their send time plus a grace period has passed (a scheduled send
 * needs its group until then), and at once when TextLocal positively refused the send ({@code
 * requestRefused()}). A group send whose answer was lost, cut or unreadable, or refused with a code
 * TextLocal does not document, keeps its group and its ledger record, so a re-run is refused with
 * {@link CampaignAlreadySentException}. SMS only: nothing here sends MMS.
 *
 * <p>TextLocal's own test mode is separate: build the client with {@code testMode(true)} to have
 * TextLocal validate and price every LIVE send without delivering it (temporary groups are still
 * created and cleaned up). Thread-safe; runs of different campaigns may go in parallel.
 */
public final class TextLocalCampaignFlow {

  /** Default time a temporary group is kept after its send time. */
  public static final Duration DEFAULT_TEMPORARY_GROUP_GRACE = Duration.ofHours(6);

  private static final String TAG_PREFIX = "optimove-campaign-";

  private final TextLocalClient client;
  private final TextLocalIntegrationSettings settings;
  private final CampaignLedger ledger;
  private final TemplateRenderer renderer;
  private final Duration grace;
  private final ExecutionJournal journal;
  private final MessageLog messageLog;
  private final OptOutList optOutList;
  private final TextLocalMessageChannel channel;
  private final MessageChannel engineChannel;
  private final TemporaryGroupRoute temporaryGroup;

  private TextLocalCampaignFlow(Builder b) {
    this.client = Objects.requireNonNull(b.client, "client");
    this.settings = Objects.requireNonNull(b.settings, "settings");
    this.ledger = b.ledger == null ? CampaignLedger.inMemory() : b.ledger;
    this.renderer = b.renderer == null ? TemplateRenderer.create() : b.renderer;
    this.grace = b.grace == null ? DEFAULT_TEMPORARY_GROUP_GRACE : b.grace;
    this.journal = b.journal == null ? InMemoryExecutionJournal.create() : b.journal;
    this.messageLog = b.messageLog == null ? new InMemoryMessageLog() : b.messageLog;
    this.optOutList = b.optOutList == null ? new InMemoryOptOutList() : b.optOutList;
    this.channel =
        TextLocalMessageChannel.builder()
            .client(client)
            .sender(settings.senderName().orElse(null))
            .knownBatchIds(id -> ledger.find(id).map(CampaignDispatch::batchIds).orElse(List.of()))
            .build();
    this.engineChannel = b.channelDecorator == null ? channel : b.channelDecorator.apply(channel);
    this.temporaryGroup = new TemporaryGroupRoute(client, settings, ledger, renderer, grace);
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
   * The ledger the flow records LIVE runs to.
   *
   * @return the ledger
   */
  public CampaignLedger ledger() {
    return ledger;
  }

  /**
   * The journal LIVE runs through the engine record to (resume state).
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
   * The channel LIVE personalised runs send through.
   *
   * @return the channel (the integration's sender name, the flow's client; its {@code reconcile}
   *     reads the batches this flow recorded in the ledger)
   */
  public TextLocalMessageChannel channel() {
    return channel;
  }

  /**
   * The {@code custom} value of a campaign's sends.
   *
   * @param campaignId the campaign
   * @return e.g. {@code optimove-campaign-1234}
   */
  public static String campaignTag(CampaignId campaignId) {
    return TAG_PREFIX + campaignId.value();
  }

  /**
   * The campaign of a receipt's {@code customID}.
   *
   * @param customId the value
   * @return the campaign, if the value is a campaign tag
   */
  public static Optional<CampaignId> campaignOfTag(String customId) {
    if (customId == null || !customId.startsWith(TAG_PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(CampaignId.of(customId.substring(TAG_PREFIX.length())));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The contact group a template belongs to, by its name prefix.
   *
   * @param template the template
   * @return the group id
   */
  public String groupFor(Template template) {
    List<String> groups = settings.routing().matchingGroups(template.name());
    return groups.isEmpty() ? settings.groupId() : groups.get(0);
  }

  /**
   * Segments a campaign in {@link ExecutionMode#TEST}: renders and checks every message into the
   * message log, sends and creates nothing. Same as {@link #execute(Campaign, Template, Stream,
   * ExecutionMode, ExecutionListener)} with TEST; pass {@link ExecutionMode#LIVE} to that method to
   * send.
   *
   * @param campaign the campaign (id and send time)
   * @param template the TextLocal template to send
   * @param recipients the target customers, streamed
   * @param listener receives every dropped customer with the reason
   * @return the record of the run (not saved in the ledger)
   */
  public CampaignDispatch execute(
      Campaign campaign,
      Template template,
      Stream<Recipient> recipients,
      ExecutionListener listener) {
    return execute(campaign, template, recipients, ExecutionMode.defaultMode(), listener);
  }

  /**
   * Segments a campaign with a contact index already read, in {@link ExecutionMode#TEST}. Same as
   * {@link #execute(Campaign, Template, Stream, ContactIndex, ExecutionMode, ExecutionListener)}
   * with TEST.
   *
   * @param campaign the campaign
   * @param template the TextLocal template to send
   * @param recipients the target customers, streamed
   * @param index the template's group, indexed by CustomerID
   * @param listener receives every dropped customer with the reason
   * @return the record of the run (not saved in the ledger)
   */
  public CampaignDispatch execute(
      Campaign campaign,
      Template template,
      Stream<Recipient> recipients,
      ContactIndex index,
      ExecutionListener listener) {
    return execute(campaign, template, recipients, index, ExecutionMode.defaultMode(), listener);
  }

  /**
   * Segments and, in LIVE mode, sends a campaign, reading the group's contacts once.
   *
   * @param campaign the campaign (id and send time)
   * @param template the TextLocal template to send
   * @param recipients the target customers, streamed
   * @param mode TEST (log only) or LIVE (send); LIVE must be chosen explicitly
   * @param listener receives every dropped customer with the reason
   * @return the record of the run, saved in the ledger when LIVE
   * @throws io.campaignrelay.core.ConfigurationException if the same text fails a check (nothing
   *     sent)
   * @throws CampaignExecutionException if a {@code bulk_json} call failed (the batches before it
   *     are recorded in the ledger and the journal; run again with the same journal to resume)
   * @throws TextLocalApiException if a temporary-group command failed (the group is deleted)
   */
  public CampaignDispatch execute(
      Campaign campaign,
      Template template,
      Stream<Recipient> recipients,
      ExecutionMode mode,
      ExecutionListener listener) {
    return run(campaign, template, recipients, mode, listener).dispatch();
  }

  /**
   * Segments and, in LIVE mode, sends a campaign with a contact index already read for this run.
   *
   * @param campaign the campaign
   * @param template the TextLocal template to send
   * @param recipients the target customers, streamed
   * @param index the template's group, indexed by CustomerID
   * @param mode TEST (log only) or LIVE (send); LIVE must be chosen explicitly
   * @param listener receives every dropped customer with the reason
   * @return the record of the run, saved in the ledger when LIVE
   * @throws CampaignExecutionException if a {@code bulk_json} call failed (resume with the same
   *     journal)
   */
  public CampaignDispatch execute(
      Campaign campaign,
      Template template,
      Stream<Recipient> recipients,
      ContactIndex index,
      ExecutionMode mode,
      ExecutionListener listener) {
    return run(campaign, template, recipients, index, mode, listener).dispatch();
  }

  /**
   * Like {@link #execute(Campaign, Template, Stream, ExecutionMode, ExecutionListener)}, also
   * returning the engine's report (logged, uncertain and skipped counts).
   *
   * @param campaign the campaign
   * @param template the TextLocal template to send
   * @param recipients the target customers, streamed
   * @param mode TEST (log only) or LIVE (send); LIVE must be chosen explicitly
   * @param listener receives drops, progress and uncertain recipients
   * @return the run
   * @throws CampaignExecutionException if a {@code bulk_json} call failed (resume with the same
   *     journal)
   */
  public TextLocalCampaignRun run(
      Campaign campaign,
      Template template,
      Stream<Recipient> recipients,
      ExecutionMode mode,
      ExecutionListener listener) {
    Objects.requireNonNull(template, "template");
    ContactIndex index = ContactIndex.load(client, groupFor(template), settings.keyField());
    return run(campaign, template, recipients, index, mode, listener);
  }

  /**
   * Like {@link #execute(Campaign, Template, Stream, ContactIndex, ExecutionMode,
   * ExecutionListener)}, also returning the engine's report.
   *
   * @param campaign the campaign
   * @param template the TextLocal template to send
   * @param recipients the target customers, streamed
   * @param index the template's group, indexed by CustomerID
   * @param mode TEST (log only) or LIVE (send); LIVE must be chosen explicitly
   * @param listener receives drops, progress and uncertain recipients
   * @return the run
   * @throws CampaignExecutionException if a {@code bulk_json} call failed (resume with the same
   *     journal)
   */
  public TextLocalCampaignRun run(
      Campaign campaign,
      Template template,
      Stream<Recipient> recipients,
      ContactIndex index,
      ExecutionMode mode,
      ExecutionListener listener) {
    Objects.requireNonNull(campaign, "campaign");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(recipients, "recipients");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(listener, "listener");
    Instant now = client.clock().instant();
    Instant sendTime = campaign.sendTime().isAfter(now) ? campaign.sendTime() : now;
    String tag = campaignTag(campaign.id());
    boolean personalised = !TemplateRenderer.tagsOf(template.body()).isEmpty();
    CampaignDispatch.Route route =
        personalised ? CampaignDispatch.Route.BULK_JSON : CampaignDispatch.Route.TEMPORARY_GROUP;
    if (!mode.isLive() || personalised) {
      return throughEngine(
          campaign, template, recipients, index, mode, route, tag, sendTime, listener);
    }
    return temporaryGroup.send(campaign, template, recipients, index, mode, listener);
  }

  /**
   * Runs core's engine: TEST into the message log, LIVE through {@code bulk_json}. Customers with
   * no contact are dropped here (the engine would otherwise fail them at rendering with a
   * misleading reason); in LIVE mode they are journaled like the engine's own drops.
   */
  private TextLocalCampaignRun throughEngine(
      Campaign campaign,
      Template template,
      Stream<Recipient> recipients,
      ContactIndex index,
      ExecutionMode mode,
      CampaignDispatch.Route route,
      String tag,
      Instant sendTime,
      ExecutionListener listener) {
    Map<RejectionReason, Long> flowDropped = new EnumMap<>(RejectionReason.class);
    Counter noContact = new Counter();
    Stream<Recipient> known =
        recipients
            .filter(r -> keepOrDrop(campaign, r, index, mode, flowDropped, noContact, listener))
            .map(r -> withNames(r, index));
    CampaignExecutor executor =
        CampaignExecutor.builder()
            .targetSource(c -> known)
            .channel(engineChannel)
            .journal(journal)
            .messageLog(messageLog)
            .optOutList(optOutList)
            .renderer(renderer)
            .phoneLookup(index)
            .maxSegments(TextLocalClient.MAX_PARTS)
            .clock(client.clock())
            .listener(listener)
            .build();
    try {
      ExecutionReport report = executor.execute(campaign, id -> template, mode);
      CampaignDispatch d =
          engineDispatch(
              campaign, route, index, tag, sendTime, mode, report, noContact.n, flowDropped);
      if (mode.isLive()) {
        d = mergeWithEarlierRun(d);
        ledger.save(d);
      }
      return new TextLocalCampaignRun(mode, d, report);
    } catch (CampaignExecutionException e) {
      if (mode.isLive()) {
        ledger.save(
            mergeWithEarlierRun(
                engineDispatch(
                    campaign,
                    route,
                    index,
                    tag,
                    sendTime,
                    mode,
                    e.partialReport(),
                    noContact.n,
                    flowDropped)));
      }
      throw e;
    }
  }

  private boolean keepOrDrop(
      Campaign campaign,
      Recipient r,
      ContactIndex index,
      ExecutionMode mode,
      Map<RejectionReason, Long> dropped,
      Counter noContact,
      ExecutionListener listener) {
    ContactIndex.Lookup l = index.lookup(r.customerId());
    if (l.contact() != null) {
      return true;
    }
    noContact.n++;
    if (mode.isLive()) {
      Optional<JournalEntry> earlier = journal.entry(campaign.id(), r.customerId());
      if (earlier.isPresent() && earlier.get().state().isDone()) {
        return false; // dropped and counted by an earlier run
      }
      journal.record(
          JournalEntry.of(
              campaign.id(),
              r.customerId(),
              RecipientState.DROPPED,
              client.clock().instant(),
              l.problem()));
    }
    dropped.merge(RejectionReason.OTHER, 1L, Long::sum);
    listener.onDropped(r.customerId(), RejectionReason.OTHER, l.problem());
    return false;
  }

  private static Recipient withNames(Recipient r, ContactIndex index) {
    ContactIndex.Lookup l = index.lookup(r.customerId());
    CustomerAttributes names = withNames(r.attributes(), l);
    if (names.equals(r.attributes())) {
      return r;
    }
    Recipient copy = Recipient.of(r.customerId(), names, r.promoCodes());
    return r.templateId().map(copy::withTemplate).orElse(copy);
  }

  private CampaignDispatch engineDispatch(
      Campaign campaign,
      CampaignDispatch.Route route,
      ContactIndex index,
      String tag,
      Instant sendTime,
      ExecutionMode mode,
      ExecutionReport report,
      long noContact,
      Map<RejectionReason, Long> flowDropped) {
    Map<RejectionReason, Long> dropped = new EnumMap<>(RejectionReason.class);
    dropped.putAll(flowDropped);
    report.droppedByReason().forEach((k, v) -> dropped.merge(k, v, Long::sum));
    return new CampaignDispatch(
        campaign.id(),
        route,
        index.groupId(),
        null,
        false,
        tag,
        sendTime,
        report.targeted() + noContact,
        mode.isLive() ? report.dispatched() : report.logged(),
        dropped,
        List.copyOf(report.batchIds()),
        !mode.isLive() || client.testMode());
  }

  /**
   * A resumed LIVE run adds to the campaign's earlier record: its batch ids, and its sends and
   * drops (the recipients done earlier were skipped, not counted again).
   */
  private CampaignDispatch mergeWithEarlierRun(CampaignDispatch d) {
    Optional<CampaignDispatch> earlier = ledger.find(d.campaignId());
    if (earlier.isEmpty()
        || earlier.get().route() != CampaignDispatch.Route.BULK_JSON
        || d.route() != CampaignDispatch.Route.BULK_JSON
        || earlier.get().testMode() != d.testMode()) {
      return d;
    }
    CampaignDispatch e = earlier.get();
    Set<String> batchIds = new LinkedHashSet<>(e.batchIds());
    batchIds.addAll(d.batchIds());
    Map<RejectionReason, Long> dropped = new EnumMap<>(RejectionReason.class);
    dropped.putAll(e.droppedByReason());
    d.droppedByReason().forEach((k, v) -> dropped.merge(k, v, Long::sum));
    return new CampaignDispatch(
        d.campaignId(),
        d.route(),
        d.groupId(),
        null,
        false,
        d.customTag(),
        e.sendTime(),
        Math.max(e.targeted(), d.targeted()),
        e.submitted() + d.submitted(),
        dropped,
        List.copyOf(batchIds),
        d.testMode());
  }

  /**
   * Deletes the temporary groups whose send time plus the grace period has passed.
   *
   * @return how many groups were deleted
   */
  public int cleanupTemporaryGroups() {
    return temporaryGroup.cleanup();
  }

  private static final class Counter {
    long n;
  }

  static CustomerAttributes withNames(CustomerAttributes a, ContactIndex.Lookup l) {
    CustomerAttributes.Builder b = a.toBuilder();
    if (!a.contains("FIRST_NAME") && l.contact().firstName() != null) {
      b.add("FIRST_NAME", l.contact().firstName());
    }
    if (!a.contains("LAST_NAME") && l.contact().lastName() != null) {
      b.add("LAST_NAME", l.contact().lastName());
    }
    return b.build();
  }

  /** Builds a {@link TextLocalCampaignFlow}. Not thread-safe. */
  public static final class Builder {
    private TextLocalClient client;
    private TextLocalIntegrationSettings settings;
    private CampaignLedger ledger;
    private TemplateRenderer renderer;
    private Duration grace;
    private ExecutionJournal journal;
    private MessageLog messageLog;
    private OptOutList optOutList;
    private java.util.function.UnaryOperator<MessageChannel> channelDecorator;

    private Builder() {}

    /**
     * Wraps the channel LIVE personalised runs send through (default: none), e.g. in core's {@code
     * CappedChannel} so that each message is held to send caps before {@code bulk_json}. The
     * temporary-group route (one {@code send} to a group) does not go through it.
     *
     * @param decorator given {@link #channel()}'s channel, returns the one the engine uses; or null
     *     for none
     * @return this builder
     */
    public Builder channelDecorator(java.util.function.UnaryOperator<MessageChannel> decorator) {
      this.channelDecorator = decorator;
      return this;
    }

    /**
     * Sets the journal of LIVE runs through the engine (default: one in-memory journal for the
     * flow's lifetime; use core's {@code FileExecutionJournal} to resume after a crash).
     *
     * @param journal the journal, or null for the default
     * @return this builder
     */
    public Builder journal(ExecutionJournal journal) {
      this.journal = journal;
      return this;
    }

    /**
     * Sets the message log TEST runs write to (default: a new in-memory log).
     *
     * @param messageLog the log, or null for the default
     * @return this builder
     */
    public Builder messageLog(MessageLog messageLog) {
      this.messageLog = messageLog;
      return this;
    }

    /**
     * Sets the opt-out list the engine checks before every message (default: empty; TextLocal's own
     * opt-outs are applied by TextLocal on the temporary-group route with {@code optouts=true}).
     *
     * @param optOutList the list, or null for the default
     * @return this builder
     */
    public Builder optOutList(OptOutList optOutList) {
      this.optOutList = optOutList;
      return this;
    }

    /**
     * Sets the client.
     *
     * @param client the client
     * @return this builder
     */
    public Builder client(TextLocalClient client) {
      this.client = client;
      return this;
    }

    /**
     * Sets the integration settings.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder settings(TextLocalIntegrationSettings settings) {
      this.settings = settings;
      return this;
    }

    /**
     * Sets the ledger (default: in memory).
     *
     * @param ledger the ledger
     * @return this builder
     */
    public Builder ledger(CampaignLedger ledger) {
      this.ledger = ledger;
      return this;
    }

    /**
     * Sets the renderer for personalised templates (default: {@link TemplateRenderer#create()}).
     *
     * @param renderer the renderer
     * @return this builder
     */
    public Builder renderer(TemplateRenderer renderer) {
      this.renderer = renderer;
      return this;
    }

    /**
     * Sets how long a temporary group is kept after its send time.
     *
     * @param grace the period, default {@link #DEFAULT_TEMPORARY_GROUP_GRACE}
     * @return this builder
     */
    public Builder temporaryGroupGrace(Duration grace) {
      this.grace = grace;
      return this;
    }

    /**
     * Builds the flow.
     *
     * @return the flow
     * @throws NullPointerException if the client or settings are missing
     */
    public TextLocalCampaignFlow build() {
      return new TextLocalCampaignFlow(this);
    }
  }
}
