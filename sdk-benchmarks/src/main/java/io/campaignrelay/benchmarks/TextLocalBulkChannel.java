package io.campaignrelay.benchmarks;

import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.textlocal.TextLocalClient;
import io.campaignrelay.textlocal.models.BulkBatch;
import io.campaignrelay.textlocal.models.BulkMessage;
import io.campaignrelay.textlocal.models.BulkSendOptions;
import io.campaignrelay.textlocal.models.BulkSendResult;
import io.campaignrelay.textlocal.models.NotSentMessage;
import io.campaignrelay.textlocal.models.SentMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's {@link MessageChannel} on TextLocal {@code bulk_json} (500 messages per call), for
 * the end-to-end benchmark. sdk-textlocal runs campaigns through its own flow (contact groups, a
 * ledger) and has no {@code MessageChannel}; this adapter lets the same {@code CampaignExecutor}
 * drive both vendors. Results are matched to messages by recipient number. TextLocal takes no
 * idempotency key, so the channel does not deduplicate.
 */
final class TextLocalBulkChannel implements MessageChannel {

  private final TextLocalClient client;
  private final BulkSendOptions options;

  TextLocalBulkChannel(TextLocalClient client, BulkSendOptions options) {
    this.client = client;
    this.options = options;
  }

  @Override
  public String name() {
    return "textlocal";
  }

  @Override
  public int maxBatchSize() {
    return TextLocalClient.MAX_MESSAGES_PER_BULK_JSON;
  }

  @Override
  public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
    List<BulkMessage> messages = new ArrayList<>(batch.size());
    for (OutboundMessage m : batch) {
      messages.add(BulkMessage.of(m.to(), m.text()));
    }
    BulkSendResult result = client.sendBulk(messages, options);
    Map<String, DispatchResult> byNumber = new HashMap<>();
    Map<String, OutboundMessage> sent = new HashMap<>();
    for (OutboundMessage m : batch) {
      sent.put(m.to().digits(), m);
    }
    for (BulkBatch b : result.batches()) {
      for (SentMessage s : b.messages()) {
        OutboundMessage m = sent.get(s.recipient());
        if (m != null) {
          byNumber.put(
              s.recipient(), DispatchResult.accepted(m.idempotencyKey(), s.id(), b.batchId()));
        }
      }
    }
    for (NotSentMessage n : result.messagesNotSent()) {
      OutboundMessage m = sent.get(n.number());
      if (m != null) {
        byNumber.put(
            n.number(),
            DispatchResult.rejected(
                m.idempotencyKey(),
                RejectionReason.OTHER,
                n.error() == null ? "not sent" : n.error().message()));
      }
    }
    List<DispatchResult> out = new ArrayList<>(batch.size());
    for (OutboundMessage m : batch) {
      DispatchResult d = byNumber.get(m.to().digits());
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }
}
