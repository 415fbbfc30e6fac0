package io.campaignrelay.delivyr.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.campaignrelay.core.ExpandableStringEnum;
import io.campaignrelay.core.ExpandableValues;
import java.util.List;

/**
 * The type of an entry in a message's delivery and engagement history.
 *
 * <p>An expandable enumeration: Delivyr may add values, so {@link #fromString(String)} keeps an
 * unknown value (with its raw text) instead of failing and {@link #isKnown()} is false; compare
 * with {@code equals}, never {@code ==}. Built on core's {@link ExpandableStringEnum}.
 */
public final class MessageEventType extends ExpandableStringEnum<MessageEventType> {

  private static final ExpandableValues<MessageEventType> VALUES =
      ExpandableValues.create(MessageEventType::new);

  /** The message was confirmed received. Wire value {@code delivered}. */
  public static final MessageEventType DELIVERED = VALUES.register("delivered");

  /** The message could not be delivered. Wire value {@code undelivered}. */
  public static final MessageEventType UNDELIVERED = VALUES.register("undelivered");

  /** Delivyr rejected the message before sending. Wire value {@code rejected}. */
  public static final MessageEventType REJECTED = VALUES.register("rejected");

  /**
   * The recipient clicked the link in the message; one event per click. Wire value {@code click}.
   */
  public static final MessageEventType CLICK = VALUES.register("click");

  /** The recipient texted STOP and no longer receives messages. Wire value {@code opt_out}. */
  public static final MessageEventType OPT_OUT = VALUES.register("opt_out");

  private MessageEventType(String value) {
    super(value);
  }

  /**
   * Returns the value with this wire text, case-insensitively; an unknown value is kept.
   *
   * @param value the wire value
   * @return the known constant, or a new instance holding the unknown value; null for null
   */
  @JsonCreator
  public static MessageEventType fromString(String value) {
    return VALUES.fromString(value);
  }

  /**
   * The values known to this version of the SDK, in declaration order.
   *
   * @return the known constants (unmodifiable)
   */
  public static List<MessageEventType> values() {
    return VALUES.known();
  }

  @Override
  public boolean isKnown() {
    return VALUES.isKnown(this);
  }
}
