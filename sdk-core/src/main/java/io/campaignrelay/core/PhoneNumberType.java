package io.campaignrelay.core;

/**
 * What kind of line a phone number belongs to, as a numbering plan says it. The constants follow
 * the number types of the ITU numbering plans (and of libphonenumber, which publishes them per
 * region), so a parser backed by a numbering-plan library maps its types one to one; a parser
 * without numbering-plan data (such as {@link PhoneNumberParser#basic()}) says {@link #UNKNOWN}.
 *
 * <p>Whether a type can receive SMS is decided by an {@link SmsCapabilityRule}; {@link
 * SmsCapabilityRule#defaults()} documents the default for each type.
 */
public enum PhoneNumberType {
  /** A mobile (cellular) number: receives SMS. */
  MOBILE,
  /** A geographic landline number. */
  FIXED_LINE,
  /**
   * A number that may be mobile or fixed-line: the region's numbering plan does not tell them apart
   * (the United States and Canada, for example), so only the carrier knows.
   */
  FIXED_LINE_OR_MOBILE,
  /** A freephone number, free to the caller (UK 0800, US 800). */
  TOLL_FREE,
  /** A premium-rate number, charged above the normal rate (UK 09, France 08 9). */
  PREMIUM_RATE,
  /** A shared-cost number, the cost split between caller and receiver (UK 0845). */
  SHARED_COST,
  /** A voice-over-IP number (UK 056). */
  VOIP,
  /** A personal ("follow-me") number that forwards to another line (UK 070). */
  PERSONAL_NUMBER,
  /** A pager number. */
  PAGER,
  /** A universal access number: one number for a company's many lines. */
  UAN,
  /** A number that reaches a voicemail box directly. */
  VOICEMAIL,
  /** The parser cannot tell: it has no numbering-plan data, or the plan does not say. */
  UNKNOWN
}
