package io.campaignrelay.delivyr.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The type of an entry in a message's delivery and engagement history.
 *
 * <p>An expandable enumeration: Delivyr may add values, so {@link #fromString(String)} keeps an
 * unknown value (with its raw text) instead of failing; compare with {@code equals}.
 */
public final class MessageEventType {

  /** The message was confirmed received. Wire value {@code delivered}. */
  public static final MessageEventType DELIVERED = new MessageEventType("delivered");

  /** The message could not be delivered. Wire value {@code undelivered}. */
  public static final MessageEventType UNDELIVERED = new MessageEventType("undelivered");

  /** Delivyr rejected the message before sending. Wire value {@code rejected}. */
  public static final MessageEventType REJECTED = new MessageEventType("rejected");

  /**
   * The recipient clicked the link in the message; one event per click. Wire value {@code click}.
   */
  public static final MessageEventType CLICK = new MessageEventType("click");

  /** The recipient texted STOP and no longer receives messages. Wire value {@code opt_out}. */
  public static final MessageEventType OPT_OUT = new MessageEventType("opt_out");

  private static final List<MessageEventType> KNOWN =
      List.of(DELIVERED, UNDELIVERED, REJECTED, CLICK, OPT_OUT);

  private final String value;

  private MessageEventType(String value) {
    this.value = value;
  }

  /**
   * Returns the type with this wire value, case-insensitively; an unknown value is kept.
   *
   * @param value the wire value
   * @return the known constant, or a new instance holding the unknown value; null for null
   */
  @JsonCreator
  public static MessageEventType fromString(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (MessageEventType known : KNOWN) {
      if (known.value.equals(v)) {
        return known;
      }
    }
    return new MessageEventType(value.trim());
  }

  /**
   * The values known to this version of the SDK.
   *
   * @return the known constants
   */
  public static List<MessageEventType> values() {
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
    return o instanceof MessageEventType other && value.equals(other.value);
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
