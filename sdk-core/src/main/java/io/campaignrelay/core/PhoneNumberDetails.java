package io.campaignrelay.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A parsed phone number with what its numbering plan says about it: its {@link PhoneNumberType},
 * the region (ISO 3166-1 alpha-2 country code) it belongs to and its country calling code. A {@link
 * PhoneNumberParser} gives one through {@link PhoneNumberParser#describe(String)}; a parser without
 * numbering-plan data gives an {@link #unclassified(PhoneNumber) unclassified} one (type {@link
 * PhoneNumberType#UNKNOWN}, no region, no country calling code).
 *
 * <p>The region is what a {@link DestinationPolicy} allows destination countries by; it is empty
 * when unknown and for non-geographic numbers (international freephone {@code +800}, satellite and
 * other global services), which belong to no country.
 *
 * <p>Immutable and thread-safe.
 */
public final class PhoneNumberDetails {

  private final PhoneNumber number;
  private final PhoneNumberType type;
  private final String regionCode; // null = unknown or non-geographic
  private final int countryCallingCode; // 0 = unknown

  private PhoneNumberDetails(Builder b) {
    this.number = b.number;
    this.type = b.type;
    this.regionCode = b.regionCode;
    this.countryCallingCode = b.countryCallingCode;
  }

  /**
   * Details that say nothing beyond the number itself: type {@link PhoneNumberType#UNKNOWN}, no
   * region, no country calling code. What a parser without numbering-plan data gives.
   *
   * @param number the number
   * @return the details
   * @throws ConfigurationException if {@code number} is null
   */
  public static PhoneNumberDetails unclassified(PhoneNumber number) {
    return builder().number(number).build();
  }

  /**
   * A builder; {@link Builder#number(PhoneNumber)} is required, the type defaults to {@link
   * PhoneNumberType#UNKNOWN}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these details.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder()
        .number(number)
        .type(type)
        .regionCode(regionCode)
        .countryCallingCode(countryCallingCode);
  }

  /**
   * The number in E.164 form.
   *
   * @return the number
   */
  public PhoneNumber number() {
    return number;
  }

  /**
   * The type of line, {@link PhoneNumberType#UNKNOWN} when the parser cannot tell.
   *
   * @return the type
   */
  public PhoneNumberType type() {
    return type;
  }

  /**
   * The ISO 3166-1 alpha-2 code of the country or territory the number belongs to, upper case
   * ({@code "GB"}, {@code "IN"}, {@code "US"}).
   *
   * @return the code; empty when unknown or for a non-geographic number
   */
  public Optional<String> regionCode() {
    return Optional.ofNullable(regionCode);
  }

  /**
   * The country calling code, such as 44 for the United Kingdom.
   *
   * @return the code; empty when the parser does not know it
   */
  public OptionalInt countryCallingCode() {
    return countryCallingCode == 0 ? OptionalInt.empty() : OptionalInt.of(countryCallingCode);
  }

  /**
   * Whether the number can receive SMS by the default rule ({@link SmsCapabilityRule#defaults()}:
   * mobile yes; fixed-line, premium-rate, toll-free, shared-cost, UAN, voicemail and pager no; the
   * types a numbering plan cannot settle yes). Use {@link #smsCapability(SmsCapabilityRule)} for
   * another rule or for the reason.
   *
   * @return true if an SMS may be sent to it
   */
  public boolean canReceiveSms() {
    return SmsCapabilityRule.defaults().canReceiveSms(type);
  }

  /**
   * The SMS decision for this number under a rule, with its reason.
   *
   * @param rule the rule; null means {@link SmsCapabilityRule#defaults()}
   * @return the decision
   */
  public SmsCapability smsCapability(SmsCapabilityRule rule) {
    return (rule == null ? SmsCapabilityRule.defaults() : rule).capabilityOf(type);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PhoneNumberDetails other
        && number.equals(other.number)
        && type == other.type
        && Objects.equals(regionCode, other.regionCode)
        && countryCallingCode == other.countryCallingCode;
  }

  @Override
  public int hashCode() {
    return Objects.hash(number, type, regionCode, countryCallingCode);
  }

  /** Renders {@code PhoneNumberDetails{number=+447700900123, type=MOBILE, region=GB, cc=44}}. */
  @Override
  public String toString() {
    return "PhoneNumberDetails{number="
        + number
        + ", type="
        + type
        + ", region="
        + (regionCode == null ? "unknown" : regionCode)
        + ", cc="
        + (countryCallingCode == 0 ? "unknown" : Integer.toString(countryCallingCode))
        + "}";
  }

  /** Builds {@link PhoneNumberDetails}; {@link #build()} checks every setting at once. */
  public static final class Builder {
    private PhoneNumber number;
    private PhoneNumberType type = PhoneNumberType.UNKNOWN;
    private String regionCode;
    private int countryCallingCode;

    private Builder() {}

    /**
     * The number. Required.
     *
     * @param number the number in E.164 form
     * @return this builder
     */
    public Builder number(PhoneNumber number) {
      this.number = number;
      return this;
    }

    /**
     * The type of line.
     *
     * @param type the type; null means {@link PhoneNumberType#UNKNOWN} (the default)
     * @return this builder
     */
    public Builder type(PhoneNumberType type) {
      this.type = type == null ? PhoneNumberType.UNKNOWN : type;
      return this;
    }

    /**
     * The ISO 3166-1 alpha-2 region code; two letters, upper-cased here.
     *
     * @param regionCode for example {@code "GB"}; null (the default) when unknown or non-geographic
     * @return this builder
     */
    public Builder regionCode(String regionCode) {
      this.regionCode = regionCode == null ? null : Regions.upper(regionCode);
      return this;
    }

    /**
     * The country calling code.
     *
     * @param countryCallingCode 1 to 999; 0 (the default) when unknown
     * @return this builder
     */
    public Builder countryCallingCode(int countryCallingCode) {
      this.countryCallingCode = countryCallingCode;
      return this;
    }

    /**
     * Builds the details.
     *
     * @return the details
     * @throws ConfigurationException listing every problem: no number, a region code that is not
     *     two letters, a country calling code outside 0 to 999 or one the number does not start
     *     with
     */
    public PhoneNumberDetails build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (number == null) {
        problems.add(
            ConfigurationProblem.of(
                "number", null, "is required: give the parsed number, e.g. +447700900123"));
      }
      if (regionCode != null && !Regions.isTwoLetters(regionCode)) {
        problems.add(
            ConfigurationProblem.of(
                "regionCode",
                regionCode,
                "is not an ISO 3166-1 alpha-2 code: give two letters such as GB, or null when the"
                    + " region is unknown or the number is non-geographic"));
      }
      if (countryCallingCode < 0 || countryCallingCode > 999) {
        problems.add(
            ConfigurationProblem.of(
                "countryCallingCode",
                countryCallingCode,
                "is not a country calling code: give 1 to 999 (44 for the UK), or 0 when unknown"));
      } else if (number != null
          && countryCallingCode > 0
          && !number.hasCountryCallingCode(countryCallingCode)) {
        problems.add(
            ConfigurationProblem.of(
                "countryCallingCode",
                countryCallingCode,
                "does not begin the number " + number + ": give the number's own calling code"));
      }
      ConfigurationException.throwIfAny("phone number details", problems);
      return new PhoneNumberDetails(this);
    }
  }
}
