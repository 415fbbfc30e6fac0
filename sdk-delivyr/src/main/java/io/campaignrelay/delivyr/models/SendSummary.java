package io.campaignrelay.delivyr.models;

import java.util.Map;

/**
 * Counts of a streamed send ({@code DelivyrClient.sendAll}).
 *
 * @param messages how many messages were sent (in all batches)
 * @param batches how many {@code POST messages/batch} calls were made
 * @param accepted how many Delivyr accepted (queued, or logged in testing mode)
 * @param rejected how many Delivyr rejected (reported to Optimove as Dropped)
 * @param unknown how many Delivyr's answers did not list: their outcome is unknown (they may have
 *     been sent); look them up in the Message Log before giving up on them
 * @param rejectedByReason the rejections by reason code
 */
public record SendSummary(
    long messages,
    long batches,
    long accepted,
    long rejected,
    long unknown,
    Map<RejectionReason, Long> rejectedByReason) {

  /**
   * Counts in which every message was listed.
   *
   * @param messages how many messages were sent
   * @param batches how many batch calls were made
   * @param accepted how many Delivyr accepted
   * @param rejected how many Delivyr rejected
   * @param rejectedByReason the rejections by reason code
   */
  public SendSummary(
      long messages,
      long batches,
      long accepted,
      long rejected,
      Map<RejectionReason, Long> rejectedByReason) {
    this(messages, batches, accepted, rejected, 0, rejectedByReason);
  }

  /** Copies the map. */
  public SendSummary {
    rejectedByReason = Map.copyOf(rejectedByReason);
  }
}
