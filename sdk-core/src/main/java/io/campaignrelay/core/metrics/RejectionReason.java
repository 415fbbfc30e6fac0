package io.campaignrelay.core.metrics;

import java.util.Locale;

/**
 * Why a message was rejected before it reached the phone (the SMS-channel guide lists the first
 * three). Vendor-specific reasons map to {@link #OTHER}; the raw text is kept on the {@link
 * DeliveryOutcome}.
 */
public enum RejectionReason {
  /** The customer opted out of messages. */
  OPTED_OUT,
  /** The phone number is not in a valid format. */
  INVALID_PHONE_FORMAT,
  /** The phone is known not to receive SMS (landline, VOIP). */
  CANNOT_RECEIVE_SMS,
  /** Any other reason; see the outcome's detail. */
  OTHER;

  /**
   * Reads a reason from text such as {@code "opted_out"} or {@code "INVALID-PHONE-FORMAT"},
   * ignoring case and treating {@code -} and spaces as {@code _}.
   *
   * @param value the text; may be null
   * @return the reason, {@link #OTHER} for anything unrecognised
   */
  public static RejectionReason fromString(String value) {
    if (value == null) {
      return OTHER;
    }
    String v = value.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (RejectionReason r : values()) {
      if (r.name().equals(v)) {
        return r;
      }
    }
    return OTHER;
  }
}
