package io.campaignrelay.delivyr.models;

import java.util.Optional;

/**
 * What a webhook event is about.
 *
 * @param messageId Delivyr's message id, or null (e.g. for an opt-out not tied to a message)
 * @param customerId the Optimove customer id, or null
 * @param phone the recipient in E.164 form, or null
 * @param campaign the campaign the message belonged to, or null
 * @param reason why the message was rejected or undelivered, or null
 * @param url the clicked URL for {@code message.clicked}, or null
 */
public record WebhookEventData(
    String messageId,
    String customerId,
    String phone,
    WebhookCampaign campaign,
    String reason,
    String url) {

  /**
   * The reason as a rejection reason code.
   *
   * @return the code, or empty when there is no reason
   */
  public Optional<RejectionReason> rejectionReason() {
    return Optional.ofNullable(RejectionReason.fromString(reason));
  }
}
