package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * The response of {@code send}.
 *
 * <p>When the request carried {@code test=true}, {@link #testMode()} is true: TextLocal validated
 * and priced the send, but nothing was sent and no credit was used; the message ids of a test-mode
 * send are not real (status calls on them fail).
 *
 * @param testMode whether this was a test-mode send (nothing sent, no credit used)
 * @param balance the credit balance after the send
 * @param batchId the batch id, for {@code status_batch}; may be null in test mode
 * @param cost the credits the send cost
 * @param numMessages how many messages were created
 * @param message the text, sender and part count
 * @param receiptUrl the receipt URL used for this send, possibly empty
 * @param custom the {@code custom} value echoed back, possibly empty
 * @param messages one entry per recipient
 * @param status the envelope status
 * @param errors fatal errors (always empty in a returned result)
 * @param warnings warnings, e.g. code 3 "Invalid number." for a number TextLocal skipped
 */
public record SendResult(
    @JsonProperty("test_mode") boolean testMode,
    @JsonProperty("balance") BigDecimal balance,
    @JsonProperty("batch_id") String batchId,
    @JsonProperty("cost") BigDecimal cost,
    @JsonProperty("num_messages") int numMessages,
    @JsonProperty("message") MessageSummary message,
    @JsonProperty("receipt_url") String receiptUrl,
    @JsonProperty("custom") String custom,
    @JsonProperty("messages") List<SentMessage> messages,
    @JsonProperty("status") String status,
    @JsonProperty("errors") List<TextLocalNotice> errors,
    @JsonProperty("warnings") List<TextLocalNotice> warnings)
    implements TextLocalResponse {

  /** Replaces absent arrays with empty lists. */
  public SendResult {
    messages = Nulls.list(messages);
    errors = Nulls.list(errors);
    warnings = Nulls.list(warnings);
  }
}
