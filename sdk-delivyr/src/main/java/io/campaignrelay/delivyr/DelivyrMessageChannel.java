package io.campaignrelay.delivyr;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.IdempotencyKey;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.execution.ReconcileResult;
import io.campaignrelay.core.http.ApiErrorDetails;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.delivyr.implementation.BatchBody;
import io.campaignrelay.delivyr.implementation.TextSet;
import io.campaignrelay.delivyr.models.BatchItemResult;
import io.campaignrelay.delivyr.models.BatchResult;
import io.campaignrelay.delivyr.models.CampaignReference;
import io.campaignrelay.delivyr.models.MessageListOptions;
import io.campaignrelay.delivyr.models.MessageLogEntry;
import io.campaignrelay.delivyr.models.MessageStatus;
import io.campaignrelay.delivyr.models.Rejection;
import io.campaignrelay.delivyr.models.SendMessageRequest;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;

/**
 * The Delivyr transport for Campaign Relay's engine ({@link MessageChannel}): each batch of up to
 * 1,000 rendered messages goes out in one {@code POST messages/batch} call.
 *
 * <ul>
 *   <li>{@link ExecutionMode#LIVE}: messages are really sent ({@code testMode: false}).
 *   <li>{@link ExecutionMode#TEST} (the default): messages are sent with {@code testMode: true}, so
 *       Delivyr puts them in its Message Log with status {@code logged} and they never reach a
 *       phone. Delivyr's own integration testing mode, when on, has the same effect whatever this
 *       channel's mode.
 * </ul>
 *
 * <p><b>Send once.</b> Each message's engine {@link IdempotencyKey} (derived from campaign and
 * customer) is sent as the message's own {@code idempotencyKey} and as its {@code clientReference}.
 * Delivyr dedupes per message for 24 h whatever batch a message arrives in, so a resumed campaign
 * may regroup messages (a torn journal tail, the targets in another order, new customers mixed in)
 * without texting anyone twice; {@link #deduplicatesByIdempotencyKey()} is true. The batch's {@code
 * Idempotency-Key} header (derived from its members' keys, in order) is an optimisation: a repeat
 * of the exact batch is answered whole.
 *
 * <p><b>Outcomes.</b> Recipients Delivyr rejects (opted out, phone in an incorrect format, cannot
 * receive SMS) come back as {@link DispatchResult#rejected rejected} with that reason, which the
 * metrics mapping reports as Dropped. A message Delivyr's answer does not list (or lists twice with
 * different verdicts, or without a status) is left out of the results: its outcome is unknown and
 * the engine keeps it pending until {@link #reconcile(List) reconciled}; an answer that lists none
 * of the batch raises an {@link ApiServiceException} whose {@link
 * ApiServiceException#requestRefused() requestRefused()} is false. So does a 409 (a batch key still
 * being processed), a 5xx or an unreadable answer: only Delivyr's documented refusals of the whole
 * request (a 400 with Delivyr's error body, 401, 403, 429) mean nothing was sent.
 *
 * <p><b>Reconciliation.</b> {@link #reconcile(List)} looks each message up in Delivyr's Message Log
 * with {@code GET messages?campaignId=<Optimove CampaignID>&idempotencyKey=<key>}.
 *
 * <p>The Optimove TemplateID sent with each message is the message's template id when it is
 * numeric, or the {@link TemplateIdMapping} of a Delivyr template id.
 *
 * <p><b>Concurrency.</b> The engine may have up to {@link #maxConcurrentBatches()} batches in
 * flight on this channel (default {@value #DEFAULT_MAX_CONCURRENT_BATCHES}; {@link
 * Builder#maxConcurrentBatches(int)}). Immutable and thread-safe: each call holds its own batch.
 */
public final class DelivyrMessageChannel implements MessageChannel {
  private static final java.util.regex.Pattern NUMERIC_ID =
      java.util.regex.Pattern.compile("[0-9]{1,18}");

  /**
   * Default {@link Builder#maxConcurrentBatches(int)}: {@code messages/batch} calls one engine run
   * may have in flight at once.
   */
  public static final int DEFAULT_MAX_CONCURRENT_BATCHES = 4;

  /** Largest {@link Builder#maxConcurrentBatches(int)} accepted. */
  public static final int MAX_CONCURRENT_BATCHES = 32;

  private final DelivyrClient client;
  private final ExecutionMode mode;
  private final int maxConcurrentBatches;

  private DelivyrMessageChannel(Builder b) {
    this.client = b.client;
    this.mode = b.mode;
    this.maxConcurrentBatches = b.maxConcurrentBatches;
  }

  /**
   * A channel in {@link ExecutionMode#TEST}: nothing reaches a phone.
   *
   * @param client the Delivyr client
   * @return the channel
   * @throws ConfigurationException if the client is null
   */
  public static DelivyrMessageChannel create(DelivyrClient client) {
    return builder().client(client).build();
  }

  /**
   * A channel in the given mode.
   *
   * @param client the Delivyr client
   * @param mode {@link ExecutionMode#LIVE} to really send
   * @return the channel
   * @throws ConfigurationException if the client or the mode is null
   */
  public static DelivyrMessageChannel create(DelivyrClient client, ExecutionMode mode) {
    return builder().client(client).mode(mode).build();
  }

  /**
   * A new builder: mode {@link ExecutionMode#TEST}, {@value #DEFAULT_MAX_CONCURRENT_BATCHES}
   * batches in flight at most.
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
    return new Builder().client(client).mode(mode).maxConcurrentBatches(maxConcurrentBatches);
  }

  @Override
  public int maxConcurrentBatches() {
    return maxConcurrentBatches;
  }

  /**
   * The mode messages are sent in.
   *
   * @return LIVE or TEST
   */
  public ExecutionMode mode() {
    return mode;
  }

  @Override
  public String name() {
    return DelivyrClient.VENDOR;
  }

  @Override
  public int maxBatchSize() {
    return DelivyrClient.MAX_BATCH_SIZE;
  }

  @Override
  public boolean deduplicatesByIdempotencyKey() {
    return true;
  }

  @Override
  public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
    Objects.requireNonNull(batch, "batch");
    if (batch.isEmpty()) {
      return List.of();
    }
    if (!(batch instanceof RandomAccess)) {
      batch = new ArrayList<>(batch); // read by index below
    }
    // The engine's messages are valid requests already (an E.164 number, a text, a customer id
    // and a printable key of at most 255 characters): the body is written straight from them, as
    // toRequest would give them, without a request built and checked per message. What sendBatch
    // checks of the batch as a whole is checked here.
    checkBatch(batch);
    EngineBatch messages = new EngineBatch(batch, !mode.isLive());
    BatchResult result = client.sendChecked(messages, messages.keys());
    List<BatchItemResult> results = result.results();
    // Delivyr lists the results in the batch's order: then result i is message i's, and (the keys
    // of a batch being distinct, or sendBatch would have refused it) no reference is listed twice
    // or left out. Any other answer is matched by reference, as below.
    boolean inOrder = listedInOrder(batch, results);
    Map<String, BatchItemResult> byReference = null;
    Set<String> contradictory = null;
    if (!inOrder) {
      byReference = new HashMap<>(results.size() * 2);
      contradictory = new HashSet<>();
      for (BatchItemResult r : results) {
        if (r == null || r.clientReference() == null) {
          continue;
        }
        BatchItemResult earlier = byReference.putIfAbsent(r.clientReference(), r);
        if (earlier != null && !sameVerdict(earlier, r)) {
          contradictory.add(r.clientReference());
        }
      }
    }
    List<DispatchResult> out = new ArrayList<>(batch.size());
    String firstUnknown = null;
    for (int i = 0; i < batch.size(); i++) {
      IdempotencyKey key = batch.get(i).idempotencyKey();
      BatchItemResult r;
      if (inOrder) {
        r = results.get(i);
      } else {
        r = contradictory.contains(key.value()) ? null : byReference.get(key.value());
      }
      DispatchResult d = r == null ? null : toDispatchResult(key, r);
      if (d == null) {
        // Not listed (or not readably): the message may have been sent. Leaving it out of the
        // results keeps it pending in the engine, to be reconciled, never taken as not sent.
        firstUnknown = firstUnknown == null ? key.value() : firstUnknown;
        continue;
      }
      out.add(d);
    }
    if (out.isEmpty()) {
      throw new ApiServiceException(
          ApiErrorDetails.builder()
              .vendor(DelivyrClient.VENDOR)
              .operation("POST messages/batch")
              .statusCode(200)
              .vendorCode("incomplete_batch_result")
              .vendorMessage(
                  "Delivyr's answer gave a result for none of the "
                      + batch.size()
                      + " messages (first: "
                      + firstUnknown
                      + "): their outcome is unknown, they may have been sent. Reconcile them"
                      + " with Delivyr's Message Log before anything else; sending them again"
                      + " with the same idempotency keys cannot text anyone twice")
              .build(),
          false);
    }
    return out;
  }

  /**
   * Looks each message up in Delivyr's Message Log: {@code GET messages?campaignId=<Optimove
   * CampaignID>&idempotencyKey=<key>}, every page.
   *
   * <ul>
   *   <li>An entry with this key that is neither rejected nor {@code logged}: {@link
   *       ReconcileResult.Status#SENT SENT} with Delivyr's message id.
   *   <li>An entry that is {@code rejected}: {@link ReconcileResult.Status#REJECTED REJECTED} with
   *       the mapped reason ({@link RejectionReason#OTHER} when the entry gives none).
   *   <li>Only a {@code logged} entry: in {@link ExecutionMode#LIVE} Delivyr's Optimove integration
   *       was in testing mode, so the message reached no phone: {@link
   *       ReconcileResult.Status#UNKNOWN UNKNOWN} with that explanation; in TEST mode, SENT.
   *   <li>No entry with this key, the lookup having answered: {@link
   *       ReconcileResult.Status#NOT_SENT NOT_SENT}. This relies on the modelled contract ({@code
   *       delivyr-api.md}): the Message Log holds every message Delivyr accepted. Should it lag, a
   *       re-send is still harmless: Delivyr dedupes the message on its key. Entries that carry no
   *       idempotency key make the verdict UNKNOWN (Delivyr may have ignored the filter), as does a
   *       lookup that reads more than 1,000 entries without the key.
   *   <li>The lookup failing (connection, error status, unreadable page): UNKNOWN, for this message
   *       and, without further calls, for the rest of the list.
   * </ul>
   *
   * @param messages the messages whose outcome is unknown, rendered again with the same keys
   * @return one result per message, in the order given
   */
  @Override
  public List<ReconcileResult> reconcile(List<OutboundMessage> messages) {
    Objects.requireNonNull(messages, "messages");
    List<ReconcileResult> out = new ArrayList<>(messages.size());
    String failure = null;
    for (OutboundMessage m : messages) {
      IdempotencyKey key = m.idempotencyKey();
      if (failure != null) {
        out.add(
            ReconcileResult.unknown(
                key,
                "not looked up: an earlier Delivyr Message Log lookup failed (" + failure + ")"));
        continue;
      }
      try {
        out.add(lookUp(m));
      } catch (RuntimeException e) {
        failure = String.valueOf(e.getMessage());
        out.add(
            ReconcileResult.unknown(
                key,
                "Delivyr's Message Log could not be read, so the outcome is unknown: " + failure));
      }
    }
    return out;
  }

  /**
   * Most Message Log entries one lookup reads before it gives up (a server ignoring the filter).
   */
  static final int MAX_LOOKUP_ENTRIES = 1000;

  private ReconcileResult lookUp(OutboundMessage m) {
    IdempotencyKey key = m.idempotencyKey();
    String campaignId = m.campaign().id().value();
    MessageLogEntry sent = null;
    MessageLogEntry rejected = null;
    MessageLogEntry logged = null;
    MessageLogEntry unreadable = null;
    int unattributed = 0;
    int read = 0;
    for (MessageLogEntry e :
        client.listMessages(MessageListOptions.forMessage(campaignId, key.value()))) {
      if (++read > MAX_LOOKUP_ENTRIES) {
        return ReconcileResult.unknown(
            key,
            "Delivyr's Message Log answered more than "
                + MAX_LOOKUP_ENTRIES
                + " entries to a lookup by idempotency key without this key: it seems to ignore"
                + " the filter, so the outcome is unknown");
      }
      if (e == null) {
        continue;
      }
      if (e.idempotencyKey() == null) {
        unattributed++;
        continue;
      }
      if (!e.idempotencyKey().equals(key.value())) {
        continue;
      }
      if (e.status() == null) {
        unreadable = unreadable == null ? e : unreadable;
      } else if (MessageStatus.REJECTED.equals(e.status()) || e.rejection() != null) {
        rejected = rejected == null ? e : rejected;
      } else if (MessageStatus.LOGGED.equals(e.status())) {
        logged = logged == null ? e : logged;
      } else {
        sent = sent == null ? e : sent;
      }
    }
    if (sent != null) {
      return ReconcileResult.sent(key, sent.id());
    }
    if (rejected != null) {
      Rejection rejection = rejected.rejection();
      String raw =
          rejection == null || rejection.reason() == null ? null : rejection.reason().value();
      String detail = rejection == null ? null : rejection.detail();
      return ReconcileResult.rejected(
          key,
          RejectionReason.fromString(raw),
          "Delivyr's Message Log shows it rejected"
              + (raw == null ? "" : ": " + raw)
              + (detail == null ? "" : " (" + detail + ")"));
    }
    if (logged != null) {
      if (!mode.isLive()) {
        return ReconcileResult.sent(key, logged.id());
      }
      return ReconcileResult.unknown(
          key,
          "Delivyr only logged message "
              + logged.id()
              + " (status logged): its Optimove integration was in testing mode, so it reached no"
              + " phone. Turn testing mode off in Delivyr (Settings -> Integrations) before"
              + " sending it again");
    }
    if (unreadable != null) {
      return ReconcileResult.unknown(
          key, "Delivyr's Message Log has message " + unreadable.id() + " without a status");
    }
    if (unattributed > 0) {
      return ReconcileResult.unknown(
          key,
          "Delivyr's Message Log answered "
              + unattributed
              + " entries without their idempotency key, so it cannot tell whether this message"
              + " is among them");
    }
    return ReconcileResult.notSent(
        key,
        "Delivyr's Message Log has no message of campaign "
            + campaignId
            + " with this idempotency key");
  }

  /** Whether the answer lists exactly the batch's messages, one result each, in its order. */
  private static boolean listedInOrder(List<OutboundMessage> batch, List<BatchItemResult> results) {
    if (results.size() != batch.size()) {
      return false;
    }
    for (int i = 0; i < results.size(); i++) {
      BatchItemResult r = results.get(i);
      if (r == null || !batch.get(i).idempotencyKey().value().equals(r.clientReference())) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameVerdict(BatchItemResult a, BatchItemResult b) {
    return a.isRejected() == b.isRejected() && Objects.equals(a.id(), b.id());
  }

  /**
   * The Delivyr request for an engine message.
   *
   * @param m the rendered message
   * @param mode LIVE sends; TEST only logs
   * @return the request, with the message's idempotency key as key and client reference
   */
  public static SendMessageRequest toRequest(OutboundMessage m, ExecutionMode mode) {
    return SendMessageRequest.builder()
        .to(m.to())
        .customerId(m.customerId().value())
        .body(m.text())
        .campaign(campaignReference(m))
        .testMode(!mode.isLive())
        .idempotencyKey(m.idempotencyKey().value())
        .clientReference(m.idempotencyKey().value())
        .build();
  }

  /**
   * What {@link DelivyrClient#sendBatch} checks of a batch as a whole, with its problems: at most
   * {@value DelivyrClient#MAX_BATCH_SIZE} messages, no idempotency key twice (the key is also the
   * client reference).
   */
  static void checkBatch(List<OutboundMessage> batch) {
    List<ConfigurationProblem> problems = new ArrayList<>(0);
    if (batch.size() > DelivyrClient.MAX_BATCH_SIZE) {
      problems.add(DelivyrClient.batchSizeProblem(batch.size()));
    }
    TextSet keys = TextSet.withExpected(batch.size());
    for (OutboundMessage m : batch) {
      String key = m.idempotencyKey().value();
      if (!keys.add(key)) {
        problems.add(DelivyrClient.repeatedKeyProblem(key));
      }
    }
    ConfigurationException.throwIfAny("Delivyr batch", problems);
  }

  /**
   * An engine batch as the body reads it: each message as {@link #toRequest(OutboundMessage,
   * ExecutionMode)} makes it (its key as key and client reference, no template id, no variables),
   * the campaign reference made once per run of messages that share it.
   */
  private static final class EngineBatch implements BatchBody.Messages {
    private final List<OutboundMessage> batch;
    private final boolean testMode;
    private final CampaignReference[] references;

    EngineBatch(List<OutboundMessage> batch, boolean testMode) {
      this.batch = batch;
      this.testMode = testMode;
      this.references = new CampaignReference[batch.size()];
      CampaignReference reference = null;
      OutboundMessage referenceSource = null;
      for (int i = 0; i < references.length; i++) {
        OutboundMessage m = batch.get(i);
        // an engine batch is one campaign and (almost always) one template
        if (referenceSource == null || !sameReference(referenceSource, m)) {
          reference = campaignReference(m);
          referenceSource = m;
        }
        references[i] = reference;
      }
    }

    /** The messages' keys, in order, as a view. */
    List<String> keys() {
      return new KeyTexts(batch);
    }

    @Override
    public int size() {
      return batch.size();
    }

    @Override
    public String to(int i) {
      return batch.get(i).to().e164();
    }

    @Override
    public String customerId(int i) {
      return batch.get(i).customerId().value();
    }

    @Override
    public String templateId(int i) {
      return null;
    }

    @Override
    public String body(int i) {
      return batch.get(i).text();
    }

    @Override
    public Map<String, String> variables(int i) {
      return Map.of();
    }

    @Override
    public CampaignReference campaign(int i) {
      return references[i];
    }

    @Override
    public boolean testMode(int i) {
      return testMode;
    }

    @Override
    public String clientReference(int i) {
      return batch.get(i).idempotencyKey().value();
    }

    @Override
    public String idempotencyKey(int i) {
      return batch.get(i).idempotencyKey().value();
    }
  }

  /** The key texts of a batch's messages, as a list view. */
  private static final class KeyTexts extends AbstractList<String> implements RandomAccess {
    private final List<OutboundMessage> batch;

    KeyTexts(List<OutboundMessage> batch) {
      this.batch = batch;
    }

    @Override
    public String get(int i) {
      return batch.get(i).idempotencyKey().value();
    }

    @Override
    public int size() {
      return batch.size();
    }
  }

  private static CampaignReference campaignReference(OutboundMessage m) {
    return new CampaignReference(
        m.campaign().id().value(),
        m.campaign().channel().value(),
        optimoveTemplateId(m.templateId()));
  }

  /** Whether {@link #campaignReference} gives the same reference for both messages. */
  private static boolean sameReference(OutboundMessage a, OutboundMessage b) {
    return a.templateId().equals(b.templateId())
        && (a.campaign() == b.campaign()
            || (a.campaign().channel().value() == b.campaign().channel().value()
                && a.campaign().id().value().equals(b.campaign().id().value())));
  }

  /**
   * The Optimove TemplateID of a template id: the number itself when numeric, else the mapping of a
   * Delivyr template id.
   *
   * @param templateId a numeric Optimove TemplateID or an eight-character Delivyr id
   * @return the numeric TemplateID
   * @throws ConfigurationException if it is neither
   */
  public static long optimoveTemplateId(TemplateId templateId) {
    String v = templateId.value();
    if (TemplateIdMapping.isValidDelivyrId(v)) {
      return TemplateIdMapping.toOptimoveTemplateId(v);
    }
    if (NUMERIC_ID.matcher(v).matches() && Long.parseLong(v) > 0) {
      return Long.parseLong(v);
    }
    throw new ConfigurationException(
        "Delivyr message",
        ConfigurationProblem.of(
            "templateId",
            v,
            "give the Optimove TemplateID (a positive number) or the Delivyr template id (eight"
                + " upper-case letters and digits)"));
  }

  /** The engine's result of a listed message, or null when its outcome cannot be read. */
  private static DispatchResult toDispatchResult(IdempotencyKey key, BatchItemResult r) {
    if (!r.isRejected() && r.status() == null) {
      return null; // no status and no rejection: listed, but it does not say what happened
    }
    if (r.isRejected()) {
      Rejection rejection = r.rejection();
      String raw =
          rejection == null || rejection.reason() == null ? null : rejection.reason().value();
      String detail = rejection == null ? null : rejection.detail();
      return DispatchResult.rejected(
          key,
          RejectionReason.fromString(raw),
          raw == null ? detail : detail == null ? raw : raw + ": " + detail);
    }
    return DispatchResult.accepted(key, r.id());
  }

  /**
   * Whether a Delivyr status means the message was only logged (testing mode).
   *
   * @param status the status
   * @return true for {@link MessageStatus#LOGGED}
   */
  public static boolean isLoggedOnly(MessageStatus status) {
    return MessageStatus.LOGGED.equals(status);
  }

  @Override
  public String toString() {
    return "DelivyrMessageChannel{mode=" + mode + ", client=" + client + '}';
  }

  /** Builds a {@link DelivyrMessageChannel}. Not thread-safe. */
  public static final class Builder {
    private DelivyrClient client;
    private ExecutionMode mode = ExecutionMode.defaultMode();
    private int maxConcurrentBatches = DEFAULT_MAX_CONCURRENT_BATCHES;

    private Builder() {}

    /**
     * Sets the Delivyr client (required).
     *
     * @param client the client
     * @return this builder
     */
    public Builder client(DelivyrClient client) {
      this.client = client;
      return this;
    }

    /**
     * Sets the mode messages are sent in (default {@link ExecutionMode#TEST}: {@code testMode:
     * true}, nothing reaches a phone).
     *
     * @param mode {@link ExecutionMode#LIVE} to really send
     * @return this builder
     */
    public Builder mode(ExecutionMode mode) {
      this.mode = mode;
      return this;
    }

    /**
     * Sets how many {@code messages/batch} calls the engine may have in flight at once (default
     * {@value DelivyrMessageChannel#DEFAULT_MAX_CONCURRENT_BATCHES}). Delivyr documents a 429 with
     * {@code Retry-After} but no rate or concurrency figure: the default was chosen from the
     * end-to-end benchmark at 20-100 ms of latency, where it comes close to the latency bound. A
     * 429 holds every call in flight through the client's shared rate limiter. Concurrency never
     * changes what is sent: each batch is journaled PENDING before it leaves, and Delivyr dedupes
     * every message by its key.
     *
     * @param maxConcurrentBatches 1 to {@value DelivyrMessageChannel#MAX_CONCURRENT_BATCHES}
     * @return this builder
     */
    public Builder maxConcurrentBatches(int maxConcurrentBatches) {
      this.maxConcurrentBatches = maxConcurrentBatches;
      return this;
    }

    /**
     * Builds the channel. Makes no network call.
     *
     * @return the channel
     * @throws ConfigurationException listing every missing or invalid setting
     */
    public DelivyrMessageChannel build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (client == null) {
        problems.add(
            ConfigurationProblem.of(
                "client", null, "set the DelivyrClient with client(...) on the builder"));
      }
      if (mode == null) {
        problems.add(
            ConfigurationProblem.of("mode", null, "choose TEST or LIVE (LIVE really sends)"));
      }
      if (maxConcurrentBatches < 1 || maxConcurrentBatches > MAX_CONCURRENT_BATCHES) {
        problems.add(
            ConfigurationProblem.of(
                "maxConcurrentBatches",
                maxConcurrentBatches,
                "use 1 (one call at a time) to " + MAX_CONCURRENT_BATCHES));
      }
      ConfigurationException.throwIfAny("Delivyr message channel", problems);
      return new DelivyrMessageChannel(this);
    }
  }
}
