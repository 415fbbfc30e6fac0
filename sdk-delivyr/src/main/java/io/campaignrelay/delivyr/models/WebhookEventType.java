package io.campaignrelay.delivyr.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.campaignrelay.core.ExpandableStringEnum;
import io.campaignrelay.core.ExpandableValues;
import java.util.List;

/**
 * The type of an event Delivyr posts to a webhook.
 *
 * <p>An expandable enumeration: Delivyr may add values, so {@link #fromString(String)} keeps an
 * unknown value (with its raw text) instead of failing and {@link #isKnown()} is false; compare
 * with {@code equals}, never {@code ==}. Built on core's {@link ExpandableStringEnum}.
 */
public final class WebhookEventType extends ExpandableStringEnum<WebhookEventType> {

  private static final ExpandableValues<WebhookEventType> VALUES =
      ExpandableValues.create(WebhookEventType::new);

  /** A message was delivered. Wire value {@code message.delivered}. */
  public static final WebhookEventType MESSAGE_DELIVERED = VALUES.register("message.delivered");

  /** A message could not be delivered. Wire value {@code message.undelivered}. */
  public static final WebhookEventType MESSAGE_UNDELIVERED = VALUES.register("message.undelivered");

  /** A message was rejected before sending. Wire value {@code message.rejected}. */
  public static final WebhookEventType MESSAGE_REJECTED = VALUES.register("message.rejected");

  /**
   * A recipient clicked the link in a message; one event per click. Wire value {@code
   * message.clicked}.
   */
  public static final WebhookEventType MESSAGE_CLICKED = VALUES.register("message.clicked");

  /** A recipient texted STOP. Wire value {@code contact.opted_out}. */
  public static final WebhookEventType CONTACT_OPTED_OUT = VALUES.register("contact.opted_out");

  private WebhookEventType(String value) {
    super(value);
  }

  /**
   * Returns the value with this wire text, case-insensitively; an unknown value is kept.
   *
   * @param value the wire value
   * @return the known constant, or a new instance holding the unknown value; null for null
   */
  @JsonCreator
  public static WebhookEventType fromString(String value) {
    return VALUES.fromString(value);
  }

  /**
   * The values known to this version of the SDK, in declaration order.
   *
   * @return the known constants (unmodifiable)
   */
  public static List<WebhookEventType> values() {
    return VALUES.known();
  }

  @Override
  public boolean isKnown() {
    return VALUES.isKnown(this);
  }
}
