package io.campaignrelay.delivyr.models;

import java.util.Map;

/**
 * Counts of a streamed send ({@code DelivyrClient.sendAll}).
 *
 * @param messages how many messages were sent (in all batches)
 * @param batches how many {@code POST messages/batch} calls were made
 * @param accepted how many Delivyr accepted (queued, or logged in testing mode)
 * @param rejected how many Delivyr rejected (reported to Optimove as Dropped)
 * @param rejectedByReason the rejections by reason code
 */
public record SendSummary(
    long messages,
    long batches,
    long accepted,
    long rejected,
    Map<RejectionReason, Long> rejectedByReason) {

  /** Copies the map. */
  public SendSummary {
    rejectedByReason = Map.copyOf(rejectedByReason);
  }
}
