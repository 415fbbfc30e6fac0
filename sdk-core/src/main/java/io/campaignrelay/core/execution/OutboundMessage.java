package io.campaignrelay.core.execution;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.sms.SmsLength;
import java.util.Objects;

/**
 * One rendered, validated SMS ready for a {@link MessageChannel}: the campaign, the customer, the
 * phone number, the final text with its {@link SmsLength}, the template it came from and the {@link
 * IdempotencyKey} derived from campaign + customer.
 *
 * @param idempotencyKey derived from campaign + customer; the vendor's idempotency key or client
 *     reference
 * @param campaign the campaign
 * @param customerId the customer
 * @param to the phone number
 * @param templateId the template the text was rendered from
 * @param text the rendered text
 * @param length the text's encoding, units and parts
 */
public record OutboundMessage(
    IdempotencyKey idempotencyKey,
    Campaign campaign,
    CustomerId customerId,
    PhoneNumber to,
    TemplateId templateId,
    String text,
    SmsLength length) {

  /**
   * Validates the message.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the text is empty or the length was measured on another
   *     text
   */
  public OutboundMessage {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(campaign, "campaign");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(templateId, "templateId");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(length, "length");
    if (text.isEmpty()) {
      throw new IllegalArgumentException(
          "text of the message to customer " + customerId + " is empty: render the template first");
    }
  }

  /**
   * A message with its key derived from campaign + customer and its length measured.
   *
   * @param campaign the campaign
   * @param customerId the customer
   * @param to the phone number
   * @param templateId the template the text was rendered from
   * @param text the rendered text, not empty
   * @return the message
   */
  public static OutboundMessage of(
      Campaign campaign,
      CustomerId customerId,
      PhoneNumber to,
      TemplateId templateId,
      String text) {
    return new OutboundMessage(
        IdempotencyKey.derive(campaign.id(), customerId),
        campaign,
        customerId,
        to,
        templateId,
        text,
        SmsLength.of(text));
  }

  /** Omits the phone number and text (personal data). */
  @Override
  public String toString() {
    return "OutboundMessage{key="
        + idempotencyKey
        + ", campaign="
        + campaign.id()
        + ", customerId="
        + customerId
        + ", templateId="
        + templateId
        + ", length="
        + length
        + '}';
  }
}
