package io.campaignrelay.delivyr.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.campaignrelay.core.ExpandableStringEnum;
import io.campaignrelay.core.ExpandableValues;
import java.util.List;

/**
 * The status of a message in Delivyr's Message Log.
 *
 * <p>An expandable enumeration: Delivyr may add values, so {@link #fromString(String)} keeps an
 * unknown value (with its raw text) instead of failing and {@link #isKnown()} is false; compare
 * with {@code equals}, never {@code ==}. Built on core's {@link ExpandableStringEnum}.
 */
public final class MessageStatus extends ExpandableStringEnum<MessageStatus> {

  private static final ExpandableValues<MessageStatus> VALUES =
      ExpandableValues.create(MessageStatus::new);

  /** Accepted, not yet handed to a carrier. Wire value {@code queued}. */
  public static final MessageStatus QUEUED = VALUES.register("queued");

  /** Handed to a carrier; no receipt yet. Wire value {@code sent}. */
  public static final MessageStatus SENT = VALUES.register("sent");

  /** Confirmed received by the phone. Wire value {@code delivered}. */
  public static final MessageStatus DELIVERED = VALUES.register("delivered");

  /**
   * Not delivered (landline or VOIP, prepaid without credit, phone offline). Wire value {@code
   * undelivered}.
   */
  public static final MessageStatus UNDELIVERED = VALUES.register("undelivered");

  /**
   * Rejected by Delivyr before sending (opted out, bad phone format, cannot receive SMS). Wire
   * value {@code rejected}.
   */
  public static final MessageStatus REJECTED = VALUES.register("rejected");

  /**
   * Testing mode: written to the Message Log and never sent to the phone. Wire value {@code
   * logged}.
   */
  public static final MessageStatus LOGGED = VALUES.register("logged");

  private MessageStatus(String value) {
    super(value);
  }

  /**
   * Returns the value with this wire text, case-insensitively; an unknown value is kept.
   *
   * @param value the wire value
   * @return the known constant, or a new instance holding the unknown value; null for null
   */
  @JsonCreator
  public static MessageStatus fromString(String value) {
    return VALUES.fromString(value);
  }

  /**
   * The values known to this version of the SDK, in declaration order.
   *
   * @return the known constants (unmodifiable)
   */
  public static List<MessageStatus> values() {
    return VALUES.known();
  }

  @Override
  public boolean isKnown() {
    return VALUES.isKnown(this);
  }
}
