package io.campaignrelay.core;

import java.util.Objects;

/**
 * Decides, before sending, whether a phone number can receive SMS, from its {@link
 * PhoneNumberType}. Immutable and thread-safe.
 *
 * <p>The rule:
 *
 * <ul>
 *   <li>{@link PhoneNumberType#MOBILE}: can, always;
 *   <li>{@link PhoneNumberType#FIXED_LINE}, {@link PhoneNumberType#PREMIUM_RATE}, {@link
 *       PhoneNumberType#TOLL_FREE}, {@link PhoneNumberType#SHARED_COST}, {@link
 *       PhoneNumberType#UAN}, {@link PhoneNumberType#VOICEMAIL} and {@link PhoneNumberType#PAGER}:
 *       cannot, always (such lines do not take SMS, or take it only through a paid text-to-speech
 *       gateway, and premium-rate destinations are the classic SMS-pumping target);
 *   <li>{@link PhoneNumberType#FIXED_LINE_OR_MOBILE}: configurable, allowed by default. Regions
 *       such as the United States and Canada give mobile and fixed lines the same number ranges, so
 *       no numbering plan can tell; refusing them would refuse every North American number. The
 *       vendor (or a carrier lookup) decides;
 *   <li>{@link PhoneNumberType#VOIP}: configurable, allowed by default: many VoIP numbers take SMS,
 *       some do not;
 *   <li>{@link PhoneNumberType#PERSONAL_NUMBER}: configurable, allowed by default: it forwards to
 *       another line, which may or may not be mobile;
 *   <li>{@link PhoneNumberType#UNKNOWN}: configurable, allowed by default, so that a parser without
 *       numbering-plan data (which says UNKNOWN for every number) does not refuse everything.
 * </ul>
 *
 * <p>Build one with {@link #defaults()} or {@link #builder()}; {@link
 * #capabilityOf(PhoneNumberType)} gives the decision with its reason.
 */
public final class SmsCapabilityRule {

  private static final SmsCapabilityRule DEFAULTS = new Builder().build();

  private final boolean fixedLineOrMobileAllowed;
  private final boolean voipAllowed;
  private final boolean personalNumberAllowed;
  private final boolean unknownAllowed;

  private SmsCapabilityRule(Builder b) {
    this.fixedLineOrMobileAllowed = b.fixedLineOrMobileAllowed;
    this.voipAllowed = b.voipAllowed;
    this.personalNumberAllowed = b.personalNumberAllowed;
    this.unknownAllowed = b.unknownAllowed;
  }

  /**
   * The default rule: the uncertain types are all allowed (see the class documentation).
   *
   * @return the rule
   */
  public static SmsCapabilityRule defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from this rule.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder()
        .fixedLineOrMobileAllowed(fixedLineOrMobileAllowed)
        .voipAllowed(voipAllowed)
        .personalNumberAllowed(personalNumberAllowed)
        .unknownAllowed(unknownAllowed);
  }

  /**
   * Whether numbers that may be mobile or fixed-line are allowed.
   *
   * @return true by default
   */
  public boolean fixedLineOrMobileAllowed() {
    return fixedLineOrMobileAllowed;
  }

  /**
   * Whether VoIP numbers are allowed.
   *
   * @return true by default
   */
  public boolean voipAllowed() {
    return voipAllowed;
  }

  /**
   * Whether personal (follow-me) numbers are allowed.
   *
   * @return true by default
   */
  public boolean personalNumberAllowed() {
    return personalNumberAllowed;
  }

  /**
   * Whether numbers of unknown type are allowed.
   *
   * @return true by default
   */
  public boolean unknownAllowed() {
    return unknownAllowed;
  }

  /**
   * The decision for a number type, with its reason.
   *
   * @param type the type; null is taken as {@link PhoneNumberType#UNKNOWN}
   * @return the decision
   */
  public SmsCapability capabilityOf(PhoneNumberType type) {
    PhoneNumberType t = type == null ? PhoneNumberType.UNKNOWN : type;
    return switch (t) {
      case MOBILE -> new SmsCapability(t, true, true, "a mobile number receives SMS");
      case FIXED_LINE -> cannot(t, "a fixed-line (landline) number cannot receive SMS");
      case PREMIUM_RATE ->
          cannot(
              t,
              "a premium-rate number cannot receive SMS, and premium-rate destinations are the"
                  + " usual target of SMS pumping");
      case TOLL_FREE -> cannot(t, "a toll-free (freephone) number cannot receive SMS");
      case SHARED_COST -> cannot(t, "a shared-cost number cannot receive SMS");
      case UAN -> cannot(t, "a universal access number (UAN) cannot receive SMS");
      case VOICEMAIL -> cannot(t, "a voicemail access number cannot receive SMS");
      case PAGER -> cannot(t, "a pager number cannot receive SMS");
      case FIXED_LINE_OR_MOBILE ->
          uncertain(
              t,
              fixedLineOrMobileAllowed,
              "the region's numbering plan does not tell mobile from fixed-line numbers (as in the"
                  + " US and Canada), so the vendor decides",
              "the number may be a landline (the region's numbering plan does not tell mobile from"
                  + " fixed-line numbers) and this rule refuses such numbers");
      case VOIP ->
          uncertain(
              t,
              voipAllowed,
              "a VoIP number may receive SMS, depending on its provider; the vendor decides",
              "a VoIP number may not receive SMS and this rule refuses VoIP numbers");
      case PERSONAL_NUMBER ->
          uncertain(
              t,
              personalNumberAllowed,
              "a personal number forwards to another line, which may be mobile; the vendor decides",
              "a personal number forwards to another line, which may not take SMS, and this rule"
                  + " refuses personal numbers");
      case UNKNOWN ->
          uncertain(
              t,
              unknownAllowed,
              "the number's type is unknown (the parser has no numbering-plan data for it); the"
                  + " vendor decides",
              "the number's type is unknown and this rule refuses numbers of unknown type");
    };
  }

  /**
   * Whether a number of this type may be sent an SMS; {@link #capabilityOf(PhoneNumberType)} says
   * why.
   *
   * @param type the type; null is taken as {@link PhoneNumberType#UNKNOWN}
   * @return true if it can receive SMS by this rule
   */
  public boolean canReceiveSms(PhoneNumberType type) {
    return capabilityOf(type).canReceiveSms();
  }

  private static SmsCapability cannot(PhoneNumberType type, String reason) {
    return new SmsCapability(type, false, true, reason);
  }

  private static SmsCapability uncertain(
      PhoneNumberType type, boolean allowed, String allowedReason, String refusedReason) {
    return new SmsCapability(type, allowed, false, allowed ? allowedReason : refusedReason);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SmsCapabilityRule other
        && fixedLineOrMobileAllowed == other.fixedLineOrMobileAllowed
        && voipAllowed == other.voipAllowed
        && personalNumberAllowed == other.personalNumberAllowed
        && unknownAllowed == other.unknownAllowed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        fixedLineOrMobileAllowed, voipAllowed, personalNumberAllowed, unknownAllowed);
  }

  @Override
  public String toString() {
    return "SmsCapabilityRule{fixedLineOrMobileAllowed="
        + fixedLineOrMobileAllowed
        + ", voipAllowed="
        + voipAllowed
        + ", personalNumberAllowed="
        + personalNumberAllowed
        + ", unknownAllowed="
        + unknownAllowed
        + "}";
  }

  /** Builds an {@link SmsCapabilityRule}; every setting starts at its default. */
  public static final class Builder {
    private boolean fixedLineOrMobileAllowed = true;
    private boolean voipAllowed = true;
    private boolean personalNumberAllowed = true;
    private boolean unknownAllowed = true;

    private Builder() {}

    /**
     * Whether numbers that may be mobile or fixed-line ({@link
     * PhoneNumberType#FIXED_LINE_OR_MOBILE}) are allowed. Refusing them refuses most North American
     * numbers.
     *
     * @param allowed true (the default) to allow them
     * @return this builder
     */
    public Builder fixedLineOrMobileAllowed(boolean allowed) {
      this.fixedLineOrMobileAllowed = allowed;
      return this;
    }

    /**
     * Whether VoIP numbers are allowed.
     *
     * @param allowed true (the default) to allow them
     * @return this builder
     */
    public Builder voipAllowed(boolean allowed) {
      this.voipAllowed = allowed;
      return this;
    }

    /**
     * Whether personal (follow-me) numbers are allowed.
     *
     * @param allowed true (the default) to allow them
     * @return this builder
     */
    public Builder personalNumberAllowed(boolean allowed) {
      this.personalNumberAllowed = allowed;
      return this;
    }

    /**
     * Whether numbers of unknown type are allowed. Refusing them with a parser that has no
     * numbering-plan data refuses every number.
     *
     * @param allowed true (the default) to allow them
     * @return this builder
     */
    public Builder unknownAllowed(boolean allowed) {
      this.unknownAllowed = allowed;
      return this;
    }

    /**
     * Builds the rule.
     *
     * @return the rule
     */
    public SmsCapabilityRule build() {
      return new SmsCapabilityRule(this);
    }
  }
}
