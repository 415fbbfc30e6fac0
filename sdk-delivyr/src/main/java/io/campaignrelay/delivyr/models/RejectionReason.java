package io.campaignrelay.delivyr.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Why Delivyr rejected a message before sending it (Optimove reports these as Dropped).
 *
 * <p>An expandable enumeration: Delivyr may add values, so {@link #fromString(String)} keeps an
 * unknown value (with its raw text) instead of failing; compare with {@code equals}.
 */
public final class RejectionReason {

  /** The recipient opted out. Wire value {@code opted_out}. */
  public static final RejectionReason OPTED_OUT = new RejectionReason("opted_out");

  /** The phone number is in an incorrect format. Wire value {@code invalid_phone_format}. */
  public static final RejectionReason INVALID_PHONE_FORMAT =
      new RejectionReason("invalid_phone_format");

  /**
   * The phone is known not to be able to receive SMS or MMS messages. Wire value {@code
   * cannot_receive_sms}.
   */
  public static final RejectionReason CANNOT_RECEIVE_SMS =
      new RejectionReason("cannot_receive_sms");

  private static final List<RejectionReason> KNOWN =
      List.of(OPTED_OUT, INVALID_PHONE_FORMAT, CANNOT_RECEIVE_SMS);

  private final String value;

  private RejectionReason(String value) {
    this.value = value;
  }

  /**
   * Returns the reason with this wire value, case-insensitively; an unknown value is kept.
   *
   * @param value the wire value
   * @return the known constant, or a new instance holding the unknown value; null for null
   */
  @JsonCreator
  public static RejectionReason fromString(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (RejectionReason known : KNOWN) {
      if (known.value.equals(v)) {
        return known;
      }
    }
    return new RejectionReason(value.trim());
  }

  /**
   * The values known to this version of the SDK.
   *
   * @return the known constants
   */
  public static List<RejectionReason> values() {
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
    return o instanceof RejectionReason other && value.equals(other.value);
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
