package io.campaignrelay.delivyr.models;

import java.time.Instant;

/**
 * One entry of Delivyr's Message Log ({@code GET messages}). In testing mode messages appear here
 * with status {@link MessageStatus#LOGGED} and are never sent.
 *
 * @param id Delivyr's message id
 * @param to the recipient in E.164 form
 * @param customerId the Optimove customer id, or null
 * @param body the rendered message text
 * @param status the current status
 * @param testMode whether the message was only logged
 * @param createdAt when the message was created
 * @param updatedAt when its status last changed
 * @param clicks how many times its link was clicked
 * @param idempotencyKey the idempotency key the message was sent with, or null if Delivyr did not
 *     say
 * @param rejection why Delivyr rejected the message, or null
 */
public record MessageLogEntry(
    String id,
    String to,
    String customerId,
    String body,
    MessageStatus status,
    boolean testMode,
    Instant createdAt,
    Instant updatedAt,
    int clicks,
    String idempotencyKey,
    Rejection rejection) {

  /**
   * An entry without idempotency key and rejection.
   *
   * @param id Delivyr's message id
   * @param to the recipient
   * @param customerId the customer id, or null
   * @param body the text
   * @param status the status
   * @param testMode whether it was only logged
   * @param createdAt when it was created
   * @param updatedAt when its status last changed
   * @param clicks its clicks
   */
  public MessageLogEntry(
      String id,
      String to,
      String customerId,
      String body,
      MessageStatus status,
      boolean testMode,
      Instant createdAt,
      Instant updatedAt,
      int clicks) {
    this(id, to, customerId, body, status, testMode, createdAt, updatedAt, clicks, null, null);
  }
}
