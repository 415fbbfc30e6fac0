package io.campaignrelay.delivyr.models;

/**
 * The result of one message of a {@code POST messages/batch} call.
 *
 * @param clientReference the reference given with the message, to match results to messages
 * @param id Delivyr's message id, or null if none was created
 * @param status the message status
 * @param rejection why the message was rejected, or null
 */
public record BatchItemResult(
    String clientReference, String id, MessageStatus status, Rejection rejection) {

  /**
   * Whether Delivyr rejected the message.
   *
   * @return true when the status is rejected or a rejection is present
   */
  public boolean isRejected() {
    return rejection != null || MessageStatus.REJECTED.equals(status);
  }
}
