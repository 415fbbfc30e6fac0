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
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.textlocal.models.BulkBatch;
import io.campaignrelay.textlocal.models.BulkMessage;
import io.campaignrelay.textlocal.models.BulkSendOptions;
import io.campaignrelay.textlocal.models.BulkSendResult;
import io.campaignrelay.textlocal.models.NotSentMessage;
import io.campaignrelay.textlocal.models.SentMessage;
import io.campaignrelay.textlocal.models.TextLocalErrorCode;
import io.campaignrelay.textlocal.models.TextLocalNotice;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
 * documented), {@code OTHER} otherwise. Every other message of a successful call is {@linkplain
 * DispatchResult#accepted accepted} with its batch id and, when TextLocal lists it, its message id.
 * A message too long for TextLocal (over {@value TextLocalClient#MAX_GSM_CHARACTERS} GSM characters
 * or {@value TextLocalClient#MAX_PARTS} parts) is rejected here without being sent, so it cannot
 * fail the rest of its batch. A {@code status: failure} answer (credits, login, send window) fails
 * the whole batch with the client's exception.
 *
 * <p><b>No idempotency key.</b> TextLocal has no way to drop a repeated send, so {@link
 * #deduplicatesByIdempotencyKey()} is false and a {@code bulk_json} call that reached TextLocal is
 * never re-sent by the HTTP layer. After a crash, or a call whose outcome is unknown, the engine
 * reports the batch's recipients as <em>uncertain</em> (see {@code ExecutionReport.uncertain()} and
 * {@code ExecutionListener.onUncertain}) and never sends them again: reconcile them with
 * TextLocal's history ({@code get_history_api}, filtered by the campaign tag) before sending by
 * hand.
 *
 * <p>SMS only: nothing here sends MMS. The engine calls a channel only in {@link
 * ExecutionMode#LIVE}; to have TextLocal validate and price LIVE sends without delivering them,
 * build the client with {@code testMode(true)}. Immutable and thread-safe; holds one batch at a
 * time.
 */
public final class TextLocalMessageChannel implements MessageChannel {

  /** The channel's name in reports. */
  public static final String NAME = "textlocal";

  private final TextLocalClient client;
  private final String sender;
  private final String receiptUrl;

  private TextLocalMessageChannel(Builder b) {
    this.client = b.client;
    this.sender = b.sender;
    this.receiptUrl = b.receiptUrl;
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
    return new Builder().client(client).sender(sender).receiptUrl(receiptUrl);
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
   * @return one result per message
   * @throws TextLocalApiException if TextLocal refused the whole call ({@code status: failure})
   * @throws TextLocalAuthenticationException if the credentials were rejected
   * @throws io.campaignrelay.core.http.ApiConnectionException if no answer came back; {@code
   *     outcomeUnknown()} tells whether TextLocal may have sent the messages
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

  private List<DispatchResult> dispatchCampaign(List<OutboundMessage> messages) {
    List<DispatchResult> results = new ArrayList<>(messages.size());
    List<OutboundMessage> toSend = new ArrayList<>(messages.size());
    for (OutboundMessage m : messages) {
      try {
        TextLocalClient.checkMessage(m.text());
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
    BulkSendResult r = client.sendBulk(bulk, options);
    results.addAll(match(toSend, r));
    return results;
  }

  /** Matches TextLocal's answer to the messages: by unique_id first, then by number. */
  private static List<DispatchResult> match(List<OutboundMessage> sent, BulkSendResult r) {
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
    Set<String> batchIds = new LinkedHashSet<>(r.batchIds());
    String onlyBatch = batchIds.size() == 1 ? batchIds.iterator().next() : null;
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
    // TextLocal answered success and did not list these as not sent: they were accepted.
    for (OutboundMessage m : byKey.values()) {
      out.put(m.idempotencyKey(), DispatchResult.accepted(m.idempotencyKey(), null, onlyBatch));
    }
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
    StringBuilder sb = new StringBuilder(number.length());
    for (int i = 0; i < number.length(); i++) {
      char ch = number.charAt(i);
      if (ch >= '0' && ch <= '9') {
        sb.append(ch);
      }
    }
    return sb.toString();
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

    private Builder() {}

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
