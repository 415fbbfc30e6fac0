package io.campaignrelay.delivyr.models;

/**
 * The result of one message of a {@code POST messages/batch} call.
 *
 * @param clientReference the reference given with the message, to match results to messages
 * @param id Delivyr's message id, or null if none was created
 * @param status the message status
 * @param rejection why the message was rejected, or null
 * @param replayed true when Delivyr had already seen the message's idempotency key within 24 h:
 *     nothing new was sent and this is the first result of that key
 */
public record BatchItemResult(
    String clientReference,
    String id,
    MessageStatus status,
    Rejection rejection,
    boolean replayed) {

  /**
   * A result that is not a replay.
   *
   * @param clientReference the reference given with the message
   * @param id Delivyr's message id, or null
   * @param status the message status
   * @param rejection why the message was rejected, or null
   */
  public BatchItemResult(
      String clientReference, String id, MessageStatus status, Rejection rejection) {
    this(clientReference, id, status, rejection, false);
  }

  /**
   * Whether Delivyr rejected the message.
   *
   * @return true when the status is rejected or a rejection is present
   */
  public boolean isRejected() {
    return rejection != null || MessageStatus.REJECTED.equals(status);
  }
}
