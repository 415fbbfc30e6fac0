package io.campaignrelay.delivyr.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The type of an event Delivyr posts to a webhook.
 *
 * <p>An expandable enumeration: Delivyr may add values, so {@link #fromString(String)} keeps an
 * unknown value (with its raw text) instead of failing; compare with {@code equals}.
 */
public final class WebhookEventType {

  /** A message was delivered. Wire value {@code message.delivered}. */
  public static final WebhookEventType MESSAGE_DELIVERED =
      new WebhookEventType("message.delivered");

  /** A message could not be delivered. Wire value {@code message.undelivered}. */
  public static final WebhookEventType MESSAGE_UNDELIVERED =
      new WebhookEventType("message.undelivered");

  /** A message was rejected before sending. Wire value {@code message.rejected}. */
  public static final WebhookEventType MESSAGE_REJECTED = new WebhookEventType("message.rejected");

  /**
   * A recipient clicked the link in a message; one event per click. Wire value {@code
   * message.clicked}.
   */
  public static final WebhookEventType MESSAGE_CLICKED = new WebhookEventType("message.clicked");

  /** A recipient texted STOP. Wire value {@code contact.opted_out}. */
  public static final WebhookEventType CONTACT_OPTED_OUT =
      new WebhookEventType("contact.opted_out");

  private static final List<WebhookEventType> KNOWN =
      List.of(
          MESSAGE_DELIVERED,
          MESSAGE_UNDELIVERED,
          MESSAGE_REJECTED,
          MESSAGE_CLICKED,
          CONTACT_OPTED_OUT);

  private final String value;

  private WebhookEventType(String value) {
    this.value = value;
  }

  /**
   * Returns the type with this wire value, case-insensitively; an unknown value is kept.
   *
   * @param value the wire value
   * @return the known constant, or a new instance holding the unknown value; null for null
   */
  @JsonCreator
  public static WebhookEventType fromString(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (WebhookEventType known : KNOWN) {
      if (known.value.equals(v)) {
        return known;
      }
    }
    return new WebhookEventType(value.trim());
  }

  /**
   * The values known to this version of the SDK.
   *
   * @return the known constants
   */
  public static List<WebhookEventType> values() {
    return KNOWN;
  }

  /**
   * The wire value.
   *
   * @return the value as Delivyr sends it
   */
  @JsonValue
  public String value() {
    return value;
  }

  /**
   * Whether this value is one this version of the SDK knows.
   *
   * @return true for the constants of this class
   */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebhookEventType other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  /** Returns the wire value. */
  @Override
  public String toString() {
    return value;
  }
}
