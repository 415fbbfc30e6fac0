package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The response of {@code status_batch}: the counters of one batch and each recipient's letter.
 * There is no pending counter; pending messages are {@code numMessages} minus the counters.
 *
 * @param batchId the batch id
 * @param numMessages messages in the batch
 * @param numDelivered D
 * @param numUndelivered U
 * @param numExpired E
 * @param numUnknown ?
 * @param numInvalid I
 * @param messages each recipient's status
 * @param status the envelope status
 * @param errors fatal errors (always empty in a returned result)
 * @param warnings warnings
 */
public record BatchStatus(
    @JsonProperty("batch_id") String batchId,
    @JsonProperty("num_messages") long numMessages,
    @JsonProperty("num_delivered") long numDelivered,
    @JsonProperty("num_undelivered") long numUndelivered,
    @JsonProperty("num_expired") long numExpired,
    @JsonProperty("num_unknown") long numUnknown,
    @JsonProperty("num_invalid") long numInvalid,
    @JsonProperty("messages") List<RecipientStatus> messages,
    @JsonProperty("status") String status,
    @JsonProperty("errors") List<TextLocalNotice> errors,
    @JsonProperty("warnings") List<TextLocalNotice> warnings)
    implements TextLocalResponse {

  /** Replaces absent arrays with empty lists. */
  public BatchStatus {
    messages = Nulls.list(messages);
    errors = Nulls.list(errors);
    warnings = Nulls.list(warnings);
  }

  /**
   * Messages not counted by any counter (pending, {@code P}).
   *
   * @return the count, never negative
   */
  public long numPending() {
    return Math.max(
        0, numMessages - numDelivered - numUndelivered - numExpired - numUnknown - numInvalid);
  }

  /**
   * One recipient's status in a batch.
   *
   * @param recipient the recipient's digits
   * @param deliveryStatus the status letter
   */
  public record RecipientStatus(
      @JsonProperty("recipient") String recipient,
      @JsonProperty("status") DeliveryStatus deliveryStatus) {}
}
