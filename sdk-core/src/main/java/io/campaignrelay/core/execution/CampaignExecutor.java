package io.campaignrelay.core.execution;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
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
 * <p>The send decision: a batch counts as not sent only when the vendor positively refused it
 * ({@link io.campaignrelay.core.http.ApiServiceException#requestRefused()}) or was never reached
 * ({@link io.campaignrelay.core.http.ApiConnectionException#outcomeUnknown()} false); it is then
 * journaled FAILED and sent on the next run. Any other failure (a 5xx, a lost, cut, empty or
 * unreadable answer) and any message the answer leaves out keep their PENDING entries: outcome
 * unknown. Log levels, retries and batch sizes do not change this.
 *
 * <p>Resume: running the same campaign again with the same journal skips recipients already done.
 * Recipients left PENDING are first reconciled with the vendor's own records ({@link
 * MessageChannel#reconcile(List)}): found sent, they count as dispatched; found refused, as
 * dropped; provably never received, they are sent once; still unknown, they are sent again with the
 * same idempotency key only when the channel {@linkplain
 * MessageChannel#deduplicatesByIdempotencyKey() deduplicates} (in batches of their own), and
 * otherwise reported as {@linkplain ExecutionReport#uncertain() uncertain} and never sent on a
 * guess. The journal is read a batch at a time ({@link ExecutionJournal#entries}). TEST runs
 * neither read nor write the journal (they send nothing, so repeating one is harmless).
 *
 * <p>Target rows that repeat a recipient in one run are processed once and counted in {@link
 * ExecutionReport#duplicates()}; when the distinct recipients differ from the campaign's targeted
 * count the report ({@link ExecutionReport#targetsComplete()}) and the listener ({@link
 * ExecutionListener#onTargetsMismatch}) say so.
 *
 * <p>Throughput: up to {@link Builder#concurrency(int)} batches (at most the channel's {@link
 * MessageChannel#maxConcurrentBatches()}) are in flight at once, sent from the run's own threads
 * while the executing thread reads targets, renders and journals the next batch. The journal gets
 * one write per batch: the PENDING entries of the batch about to leave together with the outcomes
 * of the batches answered since the previous write. A batch holds its place among those in flight
 * until it is answered: the next one leaves as soon as any is answered, not only the oldest.
 * Answers are processed, and listener callbacks run, on the executing thread, in the order the
 * batches left; a batch answered before an older one waits (at most twice the concurrency of
 * batches are held, on their way or answered). Once a batch's failure is seen (it is noted before
 * its slot is given back), no other batch leaves.
 *
 * <p>Memory does not grow with the campaign: recipients stream through one batch at a time (plus
 * the batches in flight or answered and waiting, and up to {@link
 * Builder#maxTrackedRecipients(int)} recipients' 128-bit keys, 16 to 32 bytes each, to notice
 * repeated rows; past that cap a repeat is caught by the journal and the run's own unsettled keys,
 * so a repeat is never sent twice; the in-memory and file journals also keep a compact index of
 * about 48 bytes per recipient). Immutable and thread-safe; one executor may run several campaigns,
 * one per call.
 */
public final class CampaignExecutor {

  /** Default most segments a message may have. */
  public static final int DEFAULT_MAX_SEGMENTS = 10;

  /** Default number of distinct recipients a run tracks to notice repeated target rows. */
  public static final int DEFAULT_MAX_TRACKED_RECIPIENTS = 1_000_000;

  /**
   * Most distinct recipients one run may be set to track (their table takes up to 32 bytes each, so
   * at most about 3.2 GB).
   */
  public static final int MAX_TRACKED_RECIPIENTS_LIMIT = 100_000_000;

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
  private final int maxTrackedRecipients;
  private final int concurrency;
  private final java.util.function.ToLongFunction<IdempotencyKey> fingerprints;
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
    this.maxTrackedRecipients = b.maxTrackedRecipients;
    this.concurrency = b.concurrency;
    this.fingerprints = b.fingerprints;
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
    b.maxTrackedRecipients = maxTrackedRecipients;
    b.concurrency = concurrency;
    b.fingerprints = fingerprints;
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
      run.finish();
    } catch (RuntimeException | Error e) {
      // No batch may still be on its way once the run has ended: a resume started right after
      // must find every batch answered (and recorded) or left PENDING.
      run.abandon(e);
      throw e;
    } finally {
      run.close();
    }
    ExecutionReport report = run.report();
    listener.onProgress(run.progress());
    return report;
  }

  /** A batch handed to the channel whose answer has not been processed yet. */
  private record InFlight(
      List<OutboundMessage> batch,
      List<JournalEntry> written, // the outcomes its write carried (not its PENDING entries)
      Future<List<DispatchResult>> answer) {}

  /** A batch's journal write failed on a dispatch thread: the batch never left. */
  private static final class JournalWriteFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JournalWriteFailure(Throwable cause) {
      super(cause);
    }
  }

  /**
   * One execution's mutable state; confined to the calling thread (only {@link
   * MessageChannel#dispatch(List)} runs on the run's dispatch threads).
   */
  private final class Run {
    final Campaign campaign;
    final Function<TemplateId, Template> templates;
    final ExecutionMode mode;
    final Instant startedAt;
    final int effectiveBatchSize;
    final int inFlightMax;
    final boolean dedupChannel;
    // The window being filled, and the one being handled (swapped, never copied).
    List<Recipient> window = new ArrayList<>();
    List<IdempotencyKey> windowKeys = new ArrayList<>();
    List<Recipient> handledWindow = new ArrayList<>();
    List<IdempotencyKey> handledKeys = new ArrayList<>();
    // The fingerprints of the window's rows, in order (LIVE), as two halves: they enter `seen`
    // together when the window is handled, so that the table's cache misses overlap instead of one
    // per row.
    long[] windowFingerprints = new long[64];
    long[] windowFingerprintLows = new long[64];
    // How many of the window's first rows have been added to `seen` (see markRepeats).
    int windowMarked;
    // Rows of the window whose fingerprint was seen before in this run: a repeat (with exact
    // tracking), else a repeat or a distinct customer whose test fingerprint collides, which the
    // journal and `active` tell apart.
    BitSet windowRepeats = new BitSet();
    BitSet handledRepeats = new BitSet();
    // Keys handled in this run whose final entry is not yet durable and visible to a window's
    // journal lookup (buffered, in flight, answered but unwritten, or uncertain): a row repeating
    // one of them is a repeat, never a new send. With exact tracking only the keys handled once
    // `seen` is full enter it: a row repeating one handled before is found in `seen` itself.
    final KeySet active = new KeySet();
    // `seen` holds each tracked row's own key (its 128 bits), so that a row found there repeats a
    // row of this run; false only with a test's fingerprint function, whose values may collide.
    final boolean exactTracking = fingerprints == null;
    // Keys whose final entry became durable since the last window lookup; they leave `active` at
    // the next lookup, which then finds them in the journal.
    final List<IdempotencyKey> durableSinceLookup = new ArrayList<>();
    // Batches handed to the channel whose answers have not been processed, oldest first.
    final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    ExecutorService dispatchers;
    // A permit per batch that may be on its way at once: taken before a batch is handed to a
    // dispatch thread, given back when its write and send have returned or failed.
    final Semaphore sendSlots;
    // Set on a dispatch thread when a batch's write or send failed, before its slot is given back.
    volatile boolean sendFailed;
    // The first batch failure of the run (later ones are added to it as suppressed).
    RuntimeException failure;
    List<OutboundMessage> failedBatch;
    boolean failedNothingSent;
    // The first journal write that failed on a dispatch thread (rethrown as it is).
    Throwable journalFailure;
    final List<OutboundMessage> fresh = new ArrayList<>();
    final List<OutboundMessage> resend = new ArrayList<>();
    final List<OutboundMessage> toReconcile = new ArrayList<>();
    // Messages an answer left out in this run, reconciled once before the run ends.
    final List<OutboundMessage> leftOut = new ArrayList<>();
    final Set<IdempotencyKey> settledInRun = new HashSet<>();
    final List<JournalEntry> unwritten = new ArrayList<>();
    final Map<RejectionReason, Long> dropped = new EnumMap<>(RejectionReason.class);
    final Map<ReconcileResult.Status, Long> reconciled =
        new EnumMap<>(ReconcileResult.Status.class);
    final Set<String> batchIds = new LinkedHashSet<>();
    final Map<TemplateId, Optional<Template>> templateCache = new HashMap<>();
    // The template the previous recipient used, as the cache has it.
    TemplateId lastTemplateId;
    Optional<Template> lastTemplate;
    final FingerprintSet seen;
    // No entry of the campaign existed when the run started: while every recipient of the run is
    // tracked (a repeat is caught before it gets here), nothing can be found in the journal.
    final boolean freshCampaign;
    long rows;
    long targeted;
    long dispatched;
    long logged;
    long skipped;
    long uncertain;
    long resent;
    long duplicates;
    long droppedTotal;

    Run(Campaign campaign, Function<TemplateId, Template> templates, ExecutionMode mode) {
      this.campaign = campaign;
      this.templates = templates;
      this.mode = mode;
      this.startedAt = clock.instant();
      int max = channel == null ? Integer.MAX_VALUE : channel.maxBatchSize();
      this.effectiveBatchSize = Math.max(1, Math.min(batchSize > 0 ? batchSize : max, max));
      int maxInFlight = channel == null ? 1 : Math.max(1, channel.maxConcurrentBatches());
      this.inFlightMax =
          mode.isLive() ? Math.min(concurrency > 0 ? concurrency : maxInFlight, maxInFlight) : 1;
      this.sendSlots = new Semaphore(inFlightMax);
      this.dedupChannel = channel != null && channel.deduplicatesByIdempotencyKey();
      this.freshCampaign = mode.isLive() && !journal.mayHaveEntries(campaign.id());
      // Sized for the campaign's own count when it has one (a wrong count only costs growing).
      this.seen = new FingerprintSet(maxTrackedRecipients, campaign.targetedCount().orElse(0));
    }

    void accept(Recipient r) {
      rows++;
      CustomerId customer = r.customerId();
      IdempotencyKey key = IdempotencyKey.derive(campaign.id(), customer);
      long fingerprint;
      long fingerprintLow;
      if (fingerprints != null) {
        fingerprint = fingerprints.applyAsLong(key);
        fingerprintLow = 0;
      } else if (key.hasBits()) {
        fingerprint = key.hi();
        fingerprintLow = key.lo();
      } else {
        long[] bits = JournalIndex.bits(key, campaign.id(), customer);
        fingerprint = bits[0];
        fingerprintLow = bits[1];
      }
      if (!mode.isLive()) {
        if (seen.offer(fingerprint, fingerprintLow) == FingerprintSet.PRESENT) {
          // The same customer came twice in this run's target rows (paging that repeats rows, or a
          // list with duplicates): the first row decides, the repeat is counted and reported.
          duplicates++;
          return;
        }
        targeted++;
        OutboundMessage m = prepare(r, key, null);
        if (m != null && sendable(m, key)) {
          messageLog.append(LoggedMessage.logged(m, clock.instant()));
          logged++;
          if (logged % progressInterval == 0) {
            listener.onProgress(progress());
          }
        }
        return;
      }
      // Whether it was seen before is found when the window is handled (see markRepeats).
      int row = window.size();
      if (row == windowFingerprints.length) {
        windowFingerprints = Arrays.copyOf(windowFingerprints, row * 2);
        windowFingerprintLows = Arrays.copyOf(windowFingerprintLows, row * 2);
      }
      windowFingerprints[row] = fingerprint;
      windowFingerprintLows[row] = fingerprintLow;
      window.add(r);
      windowKeys.add(key);
      if (window.size() >= effectiveBatchSize) {
        processWindow();
      }
    }

    /** Looks the window's recipients up in the journal with one call, then handles each. */
    void processWindow() {
      if (window.isEmpty()) {
        return;
      }
      markRepeats();
      // What became durable is now visible to the lookup below.
      durableSinceLookup.forEach(active::remove);
      durableSinceLookup.clear();
      // A fresh campaign has nothing in the journal but what this run wrote: only rows that may
      // repeat an earlier one are looked up, while every recipient of the run is tracked.
      boolean askAll = !freshCampaign || seen.overflowed();
      Map<IdempotencyKey, CustomerId> ask = new HashMap<>();
      for (int i = 0; i < window.size(); i++) {
        if (askAll || windowRepeats.get(i)) {
          ask.put(windowKeys.get(i), window.get(i).customerId());
        }
      }
      Map<IdempotencyKey, JournalEntry> known =
          ask.isEmpty() ? Map.of() : journal.entries(campaign.id(), ask);
      // The window is emptied before its rows are handled (a failure while handling them must not
      // handle them again at the end of the run): the filled lists become the handled ones.
      List<Recipient> rs = window;
      List<IdempotencyKey> ks = windowKeys;
      BitSet repeats = windowRepeats;
      window = handledWindow;
      windowKeys = handledKeys;
      windowRepeats = handledRepeats;
      handledWindow = rs;
      handledKeys = ks;
      handledRepeats = repeats;
      window.clear();
      windowKeys.clear();
      windowRepeats.clear();
      windowMarked = 0;
      for (int i = 0; i < rs.size(); i++) {
        handleLive(rs.get(i), ks.get(i), known.get(ks.get(i)), repeats.get(i));
      }
      // Unknown outcomes of this window are settled with the vendor's records now, and what must
      // go again leaves in a batch of its own, before the window's new sends grow further.
      reconcilePending();
      flush(resend, true);
      settleLeftOut();
    }

    /**
     * Adds the fingerprints of the window's rows not added yet to {@code seen}, in row order: a row
     * whose fingerprint was there already (a repeat, or a collision the journal and {@code active}
     * tell apart) is marked in {@code windowRepeats}; any other counts as targeted. Done when the
     * window is handled, and before {@link #progress()} and {@link #report()} are read, so that
     * {@code targeted} counts every distinct row read so far, as it did when each row was added as
     * it came.
     */
    void markRepeats() {
      int n = window.size();
      if (windowMarked >= n) {
        return;
      }
      seen.warm(windowFingerprints, windowMarked, n);
      for (int i = windowMarked; i < n; i++) {
        if (seen.offer(windowFingerprints[i], windowFingerprintLows[i]) != FingerprintSet.PRESENT) {
          targeted++;
        } else {
          windowRepeats.set(i);
        }
      }
      windowMarked = n;
    }

    /**
     * Asks the vendor's records about the messages answers of this run left out, once each: found
     * sent they are dispatched, provably absent they are sent, still unknown they are re-sent only
     * through a deduplicating channel and otherwise stay uncertain.
     */
    void settleLeftOut() {
      while (!leftOut.isEmpty()) {
        for (OutboundMessage m : leftOut) {
          settledInRun.add(m.idempotencyKey());
          toReconcile.add(m);
        }
        leftOut.clear();
        reconcilePending();
        flush(resend, true);
      }
    }

    void handleLive(Recipient r, IdempotencyKey key, JournalEntry previous, boolean seenBefore) {
      if (exactTracking && seenBefore) {
        // The row's own key was handled earlier in this run (or earlier in this window).
        duplicates++;
        return;
      }
      // With exact tracking, a row new to `seen` is new to the run while `seen` kept every row;
      // past its cap, `active` tells the repeats of rows it did not keep.
      boolean viaActive = !exactTracking || seen.overflowed();
      boolean handledInRun = viaActive && active.contains(key);
      if (handledInRun || (previous != null && previous.state().isDone())) {
        if (seenBefore) {
          // A row repeating one this run already handled.
          duplicates++;
        } else {
          // Done in an earlier run, or a repeat past the tracked recipients.
          skipped++;
        }
        return;
      }
      if (seenBefore) {
        // The fingerprint collided with another customer's: this one is new to the run.
        targeted++;
      }
      if (viaActive) {
        active.add(key);
      }
      boolean pending = previous != null && previous.state() == RecipientState.PENDING;
      OutboundMessage m = prepare(r, key, pending ? previous : null);
      if (m == null) {
        return;
      }
      if (pending) {
        // Its outcome is unknown: the vendor's records are asked at the end of the window, before
        // anything of it is sent again.
        toReconcile.add(m);
        return;
      }
      if (sendable(m, key)) {
        enqueue(fresh, m, false);
      }
    }

    /**
     * Renders a recipient's message and finds its phone. Returns null when that fails: a new
     * recipient is dropped with the reason; one whose earlier send is unknown ({@code pending}
     * non-null) cannot be matched against the vendor's records and stays uncertain.
     */
    OutboundMessage prepare(Recipient r, IdempotencyKey key, JournalEntry pending) {
      CustomerId customer = r.customerId();
      TemplateId own = r.templateIdOrNull();
      TemplateId templateId = own == null ? campaign.templateId() : own;
      Optional<Template> template;
      if (templateId.equals(lastTemplateId)) {
        template = lastTemplate; // nearly every recipient uses the campaign's template
      } else {
        template =
            templateCache.computeIfAbsent(
                templateId, id -> Optional.ofNullable(templates.apply(id)));
        lastTemplateId = templateId;
        lastTemplate = template;
      }
      String problem = null;
      RejectionReason reason = RejectionReason.OTHER;
      RenderResult rendered = null;
      PhoneNumber phone = null;
      if (template.isEmpty()) {
        problem = "template " + templateId + " is unknown";
      } else if (mode.isLive() && !template.get().isApproved()) {
        problem =
            "template " + templateId + " is not approved: LIVE sends use approved templates only";
      } else {
        List<String> promo = r.promoCodes().isEmpty() ? campaign.promoCodes() : r.promoCodes();
        rendered = renderer.render(template.get(), r.attributes(), promo);
        if (!rendered.isRendered()) {
          problem = rendered.describeProblems();
        } else {
          try {
            phone = phoneLookup.phoneOf(r);
          } catch (ConfigurationException e) {
            problem = e.getMessage();
            reason = RejectionReason.INVALID_PHONE_FORMAT;
          }
        }
      }
      if (problem != null) {
        if (pending != null) {
          markUncertain(pending, "cannot rebuild the message to reconcile it: " + problem);
        } else {
          drop(key, customer, reason, problem);
        }
        return null;
      }
      return new OutboundMessage(
          key, campaign, customer, phone, templateId, rendered.text(), rendered.length());
    }

    /** The checks made just before a first send: opt-out list and length. Drops on failure. */
    boolean sendable(OutboundMessage m, IdempotencyKey key) {
      String problem = blocked(m);
      if (problem == null) {
        return true;
      }
      drop(
          key,
          m.customerId(),
          problem.startsWith("the phone number opted out")
              ? RejectionReason.OPTED_OUT
              : RejectionReason.OTHER,
          problem);
      return false;
    }

    String blocked(OutboundMessage m) {
      if (optOutList.isOptedOut(m.to())) {
        return "the phone number opted out";
      }
      if (m.length().segments() > maxSegments) {
        return "the message is "
            + m.length().segments()
            + " segments long, over the limit of "
            + maxSegments;
      }
      return null;
    }

    void enqueue(List<OutboundMessage> batch, OutboundMessage m, boolean isResend) {
      batch.add(m);
      if (batch.size() >= effectiveBatchSize) {
        flush(batch, isResend);
      }
    }

    /** Asks the channel what became of the messages whose outcome is unknown, then acts on it. */
    void reconcilePending() {
      if (toReconcile.isEmpty()) {
        return;
      }
      List<OutboundMessage> group = List.copyOf(toReconcile);
      toReconcile.clear();
      Map<IdempotencyKey, ReconcileResult> verdicts = new HashMap<>();
      String failure = null;
      try {
        for (ReconcileResult v : channel.reconcile(group)) {
          verdicts.put(v.idempotencyKey(), v);
        }
      } catch (RuntimeException e) {
        failure = "the vendor's records could not be read: " + e.getMessage();
      }
      Instant at = clock.instant();
      for (OutboundMessage m : group) {
        ReconcileResult v = verdicts.get(m.idempotencyKey());
        if (v == null) {
          v =
              ReconcileResult.unknown(
                  m.idempotencyKey(),
                  failure != null ? failure : channel.name() + " gave no verdict for it");
        }
        reconciled.merge(v.status(), 1L, Long::sum);
        listener.onReconciled(m.customerId(), v);
        switch (v.status()) {
          case SENT -> {
            dispatched++;
            unwritten.add(
                new JournalEntry(
                    campaign.id(),
                    m.customerId(),
                    RecipientState.DISPATCHED,
                    m.idempotencyKey(),
                    at,
                    v.vendorMessageId().orElse("")));
          }
          case REJECTED -> {
            RejectionReason reason = v.rejectionReason().orElse(RejectionReason.OTHER);
            recordDrop(m.idempotencyKey(), m.customerId(), reason, v.detail(), at);
          }
          case NOT_SENT -> {
            if (sendable(m, m.idempotencyKey())) {
              enqueue(fresh, m, false);
            }
          }
          case UNKNOWN -> {
            String problem = dedupChannel ? blocked(m) : null;
            if (dedupChannel && problem == null) {
              // The vendor drops a repeat of this key: sending again cannot text anyone twice.
              resent++;
              enqueue(resend, m, true);
            } else {
              markUncertain(
                  new JournalEntry(
                      campaign.id(),
                      m.customerId(),
                      RecipientState.PENDING,
                      m.idempotencyKey(),
                      at,
                      v.detail()),
                  problem != null ? problem + "; its earlier send is unknown" : v.detail());
            }
          }
          default -> throw new IllegalStateException("unknown verdict " + v.status());
        }
      }
    }

    void markUncertain(JournalEntry entry, String why) {
      uncertain++;
      listener.onUncertain(
          new JournalEntry(
              entry.campaignId(),
              entry.customerId(),
              entry.state(),
              entry.idempotencyKey(),
              entry.at(),
              why == null ? "" : why));
    }

    void drop(IdempotencyKey key, CustomerId customer, RejectionReason reason, String detail) {
      recordDrop(key, customer, reason, detail, clock.instant());
    }

    void recordDrop(
        IdempotencyKey key,
        CustomerId customer,
        RejectionReason reason,
        String detail,
        Instant at) {
      dropped.merge(reason, 1L, Long::sum);
      droppedTotal++;
      listener.onDropped(customer, reason, detail);
      if (mode.isLive()) {
        unwritten.add(
            new JournalEntry(campaign.id(), customer, RecipientState.DROPPED, key, at, detail));
      }
    }

    void finish() {
      if (mode.isLive()) {
        processWindow(); // also settles the window's unknown outcomes and sends their re-sends
        flush(fresh, false);
        awaitAll();
        while (!leftOut.isEmpty()) {
          settleLeftOut();
          flush(fresh, false);
          awaitAll();
        }
        writeUnwritten();
      }
      OptionalLong expected = campaign.targetedCount();
      if (duplicates > 0 || (expected.isPresent() && expected.getAsLong() != targeted)) {
        listener.onTargetsMismatch(campaign.id(), expected, targeted, duplicates);
      }
    }

    /**
     * Writes what the run learnt and has not written yet (PENDING entries of the batch about to
     * leave, the outcomes of batches answered since the last write, drops, verdicts) in one call:
     * one journal round trip per batch.
     */
    void writeUnwritten() {
      if (!unwritten.isEmpty()) {
        journal.recordAll(List.copyOf(unwritten));
        noteDurable(unwritten);
        unwritten.clear();
      }
    }

    /**
     * Notes the keys whose final entry is now durable, to leave {@code active} at the next window
     * lookup. A key enters {@code active} before any entry of it is made, so when {@code active} is
     * empty none of these is there (nearly always, with exact tracking).
     */
    void noteDurable(List<JournalEntry> written) {
      if (active.size() == 0) {
        return;
      }
      for (JournalEntry e : written) {
        if (e.state() != RecipientState.PENDING) {
          durableSinceLookup.add(e.idempotencyKey());
        }
      }
    }

    void flush(List<OutboundMessage> batchBuffer, boolean isResend) {
      if (batchBuffer.isEmpty()) {
        return;
      }
      List<OutboundMessage> batch = List.copyOf(batchBuffer);
      batchBuffer.clear();
      if (inFlightMax > 1) {
        // A slot first: the answers processed while waiting for it are written with this batch's
        // PENDING entries. A batch holds its slot until it is answered, not until its answer is
        // processed: answers come back in any order and are processed in the order the batches
        // left, so an answer that is in does not keep the next batch from leaving while an older
        // batch is still on its way. At most twice as many batches as slots are held, on their way
        // or answered and waiting to be processed.
        while (inFlight.size() >= 2 * inFlightMax) {
          completeOldest();
        }
        while (!sendSlots.tryAcquire()) {
          if (!inFlight.isEmpty() && inFlight.peekFirst().answer().isDone()) {
            completeOldest();
          } else {
            // Given back by a dispatch thread when its send returns (bounded by the channel's
            // timeouts), whatever the interrupt status of this thread.
            sendSlots.acquireUninterruptibly();
            break;
          }
        }
        // A batch that already failed stops the run before another one leaves (its answer and
        // those before it are processed in order first): its failure is noted before its slot is
        // given back, so the slot it freed never carries another batch out.
        if (sendFailed) {
          sendSlots.release();
          awaitAll();
        }
        throwIfFailed();
      }
      Instant now = clock.instant();
      String pendingDetail = isResend ? "re-sent after an unknown outcome" : "";
      if (inFlightMax == 1) {
        addPending(unwritten, batch, now, pendingDetail);
        // Durable before the batch leaves: a crash from here on finds these PENDING.
        writeUnwritten();
        List<DispatchResult> results = null;
        RuntimeException error = null;
        try {
          results = channel.dispatch(batch);
        } catch (RuntimeException e) {
          error = e;
        }
        complete(batch, results, error);
      } else {
        if (dispatchers == null) {
          dispatchers = newDispatchers();
        }
        // The write (the outcomes answered since the previous write, then this batch's PENDING
        // entries, made on the dispatch thread from the batch and this thread's time) and then the
        // send run on a dispatch thread, while this thread prepares the next batch: PENDING is
        // still durable before the batch leaves.
        List<JournalEntry> outcomes = List.copyOf(unwritten);
        unwritten.clear();
        inFlight.add(
            new InFlight(
                batch,
                outcomes,
                dispatchers.submit(
                    () -> {
                      try {
                        List<JournalEntry> toWrite =
                            new ArrayList<>(outcomes.size() + batch.size());
                        toWrite.addAll(outcomes);
                        addPending(toWrite, batch, now, pendingDetail);
                        try {
                          journal.recordAll(toWrite);
                        } catch (RuntimeException | Error e) {
                          throw new JournalWriteFailure(e);
                        }
                        return channel.dispatch(batch);
                      } catch (RuntimeException | Error e) {
                        sendFailed = true;
                        throw e;
                      } finally {
                        sendSlots.release();
                      }
                    })));
        // Answers that are already in are processed now, in order.
        while (!inFlight.isEmpty() && inFlight.peekFirst().answer().isDone()) {
          completeOldest();
        }
      }
      throwIfFailed();
    }

    /** Adds the PENDING entry of each message of a batch about to leave. */
    void addPending(List<JournalEntry> to, List<OutboundMessage> batch, Instant at, String detail) {
      CampaignId id = campaign.id();
      for (OutboundMessage m : batch) {
        to.add(
            new JournalEntry(
                id, m.customerId(), RecipientState.PENDING, m.idempotencyKey(), at, detail));
      }
    }

    ExecutorService newDispatchers() {
      String prefix = "campaignrelay-dispatch-" + campaign.id().value() + "-";
      java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
      return Executors.newFixedThreadPool(
          inFlightMax,
          task -> {
            Thread t = new Thread(task, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
    }

    /** Waits for the oldest batch in flight and processes its answer. */
    void completeOldest() {
      InFlight f = inFlight.pollFirst();
      List<DispatchResult> results = null;
      RuntimeException error = null;
      boolean interrupted = false;
      while (true) {
        try {
          results = f.answer().get();
          break;
        } catch (InterruptedException e) {
          // The batch has left: its answer is waited for (bounded by the channel's timeouts) so
          // that nothing is still being sent when the run ends.
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof JournalWriteFailure jf) {
            // Nothing of this batch left; what its write carried stays as the journal has it.
            if (journalFailure == null) {
              journalFailure = jf.getCause();
            } else if (journalFailure != jf.getCause()) {
              journalFailure.addSuppressed(jf.getCause());
            }
            if (interrupted) {
              Thread.currentThread().interrupt();
            }
            return;
          }
          if (cause instanceof RuntimeException re) {
            error = re;
          } else if (cause instanceof Error err) {
            throw err;
          } else {
            error = new IllegalStateException(String.valueOf(cause), cause);
          }
          break;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      noteDurable(f.written());
      complete(f.batch(), results, error);
    }

    /** Waits for every batch in flight and processes the answers, then stops on a failure. */
    void awaitAll() {
      while (!inFlight.isEmpty()) {
        completeOldest();
      }
      throwIfFailed();
    }

    /**
     * The run failed outside a batch (the target listing, the journal, a listener): the batches in
     * flight are awaited and what is known is written, best effort, before the failure propagates.
     */
    void abandon(Throwable cause) {
      try {
        while (!inFlight.isEmpty()) {
          completeOldest();
        }
        writeUnwritten();
      } catch (RuntimeException | Error e) {
        if (e != cause) {
          cause.addSuppressed(e);
        }
      }
    }

    void close() {
      if (dispatchers != null) {
        dispatchers.shutdownNow();
      }
    }

    /** Processes one batch's answer (or failure) on the executing thread. */
    void complete(List<OutboundMessage> batch, List<DispatchResult> results, RuntimeException e) {
      if (e != null) {
        boolean nothingSent = definitelyNotSent(e);
        if (nothingSent) {
          Instant at = clock.instant();
          for (OutboundMessage m : batch) {
            unwritten.add(
                new JournalEntry(
                    campaign.id(),
                    m.customerId(),
                    RecipientState.FAILED,
                    m.idempotencyKey(),
                    at,
                    String.valueOf(e.getMessage())));
          }
        } else {
          uncertain += batch.size();
        }
        if (failure == null) {
          failure = e;
          failedBatch = batch;
          failedNothingSent = nothingSent;
        } else if (failure != e) {
          failure.addSuppressed(e);
        }
        return;
      }
      // Answers nearly always list the batch in its order, one result per message: then the i-th
      // result is the i-th message's (the batch's keys are distinct) and no map is needed.
      boolean inOrder = results.size() == batch.size();
      for (int i = 0; inOrder && i < batch.size(); i++) {
        inOrder = results.get(i).idempotencyKey().equals(batch.get(i).idempotencyKey());
      }
      Map<IdempotencyKey, DispatchResult> byKey = null;
      if (!inOrder) {
        byKey = new HashMap<>(results.size() * 4 / 3 + 1);
        for (DispatchResult d : results) {
          byKey.put(d.idempotencyKey(), d);
        }
      }
      Instant after = clock.instant();
      String lastBatchId = null;
      for (int i = 0; i < batch.size(); i++) {
        OutboundMessage m = batch.get(i);
        DispatchResult d = inOrder ? results.get(i) : byKey.get(m.idempotencyKey());
        if (d == null) {
          // The answer left this message out: its outcome is unknown, so it stays PENDING. Its
          // first time, the vendor's records are asked before the run ends; a second time (it was
          // re-sent or sent after that and left out again), it is reported uncertain.
          if (settledInRun.contains(m.idempotencyKey())) {
            markUncertain(
                new JournalEntry(
                    campaign.id(),
                    m.customerId(),
                    RecipientState.PENDING,
                    m.idempotencyKey(),
                    after,
                    ""),
                channel.name() + "'s answer did not mention this message");
          } else {
            leftOut.add(m);
          }
          continue;
        }
        if (d.isAccepted()) {
          dispatched++;
          String batchId = d.batchIdOrNull();
          if (batchId != null && !batchId.equals(lastBatchId)) {
            lastBatchId = batchId;
            batchIds.add(lastBatchId);
          }
          String vendorMessageId = d.vendorMessageIdOrNull();
          unwritten.add(
              new JournalEntry(
                  campaign.id(),
                  m.customerId(),
                  RecipientState.DISPATCHED,
                  m.idempotencyKey(),
                  after,
                  vendorMessageId == null ? "" : vendorMessageId));
        } else {
          RejectionReason reason = d.rejectionReason().orElse(RejectionReason.OTHER);
          dropped.merge(reason, 1L, Long::sum);
          droppedTotal++;
          String detail = d.detail().orElse("rejected by " + channel.name());
          listener.onDropped(m.customerId(), reason, detail);
          unwritten.add(
              new JournalEntry(
                  campaign.id(),
                  m.customerId(),
                  RecipientState.DROPPED,
                  m.idempotencyKey(),
                  after,
                  detail));
        }
      }
      // The outcomes are written with the next batch's PENDING entries (or at the end of the run):
      // a crash before that leaves them PENDING, which the next run reconciles.
      listener.onProgress(progress());
    }

    /**
     * After a batch failed: the batches still in flight are awaited and recorded, everything known
     * is written, and the run stops with the first failure.
     */
    void throwIfFailed() {
      if (failure == null && journalFailure == null) {
        return;
      }
      while (!inFlight.isEmpty()) {
        completeOldest();
      }
      if (journalFailure != null) {
        // The journal failed: what it could not take is not retried here; the next run finds
        // those recipients PENDING (or not at all) and reconciles before sending.
        if (journalFailure instanceof RuntimeException re) {
          throw re;
        }
        throw (Error) journalFailure;
      }
      writeUnwritten();
      RuntimeException e = failure;
      boolean nothingSent = failedNothingSent;
      throw new CampaignExecutionException(
          "campaign "
              + campaign.id()
              + ": channel "
              + channel.name()
              + " failed on a batch of "
              + failedBatch.size()
              + " ("
              + e.getMessage()
              + ")"
              + (nothingSent
                  ? "; the vendor refused the batch, so none of it was sent (recorded FAILED):"
                      + " fix the cause and run the campaign again with the same journal to send"
                      + " the rest"
                  : "; whether the vendor sent it is unknown, so the batch stays PENDING in the"
                      + " journal: run the campaign again with the same journal, which checks the"
                      + " vendor's records before sending any of it"),
          report(),
          e);
    }

    ExecutionProgress progress() {
      markRepeats();
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
      markRepeats();
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
          batchIds,
          campaign.targetedCount(),
          reconciled);
    }
  }

  /**
   * The send decision, for code that sends outside the engine (a vendor's group send, say) and must
   * decide as the engine does: whether a failure of a send proves that nothing of it was sent. True
   * only when the vendor was never reached ({@link
   * io.campaignrelay.core.http.ApiConnectionException#outcomeUnknown()} false) or positively
   * refused the request ({@link io.campaignrelay.core.http.ApiServiceException#requestRefused()}).
   * Anything else (a 5xx, a lost, cut or unreadable answer, an unexpected exception) leaves the
   * outcome unknown: never send again on a guess.
   *
   * @param e the failure of a send
   * @return true if nothing was sent
   */
  public static boolean provesNothingSent(RuntimeException e) {
    return definitelyNotSent(e);
  }

  static boolean definitelyNotSent(RuntimeException e) {
    if (e instanceof io.campaignrelay.core.http.ApiConnectionException c) {
      return !c.outcomeUnknown();
    }
    if (e instanceof io.campaignrelay.core.http.ApiServiceException s) {
      return s.requestRefused();
    }
    return false;
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
    private int maxTrackedRecipients = DEFAULT_MAX_TRACKED_RECIPIENTS;
    private int concurrency;
    private java.util.function.ToLongFunction<IdempotencyKey> fingerprints;
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
     * Sets how many distinct recipients one run remembers (their 128-bit keys: 16 to 32 bytes each,
     * as the table fills and doubles) to notice a target row that repeats (paging that re-reads
     * rows, a list with duplicates). A repeat is never sent twice either way: past this many, it is
     * caught by the journal (counted as skipped, not as a repeat) in LIVE runs, and may be logged
     * twice in TEST runs.
     *
     * @param maxTrackedRecipients 0 to {@value CampaignExecutor#MAX_TRACKED_RECIPIENTS_LIMIT}
     *     (default {@value CampaignExecutor#DEFAULT_MAX_TRACKED_RECIPIENTS}, 32 MiB at most)
     * @return this builder
     */
    public Builder maxTrackedRecipients(int maxTrackedRecipients) {
      this.maxTrackedRecipients = maxTrackedRecipients;
      return this;
    }

    /**
     * Sets how many batches a LIVE run may have in flight on the channel at once (default and
     * maximum: the channel's {@link MessageChannel#maxConcurrentBatches()}; a larger value is
     * lowered to it). With more than one, each batch's journal write (its PENDING entries with the
     * outcomes answered since the previous write) and then its send run on threads of the run's own
     * (daemon, named {@code campaignrelay-dispatch-...}, stopped when the run ends), while the
     * executing thread prepares the next batch; everything else (the target listing, journal
     * lookups, reconciliation, every listener callback) stays on the executing thread, and answers
     * are processed in the order their batches left. The guarantees do not change: a batch's
     * PENDING entries are durable before it leaves; once the run learns of a failed batch no other
     * batch leaves, and those already in flight (up to {@code concurrency - 1} may have left beside
     * it before its failure was known) are answered and recorded before the run stops; a crash with
     * batches in flight leaves them PENDING, reconciled before anything is sent again.
     *
     * @param concurrency 1 or more, or 0 for the channel's maximum
     * @return this builder
     */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Tests only: replaces the key's 128 bits in repeated-row tracking with a 64-bit fingerprint
     * (to force collisions), which the run then confirms against the journal and its unsettled
     * keys.
     */
    Builder fingerprints(java.util.function.ToLongFunction<IdempotencyKey> fingerprints) {
      this.fingerprints = fingerprints;
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
      if (maxTrackedRecipients < 0) {
        problems.add(
            ConfigurationProblem.of(
                "maxTrackedRecipients", maxTrackedRecipients, "use 0 or more (0 tracks none)"));
      } else if (maxTrackedRecipients > MAX_TRACKED_RECIPIENTS_LIMIT) {
        problems.add(
            ConfigurationProblem.of(
                "maxTrackedRecipients",
                maxTrackedRecipients,
                "use at most "
                    + MAX_TRACKED_RECIPIENTS_LIMIT
                    + " (the table takes up to 32 bytes a recipient); past the cap a repeat is"
                    + " still never sent twice"));
      }
      if (concurrency < 0) {
        problems.add(
            ConfigurationProblem.of(
                "concurrency", concurrency, "use 1 or more, or 0 for the channel's maximum"));
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
