package io.campaignrelay.delivyr;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.IdempotencyKey;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.http.ApiErrorDetails;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.delivyr.models.BatchItemResult;
import io.campaignrelay.delivyr.models.BatchResult;
import io.campaignrelay.delivyr.models.CampaignReference;
import io.campaignrelay.delivyr.models.MessageStatus;
import io.campaignrelay.delivyr.models.Rejection;
import io.campaignrelay.delivyr.models.SendMessageRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * <p>Each message's {@link IdempotencyKey} (derived from campaign + customer) is its Delivyr {@code
 * clientReference} and its per-message idempotency key; the batch's {@code Idempotency-Key} is
 * derived from them, so a retried or resumed batch is never delivered twice ({@link
 * #deduplicatesByIdempotencyKey()} is true). Recipients Delivyr rejects (opted out, phone in an
 * incorrect format, cannot receive SMS) come back as {@link DispatchResult#rejected rejected} with
 * that reason, which the metrics mapping reports as Dropped.
 *
 * <p>The Optimove TemplateID sent with each message is the message's template id when it is
 * numeric, or the {@link TemplateIdMapping} of a Delivyr template id. Thread-safe; holds one batch
 * at a time.
 */
public final class DelivyrMessageChannel implements MessageChannel {
  private static final java.util.regex.Pattern NUMERIC_ID =
      java.util.regex.Pattern.compile("[0-9]{1,18}");

  private final DelivyrClient client;
  private final ExecutionMode mode;

  private DelivyrMessageChannel(DelivyrClient client, ExecutionMode mode) {
    this.client = Objects.requireNonNull(client, "client");
    this.mode = Objects.requireNonNull(mode, "mode");
  }

  /**
   * A channel in {@link ExecutionMode#TEST}: nothing reaches a phone.
   *
   * @param client the Delivyr client
   * @return the channel
   */
  public static DelivyrMessageChannel create(DelivyrClient client) {
    return new DelivyrMessageChannel(client, ExecutionMode.defaultMode());
  }

  /**
   * A channel in the given mode.
   *
   * @param client the Delivyr client
   * @param mode {@link ExecutionMode#LIVE} to really send
   * @return the channel
   */
  public static DelivyrMessageChannel create(DelivyrClient client, ExecutionMode mode) {
    return new DelivyrMessageChannel(client, mode);
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
    List<SendMessageRequest> requests = new ArrayList<>(batch.size());
    CampaignReference reference = null;
    OutboundMessage referenceSource = null;
    for (OutboundMessage m : batch) {
      // an engine batch is one campaign and (almost always) one template: build the reference
      // once and reuse it while the campaign id, channel and template stay the same
      if (referenceSource == null || !sameReference(referenceSource, m)) {
        reference = campaignReference(m);
        referenceSource = m;
      }
      requests.add(toRequest(m, mode, reference));
    }
    BatchResult result = client.sendBatch(requests);
    Map<String, BatchItemResult> byReference = new HashMap<>();
    for (BatchItemResult r : result.results()) {
      if (r != null && r.clientReference() != null) {
        byReference.put(r.clientReference(), r);
      }
    }
    List<DispatchResult> out = new ArrayList<>(batch.size());
    List<String> missing = new ArrayList<>();
    for (OutboundMessage m : batch) {
      IdempotencyKey key = m.idempotencyKey();
      BatchItemResult r = byReference.get(key.value());
      if (r == null) {
        missing.add(key.value());
        continue;
      }
      out.add(toDispatchResult(key, r));
    }
    if (!missing.isEmpty()) {
      throw new ApiServiceException(
          new ApiErrorDetails(
              DelivyrClient.VENDOR,
              "POST messages/batch",
              200,
              "incomplete_batch_result",
              "Delivyr returned no result for "
                  + missing.size()
                  + " of "
                  + batch.size()
                  + " messages (first: "
                  + missing.get(0)
                  + "); re-send the batch: the idempotency keys keep delivered messages from"
                  + " being sent twice",
              null,
              true,
              ""));
    }
    return out;
  }

  /**
   * The Delivyr request for an engine message.
   *
   * @param m the rendered message
   * @param mode LIVE sends; TEST only logs
   * @return the request, with the message's idempotency key as key and client reference
   */
  public static SendMessageRequest toRequest(OutboundMessage m, ExecutionMode mode) {
    return toRequest(m, mode, campaignReference(m));
  }

  private static SendMessageRequest toRequest(
      OutboundMessage m, ExecutionMode mode, CampaignReference reference) {
    return SendMessageRequest.builder()
        .to(m.to().e164())
        .customerId(m.customerId().value())
        .body(m.text())
        .campaign(reference)
        .testMode(!mode.isLive())
        .idempotencyKey(m.idempotencyKey().value())
        .clientReference(m.idempotencyKey().value())
        .build();
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

  private static DispatchResult toDispatchResult(IdempotencyKey key, BatchItemResult r) {
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
}
