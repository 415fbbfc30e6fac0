package io.campaignrelay.textlocal;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.IdempotencyKey;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.execution.ReconcileResult;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.core.sms.SmsEncoding;
import io.campaignrelay.textlocal.models.BulkBatch;
import io.campaignrelay.textlocal.models.BulkMessage;
import io.campaignrelay.textlocal.models.BulkSendOptions;
import io.campaignrelay.textlocal.models.BulkSendResult;
import io.campaignrelay.textlocal.models.HistoryQuery;
import io.campaignrelay.textlocal.models.NotSentMessage;
import io.campaignrelay.textlocal.models.SentMessage;
import io.campaignrelay.textlocal.models.TextLocalErrorCode;
import io.campaignrelay.textlocal.models.TextLocalNotice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The TextLocal transport for Campaign Relay's engine ({@link MessageChannel}): each batch of up to
 * {@value TextLocalClient#MAX_MESSAGES_PER_BULK_JSON} rendered SMS goes out in one {@code
 * bulk_json} call, each message with its own text.
 *
 * <p>Every call carries the campaign tag ({@link TextLocalCampaignFlow#campaignTag(CampaignId)}) in
 * {@code custom}, so that delivery receipts can be matched to the campaign, and is scheduled at the
 * campaign's {@linkplain Campaign#sendTime() send time} (sent at once when that time has passed on
 * the client's clock). Each message carries its {@link IdempotencyKey} as {@code unique_id}, which
 * TextLocal echoes in {@code messages_not_sent} (INFERRED; when it does not, results are matched by
 * number).
 *
 * <p>Results: a message TextLocal lists in {@code messages_not_sent} is {@linkplain
 * DispatchResult#rejected rejected} with TextLocal's code and message as detail and a {@link
 * RejectionReason}: {@code INVALID_PHONE_FORMAT} for an invalid number (codes 32 and 51, warning
 * 3), {@code OPTED_OUT} when TextLocal's message speaks of an opt-out (INFERRED: no opt-out code is
 * documented), {@code OTHER} otherwise. A message TextLocal lists as sent ({@code messages[]}, by
 * {@code unique_id} or number) is {@linkplain DispatchResult#accepted accepted} with its batch id
 * and, when given, its message id. <b>A message the answer mentions nowhere gets no result</b>: an
 * answer that leaves messages out does not say what happened to them, so the engine keeps them
 * PENDING and counts them uncertain, to be {@linkplain #reconcile(List) reconciled}, never sent
 * again on a guess. A message too long for TextLocal (over {@value
 * TextLocalClient#MAX_GSM_CHARACTERS} GSM characters or {@value TextLocalClient#MAX_PARTS} parts)
 * is rejected here without being sent, so it cannot fail the rest of its batch.
 *
 * <p><b>Failures of the whole call.</b> A {@code status: failure} answer raises the client's
 * exception; its {@code requestRefused()} is true only for codes TextLocal documents as stopping
 * the request (login, recipients, credit, sender, schedule, ...; see {@link
 * io.campaignrelay.textlocal.models.TextLocalErrorCode#refusesRequest()}), and only then does the
 * engine count the batch as not sent. An empty, cut, HTML or malformed answer, a lost connection
 * and an answer without {@code status: success} raise an {@code ApiConnectionException} with {@code
 * outcomeUnknown()} true: the batch may have gone out.
 *
 * <p><b>No idempotency key.</b> TextLocal has no way to drop a repeated send, so {@link
 * #deduplicatesByIdempotencyKey()} is false and a {@code bulk_json} call that reached TextLocal is
 * never re-sent by the HTTP layer. After a crash, or a call whose outcome is unknown, the engine
 * asks {@link #reconcile(List)} and reports what is still unknown as <em>uncertain</em> (see {@code
 * ExecutionReport.uncertain()} and {@code ExecutionListener.onUncertain}), never sending it again.
 *
 * <p><b>Reconciliation</b> ({@link #reconcile(List)}) looks each message up by the campaign tag
 * (the {@code custom} value of its send) and its number in TextLocal's records:
 *
 * <ol>
 *   <li>{@code get_history_api} from the campaign's send time minus {@link
 *       Builder#reconcileLookback(Duration) the lookback} to now, oldest first, {@value
 *       HistoryQuery#MAX_PAGE_SIZE} per page, at most {@link Builder#reconcileMaxHistoryPages(int)}
 *       pages; an entry counts when its {@code customID} is the campaign's tag (INFERRED: TextLocal
 *       does not document which fields its history returns) and, when it carries the text, that
 *       text is the message's;
 *   <li>{@code status_batch} of the campaign's known batch ids ({@link
 *       Builder#knownBatchIds(Function)}, e.g. from the {@link CampaignLedger});
 *   <li>the delivery receipts kept by a {@link Builder#receiptSource(ReceiptSource) receipt
 *       source}, matched by {@code customID} and number.
 * </ol>
 *
 * <p>A message found there is {@link ReconcileResult.Status#SENT SENT} (with its message id when
 * the history gives one), or {@link ReconcileResult.Status#REJECTED REJECTED} ({@code
 * INVALID_PHONE_FORMAT}) when its status letter is {@code I}, TextLocal's documented "invalid
 * number"; each record vouches for one message only. Anything else is {@link
 * ReconcileResult.Status#UNKNOWN UNKNOWN}: TextLocal's history is not documented to be complete or
 * immediate, so a message missing from it may still have been sent. {@link
 * ReconcileResult.Status#NOT_SENT NOT_SENT} is answered only when {@link
 * Builder#inferNotSentFromHistory(boolean)} is turned on (off by default; INFERRED behaviour, see
 * there), and even then only when the history was read to its end, every known batch was read, the
 * campaign's send time has passed and the history holds no untagged or differently-worded entry for
 * that number.
 *
 * <p>SMS only: nothing here sends MMS. The engine calls a channel only in {@link
 * ExecutionMode#LIVE}; to have TextLocal validate and price LIVE sends without delivering them,
 * build the client with {@code testMode(true)}. Immutable and thread-safe: the engine may call
 * {@link #dispatch(List)} from up to {@link #maxConcurrentBatches()} threads at once, each call
 * holding its own batch.
 */
public final class TextLocalMessageChannel implements MessageChannel {

  /** The channel's name in reports. */
  public static final String NAME = "textlocal";

  /** Default {@link Builder#reconcileLookback(Duration)}. */
  public static final Duration DEFAULT_RECONCILE_LOOKBACK = Duration.ofDays(3);

  /** Default {@link Builder#reconcileMaxHistoryPages(int)}. */
  public static final int DEFAULT_RECONCILE_MAX_HISTORY_PAGES = 50;

  /**
   * Default {@link Builder#maxConcurrentBatches(int)}: {@code bulk_json} calls one engine run may
   * have in flight at once.
   */
  public static final int DEFAULT_MAX_CONCURRENT_BATCHES = 4;

  /** Largest {@link Builder#maxConcurrentBatches(int)} accepted. */
  public static final int MAX_CONCURRENT_BATCHES = 32;

  private final TextLocalClient client;
  private final String sender;
  private final String receiptUrl;
  private final Function<CampaignId, ? extends Collection<String>> knownBatchIds;
  private final ReceiptSource receiptSource;
  private final Duration reconcileLookback;
  private final int reconcileMaxHistoryPages;
  private final boolean inferNotSentFromHistory;
  private final int maxConcurrentBatches;
  private final TextLocalReconciler reconciler;

  private TextLocalMessageChannel(Builder b) {
    this.client = b.client;
    this.sender = b.sender;
    this.receiptUrl = b.receiptUrl;
    this.knownBatchIds = b.knownBatchIds == null ? id -> List.of() : b.knownBatchIds;
    this.receiptSource = b.receiptSource;
    this.reconcileLookback =
        b.reconcileLookback == null ? DEFAULT_RECONCILE_LOOKBACK : b.reconcileLookback;
    this.reconcileMaxHistoryPages =
        b.reconcileMaxHistoryPages == null
            ? DEFAULT_RECONCILE_MAX_HISTORY_PAGES
            : b.reconcileMaxHistoryPages;
    this.inferNotSentFromHistory = b.inferNotSentFromHistory;
    this.maxConcurrentBatches =
        b.maxConcurrentBatches == null ? DEFAULT_MAX_CONCURRENT_BATCHES : b.maxConcurrentBatches;
    this.reconciler =
        new TextLocalReconciler(
            client,
            knownBatchIds,
            receiptSource,
            reconcileLookback,
            reconcileMaxHistoryPages,
            inferNotSentFromHistory);
  }

  /**
   * A channel sending with the account's default sender name.
   *
   * @param client the client
   * @return the channel
   */
  public static TextLocalMessageChannel create(TextLocalClient client) {
    return builder().client(client).build();
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
   * A builder holding this channel's settings.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder().client(client).sender(sender).receiptUrl(receiptUrl);
    b.knownBatchIds = knownBatchIds;
    b.receiptSource = receiptSource;
    b.reconcileLookback = reconcileLookback;
    b.reconcileMaxHistoryPages = reconcileMaxHistoryPages;
    b.inferNotSentFromHistory = inferNotSentFromHistory;
    b.maxConcurrentBatches = maxConcurrentBatches;
    return b;
  }

  /**
   * The most {@code bulk_json} calls the engine may have in flight at once on this channel (see
   * {@link Builder#maxConcurrentBatches(int)}).
   *
   * @return 1 or more
   */
  @Override
  public int maxConcurrentBatches() {
    return maxConcurrentBatches;
  }

  /**
   * Whether {@link #reconcile(List)} may answer NOT_SENT (see {@link
   * Builder#inferNotSentFromHistory(boolean)}).
   *
   * @return false unless turned on
   */
  public boolean infersNotSentFromHistory() {
    return inferNotSentFromHistory;
  }

  /**
   * The sender name of every send.
   *
   * @return the name, or empty for the account's default
   */
  public Optional<String> sender() {
    return Optional.ofNullable(sender);
  }

  /**
   * The delivery-receipt URL of every send.
   *
   * @return the URL, or empty for the account-wide one
   */
  public Optional<String> receiptUrl() {
    return Optional.ofNullable(receiptUrl);
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * TextLocal's recommended most messages per {@code bulk_json} call.
   *
   * @return {@value TextLocalClient#MAX_MESSAGES_PER_BULK_JSON}
   */
  @Override
  public int maxBatchSize() {
    return TextLocalClient.MAX_MESSAGES_PER_BULK_JSON;
  }

  /**
   * Always false: TextLocal has no idempotency key, so a message whose send outcome is unknown is
   * reported as uncertain by the engine and never re-sent.
   *
   * @return false
   */
  @Override
  public boolean deduplicatesByIdempotencyKey() {
    return false;
  }

  /**
   * Sends a batch with one {@code bulk_json} call per campaign in it (the engine's batches hold one
   * campaign).
   *
   * @param batch one to {@value TextLocalClient#MAX_MESSAGES_PER_BULK_JSON} messages
   * @return one result per message TextLocal's answer mentions (accepted or rejected); a message it
   *     mentions nowhere gets none, so the engine keeps it PENDING (uncertain)
   * @throws TextLocalApiException if TextLocal answered {@code status: failure}; the batch counts
   *     as not sent only when its {@code requestRefused()} is true
   * @throws TextLocalAuthenticationException if the credentials were rejected
   * @throws io.campaignrelay.core.http.ApiConnectionException if no answer, or no readable answer,
   *     came back; {@code outcomeUnknown()} tells whether TextLocal may have sent the messages
   * @throws ConfigurationException if the batch is larger than {@link #maxBatchSize()}
   */
  @Override
  public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
    Objects.requireNonNull(batch, "batch");
    if (batch.size() > maxBatchSize()) {
      throw new ConfigurationException(
          "TextLocal channel batch",
          ConfigurationProblem.of(
              "batch",
              batch.size() + " messages",
              "give at most " + maxBatchSize() + " messages per dispatch (maxBatchSize())"));
    }
    Map<CampaignId, List<OutboundMessage>> byCampaign = new LinkedHashMap<>();
    for (OutboundMessage m : batch) {
      byCampaign.computeIfAbsent(m.campaign().id(), id -> new ArrayList<>()).add(m);
    }
    List<DispatchResult> results = new ArrayList<>(batch.size());
    for (List<OutboundMessage> messages : byCampaign.values()) {
      results.addAll(dispatchCampaign(messages));
    }
    return results;
  }

  /**
   * Looks messages whose send outcome is unknown up in TextLocal's records by the campaign tag and
   * number (history, batch status, receipts; see the class description). A source that cannot be
   * read is skipped and only leaves more messages UNKNOWN.
   *
   * @param messages the messages, rendered as they were sent
   * @return one result per message: SENT, REJECTED, UNKNOWN, or NOT_SENT only with {@link
   *     Builder#inferNotSentFromHistory(boolean)} on
   */
  @Override
  public List<ReconcileResult> reconcile(List<OutboundMessage> messages) {
    Objects.requireNonNull(messages, "messages");
    if (messages.isEmpty()) {
      return List.of();
    }
    return reconciler.reconcile(messages);
  }

  private List<DispatchResult> dispatchCampaign(List<OutboundMessage> messages) {
    List<DispatchResult> results = new ArrayList<>(messages.size());
    List<OutboundMessage> toSend = new ArrayList<>(messages.size());
    boolean unicode = false;
    for (OutboundMessage m : messages) {
      try {
        unicode |= TextLocalClient.checkMessage(m.text()).encoding() == SmsEncoding.UCS_2;
        toSend.add(m);
      } catch (ConfigurationException e) {
        results.add(
            DispatchResult.rejected(m.idempotencyKey(), RejectionReason.OTHER, e.getMessage()));
      }
    }
    if (toSend.isEmpty()) {
      return results;
    }
    Campaign campaign = toSend.get(0).campaign();
    Instant now = client.clock().instant();
    Instant schedule = campaign.sendTime().isAfter(now) ? campaign.sendTime() : null;
    BulkSendOptions options =
        new BulkSendOptions(
            sender,
            schedule,
            TextLocalCampaignFlow.campaignTag(campaign.id()),
            receiptUrl,
            client.testMode());
    List<BulkMessage> bulk = new ArrayList<>(toSend.size());
    for (OutboundMessage m : toSend) {
      bulk.add(new BulkMessage(m.to(), m.text(), m.idempotencyKey().value()));
    }
    // the texts were checked above, one by one: the client makes every other check of sendBulk
    BulkSendResult r = client.sendCheckedBulk(bulk, options, unicode);
    results.addAll(match(toSend, r));
    return results;
  }

  /**
   * Matches TextLocal's answer to the messages: by unique_id first, then by number. A message the
   * answer does not mention gets no result (its outcome is unknown).
   */
  private static List<DispatchResult> match(List<OutboundMessage> sent, BulkSendResult r) {
    Matcher matcher = Matcher.of(sent);
    return matcher == null ? matchByMaps(sent, r) : matcher.match(r);
  }

  /**
   * The matching of {@link #matchByMaps}, on indexes into the batch: a key map, one map from digits
   * to the first message with them, and a chain to the next message with the same digits (no queue
   * per message). A message is claimed once; by number, the first unclaimed message with those
   * digits in batch order is taken, as the queues of {@link #matchByMaps} give. Used when every key
   * of the batch is distinct (the engine's keys are); otherwise {@link #matchByMaps}.
   */
  private static final class Matcher {
    private final List<OutboundMessage> sent;
    private final Map<String, Integer> byKey;
    private final Map<String, Integer> firstByDigits;
    private final int[] nextSameDigits;
    private final boolean[] claimed;

    private Matcher(
        List<OutboundMessage> sent,
        Map<String, Integer> byKey,
        Map<String, Integer> firstByDigits,
        int[] nextSameDigits) {
      this.sent = sent;
      this.byKey = byKey;
      this.firstByDigits = firstByDigits;
      this.nextSameDigits = nextSameDigits;
      this.claimed = new boolean[sent.size()];
    }

    /** The matcher of a batch, or null when two of its messages share a key. */
    static Matcher of(List<OutboundMessage> sent) {
      int n = sent.size();
      Map<String, Integer> byKey = new HashMap<>(n * 2);
      Map<String, Integer> firstByDigits = new HashMap<>(n * 2);
      int[] next = new int[n];
      int[] last = new int[n]; // for each chain head, its last index so far
      for (int i = 0; i < n; i++) {
        OutboundMessage m = sent.get(i);
        Integer index = i;
        if (byKey.putIfAbsent(m.idempotencyKey().value(), index) != null) {
          return null;
        }
        next[i] = -1;
        Integer head = firstByDigits.putIfAbsent(m.to().digits(), index);
        if (head != null) {
          next[last[head]] = i;
          last[head] = i;
        } else {
          last[i] = i;
        }
      }
      return new Matcher(sent, byKey, firstByDigits, next);
    }

    List<DispatchResult> match(BulkSendResult r) {
      List<DispatchResult> out = new ArrayList<>(sent.size());
      for (NotSentMessage ns : r.messagesNotSent()) {
        OutboundMessage m = claim(ns.uniqueId(), ns.number());
        if (m != null) {
          out.add(DispatchResult.rejected(m.idempotencyKey(), reasonOf(ns.error()), detailOf(ns)));
        }
      }
      for (BulkBatch b : r.batches()) {
        if (b.messages().isEmpty()) {
          OutboundMessage m = claim(b.uniqueId(), null);
          if (m != null) {
            out.add(DispatchResult.accepted(m.idempotencyKey(), null, b.batchId()));
          }
          continue;
        }
        String unique = b.messages().size() == 1 ? b.uniqueId() : null;
        for (SentMessage s : b.messages()) {
          OutboundMessage m = claim(unique, s.recipient());
          if (m != null) {
            out.add(DispatchResult.accepted(m.idempotencyKey(), s.id(), b.batchId()));
          }
        }
      }
      // Whatever is unclaimed was mentioned nowhere: no result, the engine keeps it PENDING.
      return out;
    }

    private OutboundMessage claim(String uniqueId, String number) {
      int found = -1;
      if (uniqueId != null) {
        Integer i = byKey.get(uniqueId);
        if (i != null && !claimed[i]) {
          found = i;
        }
      }
      if (found < 0 && number != null) {
        Integer head = firstByDigits.get(digitsOnly(number));
        for (int i = head == null ? -1 : head; i >= 0; i = nextSameDigits[i]) {
          if (!claimed[i]) {
            found = i;
            break;
          }
        }
      }
      if (found < 0) {
        return null;
      }
      claimed[found] = true;
      return sent.get(found);
    }
  }

  /**
   * Matches TextLocal's answer to the messages with maps of the messages themselves; the general
   * form of {@link Matcher}, kept for a batch in which two messages share a key.
   */
  private static List<DispatchResult> matchByMaps(List<OutboundMessage> sent, BulkSendResult r) {
    Map<String, OutboundMessage> byKey = new LinkedHashMap<>();
    Map<String, Deque<OutboundMessage>> byDigits = new HashMap<>();
    for (OutboundMessage m : sent) {
      byKey.put(m.idempotencyKey().value(), m);
      byDigits.computeIfAbsent(m.to().digits(), d -> new ArrayDeque<>()).add(m);
    }
    Map<IdempotencyKey, DispatchResult> out = new LinkedHashMap<>();
    for (NotSentMessage ns : r.messagesNotSent()) {
      OutboundMessage m = claim(byKey, byDigits, ns.uniqueId(), ns.number());
      if (m != null) {
        out.put(
            m.idempotencyKey(),
            DispatchResult.rejected(m.idempotencyKey(), reasonOf(ns.error()), detailOf(ns)));
      }
    }
    for (BulkBatch b : r.batches()) {
      if (b.messages().isEmpty()) {
        OutboundMessage m = claim(byKey, byDigits, b.uniqueId(), null);
        if (m != null) {
          out.put(
              m.idempotencyKey(), DispatchResult.accepted(m.idempotencyKey(), null, b.batchId()));
        }
        continue;
      }
      for (SentMessage s : b.messages()) {
        String unique = b.messages().size() == 1 ? b.uniqueId() : null;
        OutboundMessage m = claim(byKey, byDigits, unique, s.recipient());
        if (m != null) {
          out.put(
              m.idempotencyKey(), DispatchResult.accepted(m.idempotencyKey(), s.id(), b.batchId()));
        }
      }
    }
    // Whatever is left in byKey was mentioned nowhere: no result, the engine keeps it PENDING.
    return new ArrayList<>(out.values());
  }

  private static OutboundMessage claim(
      Map<String, OutboundMessage> byKey,
      Map<String, Deque<OutboundMessage>> byDigits,
      String uniqueId,
      String number) {
    OutboundMessage m = uniqueId == null ? null : byKey.get(uniqueId);
    if (m == null && number != null) {
      Deque<OutboundMessage> q = byDigits.get(digitsOnly(number));
      while (q != null && !q.isEmpty() && m == null) {
        OutboundMessage candidate = q.poll();
        if (byKey.containsKey(candidate.idempotencyKey().value())) {
          m = candidate;
        }
      }
    }
    if (m != null) {
      byKey.remove(m.idempotencyKey().value());
      Deque<OutboundMessage> q = byDigits.get(m.to().digits());
      if (q != null) {
        q.remove(m);
      }
    }
    return m;
  }

  /**
   * The rejection reason of a TextLocal error: invalid number codes (32, 51, and 3 "Invalid
   * number." as TextLocal uses it for single numbers) give {@code INVALID_PHONE_FORMAT}; a message
   * naming an opt-out gives {@code OPTED_OUT} (INFERRED); anything else {@code OTHER}.
   *
   * @param error TextLocal's error, or null
   * @return the reason
   */
  static RejectionReason reasonOf(TextLocalNotice error) {
    if (error == null) {
      return RejectionReason.OTHER;
    }
    TextLocalErrorCode code = TextLocalErrorCode.of(error.code());
    String message = error.message() == null ? "" : error.message().toLowerCase(Locale.ROOT);
    if (code.equals(TextLocalErrorCode.INVALID_NUMBER_FORMAT)
        || code.equals(TextLocalErrorCode.NO_VALID_NUMBERS)
        || message.contains("invalid number")) {
      return RejectionReason.INVALID_PHONE_FORMAT;
    }
    if (message.contains("opt-out")
        || message.contains("opted out")
        || message.contains("optout")
        || message.contains("opt out")) {
      return RejectionReason.OPTED_OUT;
    }
    return RejectionReason.OTHER;
  }

  private static String detailOf(NotSentMessage ns) {
    TextLocalNotice e = ns.error();
    return e == null
        ? "TextLocal did not send the message (no error given)"
        : "TextLocal error " + e.code() + ": " + (e.message() == null ? "" : e.message());
  }

  private static String digitsOnly(String number) {
    for (int i = 0; i < number.length(); i++) {
      char ch = number.charAt(i);
      if (ch < '0' || ch > '9') {
        return TextLocalReconciler.digitsOnly(number);
      }
    }
    return number; // digits only already (TextLocal's recipients are)
  }

  /** Shows the client and sender; never a credential. */
  @Override
  public String toString() {
    return "TextLocalMessageChannel{client="
        + client
        + ", sender="
        + (sender == null ? "(account default)" : sender)
        + '}';
  }

  /** Builds a {@link TextLocalMessageChannel}. Not thread-safe. */
  public static final class Builder {
    private TextLocalClient client;
    private String sender;
    private String receiptUrl;
    private Function<CampaignId, ? extends Collection<String>> knownBatchIds;
    private ReceiptSource receiptSource;
    private Duration reconcileLookback;
    private Integer reconcileMaxHistoryPages;
    private boolean inferNotSentFromHistory;
    private Integer maxConcurrentBatches;

    private Builder() {}

    /**
     * Sets where {@link #reconcile(List)} finds a campaign's batch ids to read with {@code
     * status_batch} (default: none). {@link TextLocalCampaignFlow} passes its {@link
     * CampaignLedger}'s.
     *
     * @param knownBatchIds campaign to its batch ids; may return an empty collection
     * @return this builder
     */
    public Builder knownBatchIds(Function<CampaignId, ? extends Collection<String>> knownBatchIds) {
      this.knownBatchIds = knownBatchIds;
      return this;
    }

    /**
     * Sets where {@link #reconcile(List)} finds the delivery receipts received for a campaign tag
     * (default: none).
     *
     * @param receiptSource the source, or null
     * @return this builder
     */
    public Builder receiptSource(ReceiptSource receiptSource) {
      this.receiptSource = receiptSource;
      return this;
    }

    /**
     * Sets how far before the campaign's send time {@link #reconcile(List)} reads TextLocal's
     * history (default {@link #DEFAULT_RECONCILE_LOOKBACK}); sends of a scheduled campaign were
     * made before its send time.
     *
     * @param lookback a positive duration
     * @return this builder
     */
    public Builder reconcileLookback(Duration lookback) {
      this.reconcileLookback = lookback;
      return this;
    }

    /**
     * Sets the most {@code get_history_api} pages of {@value HistoryQuery#MAX_PAGE_SIZE} one
     * campaign's reconciliation reads (default {@link #DEFAULT_RECONCILE_MAX_HISTORY_PAGES}); a
     * longer history counts as not read completely.
     *
     * @param pages one or more
     * @return this builder
     */
    public Builder reconcileMaxHistoryPages(int pages) {
      this.reconcileMaxHistoryPages = pages;
      return this;
    }

    /**
     * Lets {@link #reconcile(List)} answer NOT_SENT (so that the engine sends the message once) for
     * a message absent from a completely read history. <b>INFERRED, off by default:</b> TextLocal
     * does not document its history as complete or immediate, nor that it returns the {@code
     * custom} value of each message; turn this on only after checking on your account that a fresh
     * send appears in {@code get_history_api} with its tag. Even when on, NOT_SENT needs the whole
     * window read, every known batch read, the send time passed, and no untagged or
     * differently-worded entry for the number.
     *
     * @param infer true to allow NOT_SENT
     * @return this builder
     */
    public Builder inferNotSentFromHistory(boolean infer) {
      this.inferNotSentFromHistory = infer;
      return this;
    }

    /**
     * Sets how many {@code bulk_json} calls the engine may have in flight at once on this channel
     * (default {@value TextLocalMessageChannel#DEFAULT_MAX_CONCURRENT_BATCHES}). TextLocal
     * documents no rate or concurrency limit (UNKNOWN in the spec): the default was chosen from the
     * end-to-end benchmark at 20-100 ms of latency, where it comes close to the latency bound, and
     * stays small. A 429 from TextLocal is retried after its Retry-After, and the client's shared
     * {@link io.campaignrelay.core.http.RateLimiter} (through its ClientOptions) holds every call
     * in flight, so a limit the account meets slows them all. Concurrency never changes what is
     * sent: each batch is journaled PENDING before it leaves.
     *
     * @param maxConcurrentBatches 1 to {@value TextLocalMessageChannel#MAX_CONCURRENT_BATCHES}
     * @return this builder
     */
    public Builder maxConcurrentBatches(int maxConcurrentBatches) {
      this.maxConcurrentBatches = maxConcurrentBatches;
      return this;
    }

    /**
     * Sets the client (required). Its {@code testMode} makes every send a TextLocal test send.
     *
     * @param client the client
     * @return this builder
     */
    public Builder client(TextLocalClient client) {
      this.client = client;
      return this;
    }

    /**
     * Sets the sender name (default: the account's default sender).
     *
     * @param sender at most 11 letters and digits, or up to 13 digits; or null
     * @return this builder
     */
    public Builder sender(String sender) {
      this.sender = sender;
      return this;
    }

    /**
     * Sets the delivery-receipt URL of every send (default: the account-wide URL).
     *
     * @param receiptUrl the URL, or null
     * @return this builder
     */
    public Builder receiptUrl(String receiptUrl) {
      this.receiptUrl = receiptUrl;
      return this;
    }

    /**
     * Builds the channel. Makes no network call.
     *
     * @return the channel
     * @throws ConfigurationException listing every missing or invalid setting
     */
    public TextLocalMessageChannel build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (client == null) {
        problems.add(
            ConfigurationProblem.of(
                "client", null, "set the TextLocalClient with client(...) on the builder"));
      }
      TextLocalClient.checkSender(sender, problems);
      if (reconcileLookback != null
          && (reconcileLookback.isNegative() || reconcileLookback.isZero())) {
        problems.add(
            ConfigurationProblem.of(
                "reconcileLookback", reconcileLookback, "give a positive duration, e.g. 3 days"));
      }
      if (reconcileMaxHistoryPages != null && reconcileMaxHistoryPages < 1) {
        problems.add(
            ConfigurationProblem.of(
                "reconcileMaxHistoryPages", reconcileMaxHistoryPages, "give at least 1 page"));
      }
      if (maxConcurrentBatches != null
          && (maxConcurrentBatches < 1 || maxConcurrentBatches > MAX_CONCURRENT_BATCHES)) {
        problems.add(
            ConfigurationProblem.of(
                "maxConcurrentBatches",
                maxConcurrentBatches,
                "use 1 (one call at a time) to " + MAX_CONCURRENT_BATCHES));
      }
      if (receiptUrl != null && receiptUrl.isBlank()) {
        problems.add(
            ConfigurationProblem.of(
                "receiptUrl", receiptUrl, "give an absolute URL, or null for the account's"));
      }
      ConfigurationException.throwIfAny("TextLocal message channel", problems);
      return new TextLocalMessageChannel(this);
    }
  }
}
