package io.campaignrelay.textlocal;

import io.campaignrelay.textlocal.models.NotSentMessage;
import io.campaignrelay.textlocal.models.TextLocalNotice;
import java.math.BigDecimal;
import java.util.List;

/**
 * The totals of a chunked {@code bulk_json} send. Per-message results are passed to the caller's
 * consumer chunk by chunk and not kept here, so a million-message send holds one chunk at a time.
 *
 * @param calls how many {@code bulk_json} calls were made
 * @param messagesSubmitted messages submitted
 * @param messagesNotSent messages TextLocal refused (each also reached the consumer)
 * @param batchIds every batch id TextLocal returned, in order
 * @param totalCost the summed cost
 * @param warnings every warning of every call
 * @param notSentSample up to 100 of the refused messages, for diagnostics
 */
public record BulkSendSummary(
    int calls,
    long messagesSubmitted,
    long messagesNotSent,
    List<String> batchIds,
    BigDecimal totalCost,
    List<TextLocalNotice> warnings,
    List<NotSentMessage> notSentSample) {

  /** Copies the lists. */
  public BulkSendSummary {
    batchIds = List.copyOf(batchIds);
    warnings = List.copyOf(warnings);
    notSentSample = List.copyOf(notSentSample);
  }
}
