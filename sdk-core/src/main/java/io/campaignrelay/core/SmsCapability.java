package io.campaignrelay.core;

import java.util.Objects;

/**
 * Whether a number of some {@link PhoneNumberType} can receive SMS, as an {@link SmsCapabilityRule}
 * decides it before anything is sent.
 *
 * @param type the number type the decision is about
 * @param canReceiveSms true if an SMS may be sent to such a number
 * @param certain true when the numbering plan settles it (mobile: yes; fixed-line, premium-rate and
 *     the other non-mobile types: no); false when the rule decided by its configuration because the
 *     plan cannot tell ({@link PhoneNumberType#FIXED_LINE_OR_MOBILE}, {@link PhoneNumberType#VOIP},
 *     {@link PhoneNumberType#PERSONAL_NUMBER}, {@link PhoneNumberType#UNKNOWN})
 * @param reason why, in words fit for a log line or a rejection message; names no phone number
 */
public record SmsCapability(
    PhoneNumberType type, boolean canReceiveSms, boolean certain, String reason) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code type} or {@code reason} is null
   */
  public SmsCapability {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(reason, "reason");
  }
}
