package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * The response of one {@code bulk_json} call.
 *
 * @param testMode whether the call was in test mode (nothing sent, no credit used)
 * @param totalCost the credits the call cost
 * @param balancePostSend the balance after the call
 * @param batches the accepted batches ({@code messages[]})
 * @param messagesNotSent messages TextLocal refused, each with its error
 * @param status the envelope status
 * @param errors fatal errors (always empty in a returned result)
 * @param warnings warnings
 */
public record BulkSendResult(
    @JsonProperty("test_mode") boolean testMode,
    @JsonProperty("total_cost") BigDecimal totalCost,
    @JsonProperty("balance_post_send") BigDecimal balancePostSend,
    @JsonProperty("messages") List<BulkBatch> batches,
    @JsonProperty("messages_not_sent") List<NotSentMessage> messagesNotSent,
    @JsonProperty("status") String status,
    @JsonProperty("errors") List<TextLocalNotice> errors,
    @JsonProperty("warnings") List<TextLocalNotice> warnings)
    implements TextLocalResponse {

  /** Replaces absent arrays with empty lists. */
  public BulkSendResult {
    batches = Nulls.list(batches);
    messagesNotSent = Nulls.list(messagesNotSent);
    errors = Nulls.list(errors);
    warnings = Nulls.list(warnings);
  }

  /**
   * The batch ids of the accepted batches, in order, without nulls.
   *
   * @return the ids
   */
  public List<String> batchIds() {
    return batches.stream().map(BulkBatch::batchId).filter(java.util.Objects::nonNull).toList();
  }
}
