package io.campaignrelay.delivyr.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.campaignrelay.core.ExpandableStringEnum;
import io.campaignrelay.core.ExpandableValues;
import java.util.List;

/**
 * Why Delivyr rejected a message before sending it (Optimove reports these as Dropped).
 *
 * <p>An expandable enumeration: Delivyr may add values, so {@link #fromString(String)} keeps an
 * unknown value (with its raw text) instead of failing and {@link #isKnown()} is false; compare
 * with {@code equals}, never {@code ==}. Built on core's {@link ExpandableStringEnum}.
 */
public final class RejectionReason extends ExpandableStringEnum<RejectionReason> {

  private static final ExpandableValues<RejectionReason> VALUES =
      ExpandableValues.create(RejectionReason::new);

  /** The recipient opted out. Wire value {@code opted_out}. */
  public static final RejectionReason OPTED_OUT = VALUES.register("opted_out");

  /** The phone number is in an incorrect format. Wire value {@code invalid_phone_format}. */
  public static final RejectionReason INVALID_PHONE_FORMAT =
      VALUES.register("invalid_phone_format");

  /**
   * The phone is known not to be able to receive SMS or MMS messages. Wire value {@code
   * cannot_receive_sms}.
   */
  public static final RejectionReason CANNOT_RECEIVE_SMS = VALUES.register("cannot_receive_sms");

  private RejectionReason(String value) {
    super(value);
  }

  /**
   * Returns the value with this wire text, case-insensitively; an unknown value is kept.
   *
   * @param value the wire value
   * @return the known constant, or a new instance holding the unknown value; null for null
   */
  @JsonCreator
  public static RejectionReason fromString(String value) {
    return VALUES.fromString(value);
  }

  /**
   * The values known to this version of the SDK, in declaration order.
   *
   * @return the known constants (unmodifiable)
   */
  public static List<RejectionReason> values() {
    return VALUES.known();
  }

  @Override
  public boolean isKnown() {
    return VALUES.isKnown(this);
  }
}
