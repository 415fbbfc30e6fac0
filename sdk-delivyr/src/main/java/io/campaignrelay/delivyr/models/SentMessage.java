package io.campaignrelay.delivyr.models;

import java.util.Optional;

/**
 * Delivyr's answer to {@code POST messages}.
 *
 * @param id Delivyr's message id
 * @param status the status: {@link MessageStatus#LOGGED} in testing mode, {@link
 *     MessageStatus#REJECTED} when Delivyr refused the recipient, otherwise queued or later
 * @param segments how many SMS segments the message uses (0 if not reported)
 * @param encoding the character encoding Delivyr chose (e.g. {@code GSM-7}, {@code UCS-2}), or null
 * @param testMode whether the message was only written to the Message Log
 * @param rejection why the message was rejected, or null when it was not
 * @param replayed true when Delivyr had already seen the message's idempotency key within 24 h:
 *     nothing new was sent and this is the first answer of that key
 */
public record SentMessage(
    String id,
    MessageStatus status,
    int segments,
    String encoding,
    boolean testMode,
    Rejection rejection,
    boolean replayed) {

  /**
   * An answer that is not a replay.
   *
   * @param id Delivyr's message id
   * @param status the status
   * @param segments the SMS segments
   * @param encoding the encoding, or null
   * @param testMode whether the message was only logged
   * @param rejection the rejection, or null
   */
  public SentMessage(
      String id,
      MessageStatus status,
      int segments,
      String encoding,
      boolean testMode,
      Rejection rejection) {
    this(id, status, segments, encoding, testMode, rejection, false);
  }

  /**
   * The rejection, if Delivyr rejected the message.
   *
   * @return the rejection, or empty
   */
  public Optional<Rejection> rejectionInfo() {
    return Optional.ofNullable(rejection);
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
