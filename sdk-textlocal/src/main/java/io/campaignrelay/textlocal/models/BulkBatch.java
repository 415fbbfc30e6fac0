package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.math.BigDecimal;
import java.util.List;

/**
 * One entry of the {@code messages} array of a {@code bulk_json} response. Its exact shape is only
 * partly documented (INFERRED: one entry per accepted batch, with a nested {@code messages} array
 * of ids and recipients); every field may be absent.
 *
 * @param batchId the batch id, for {@code status_batch}, or null
 * @param numMessages how many messages the entry covers
 * @param cost the entry's cost, or null
 * @param custom the {@code custom} value echoed back, or null
 * @param messages the created messages
 * @param uniqueId the caller's per-message key echoed back, when the entry covers one message sent
 *     with a {@code unique_id} (INFERRED: TextLocal documents {@code unique_id} only on {@code
 *     messages_not_sent}), or null
 */
// read in one pass by BulkAnswerReaders (one per recipient); unknown fields are skipped as read
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonDeserialize(using = BulkAnswerReaders.BatchReader.class)
public record BulkBatch(
    @JsonProperty("batch_id") String batchId,
    @JsonProperty("num_messages") int numMessages,
    @JsonProperty("cost") BigDecimal cost,
    @JsonProperty("custom") String custom,
    @JsonProperty("messages") List<SentMessage> messages,
    @JsonProperty("unique_id") String uniqueId) {

  /** Replaces an absent array with an empty list. */
  public BulkBatch {
    messages = Nulls.list(messages);
  }

  /**
   * An entry without a per-message key (the shape before {@code uniqueId} was modelled).
   *
   * @param batchId the batch id, or null
   * @param numMessages how many messages the entry covers
   * @param cost the entry's cost, or null
   * @param custom the {@code custom} value echoed back, or null
   * @param messages the created messages
   */
  public BulkBatch(
      String batchId, int numMessages, BigDecimal cost, String custom, List<SentMessage> messages) {
    this(batchId, numMessages, cost, custom, messages, null);
  }
}
