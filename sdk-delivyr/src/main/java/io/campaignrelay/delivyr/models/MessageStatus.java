package io.campaignrelay.delivyr.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The status of a message in Delivyr's Message Log.
 *
 * <p>An expandable enumeration: Delivyr may add values, so {@link #fromString(String)} keeps an
 * unknown value (with its raw text) instead of failing; compare with {@code equals}.
 */
public final class MessageStatus {

  /** Accepted, not yet handed to a carrier. Wire value {@code queued}. */
  public static final MessageStatus QUEUED = new MessageStatus("queued");

  /** Handed to a carrier; no receipt yet. Wire value {@code sent}. */
  public static final MessageStatus SENT = new MessageStatus("sent");

  /** Confirmed received by the phone. Wire value {@code delivered}. */
  public static final MessageStatus DELIVERED = new MessageStatus("delivered");

  /**
   * Not delivered (landline or VOIP, prepaid without credit, phone offline). Wire value {@code
   * undelivered}.
   */
  public static final MessageStatus UNDELIVERED = new MessageStatus("undelivered");

  /**
   * Rejected by Delivyr before sending (opted out, bad phone format, cannot receive SMS). Wire
   * value {@code rejected}.
   */
  public static final MessageStatus REJECTED = new MessageStatus("rejected");

  /**
   * Testing mode: written to the Message Log and never sent to the phone. Wire value {@code
   * logged}.
   */
  public static final MessageStatus LOGGED = new MessageStatus("logged");

  private static final List<MessageStatus> KNOWN =
      List.of(QUEUED, SENT, DELIVERED, UNDELIVERED, REJECTED, LOGGED);

  private final String value;

  private MessageStatus(String value) {
    this.value = value;
  }

  /**
   * Returns the status with this wire value, case-insensitively; an unknown value is kept.
   *
   * @param value the wire value
   * @return the known constant, or a new instance holding the unknown value; null for null
   */
  @JsonCreator
  public static MessageStatus fromString(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (MessageStatus known : KNOWN) {
      if (known.value.equals(v)) {
        return known;
      }
    }
    return new MessageStatus(value.trim());
  }

  /**
   * The values known to this version of the SDK.
   *
   * @return the known constants
   */
  public static List<MessageStatus> values() {
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
    return o instanceof MessageStatus other && value.equals(other.value);
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
