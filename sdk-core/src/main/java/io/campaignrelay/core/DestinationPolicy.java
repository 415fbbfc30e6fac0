package io.campaignrelay.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which destination numbers may be sent an SMS: allowed regions (ISO 3166-1 alpha-2 country codes)
 * and allowed E.164 prefixes, with premium-rate numbers, numbers that cannot receive SMS and
 * numbers of unknown country refused. It guards any path where the destination comes from input an
 * attacker may control (a number in an inbound event's payload), against SMS pumping: toll fraud
 * through premium-rate or foreign numbers.
 *
 * <p>The policy is vendor-neutral, so it lives in sdk-core: it reads only {@link
 * PhoneNumberDetails}. Its strength depends on the parser that made them: with a parser backed by
 * numbering-plan data (sdk-phonenumber's {@code LibPhoneNumberParser}) it knows each number's
 * region and type; with {@link PhoneNumberParser#basic()} every number has an unknown region and
 * type, so only allowed prefixes can let a number through.
 *
 * <p>The rules, in order, for {@link #verdictFor(PhoneNumberDetails)}:
 *
 * <ol>
 *   <li>a {@link PhoneNumberType#PREMIUM_RATE} number is refused ({@link
 *       DestinationVerdict.Reason#PREMIUM_RATE}), even if its region or prefix is allowed;
 *   <li>a number that cannot receive SMS by the policy's {@link SmsCapabilityRule} is refused
 *       ({@link DestinationVerdict.Reason#CANNOT_RECEIVE_SMS});
 *   <li>a number that starts with an allowed prefix is allowed ({@link
 *       DestinationVerdict.Reason#ALLOWED_PREFIX}): the operator named that range;
 *   <li>a number whose region is unknown (non-geographic, or not known to the parser) is refused
 *       ({@link DestinationVerdict.Reason#UNKNOWN_REGION});
 *   <li>a number whose region is allowed is allowed ({@link
 *       DestinationVerdict.Reason#ALLOWED_REGION}); any other is refused ({@link
 *       DestinationVerdict.Reason#NOT_ALLOWED}).
 * </ol>
 *
 * <p>Regions are ISO codes, not calling codes: territories that share a calling code are separate
 * regions ({@code GB} does not include Guernsey {@code GG}, Jersey {@code JE} or the Isle of Man
 * {@code IM}, all on +44; {@code US} does not include Canada or the Caribbean on +1). To allow a
 * whole calling code, allow its prefix ({@code "+44"}).
 *
 * <p>A policy with no allowed region and no allowed prefix refuses every number: nothing is allowed
 * unless configured. Immutable and thread-safe.
 *
 * <pre>{@code
 * DestinationPolicy policy = DestinationPolicy.builder()
 *     .allowedRegions("GB", "IE")
 *     .allowedPrefixes("+3538")
 *     .build();
 * DestinationVerdict verdict = policy.verdictFor(payloadNumber, parser);
 * if (!verdict.allowed()) {
 *   log.warn("destination refused: {} ({})", verdict.reason(), verdict.message());
 * }
 * }</pre>
 */
public final class DestinationPolicy {

  private final Set<String> allowedRegions;
  private final Set<String> allowedPrefixes;
  private final SmsCapabilityRule smsCapabilityRule;

  private DestinationPolicy(Builder b) {
    this.allowedRegions = Collections.unmodifiableSet(new TreeSet<>(b.allowedRegions));
    this.allowedPrefixes = Collections.unmodifiableSet(new TreeSet<>(b.allowedPrefixes));
    this.smsCapabilityRule = b.smsCapabilityRule;
  }

  /**
   * A builder: no allowed region, no allowed prefix, {@link SmsCapabilityRule#defaults()}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from this policy.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder()
        .allowedRegions(allowedRegions)
        .allowedPrefixes(allowedPrefixes)
        .smsCapabilityRule(smsCapabilityRule);
  }

  /**
   * The allowed regions, upper case, sorted.
   *
   * @return the regions; may be empty
   */
  public Set<String> allowedRegions() {
    return allowedRegions;
  }

  /**
   * The allowed E.164 prefixes, each with its {@code '+'}, sorted.
   *
   * @return the prefixes; may be empty
   */
  public Set<String> allowedPrefixes() {
    return allowedPrefixes;
  }

  /**
   * The rule deciding which number types can receive SMS.
   *
   * @return the rule
   */
  public SmsCapabilityRule smsCapabilityRule() {
    return smsCapabilityRule;
  }

  /**
   * The decision for a parsed number; see the class documentation for the rules.
   *
   * @param details the number with its type and region, e.g. from {@link
   *     PhoneNumberParser#describe(String)}; null is refused as {@link
   *     DestinationVerdict.Reason#INVALID_NUMBER}
   * @return the verdict
   */
  public DestinationVerdict verdictFor(PhoneNumberDetails details) {
    if (details == null) {
      return DestinationVerdict.of(
          DestinationVerdict.Reason.INVALID_NUMBER, "no destination number was given", null);
    }
    if (details.type() == PhoneNumberType.PREMIUM_RATE) {
      return DestinationVerdict.of(
          DestinationVerdict.Reason.PREMIUM_RATE,
          "a premium-rate number" + regionNote(details) + " is never a destination",
          details);
    }
    SmsCapability sms = smsCapabilityRule.capabilityOf(details.type());
    if (!sms.canReceiveSms()) {
      return DestinationVerdict.of(
          DestinationVerdict.Reason.CANNOT_RECEIVE_SMS,
          sms.reason() + regionNote(details),
          details);
    }
    String e164 = details.number().e164();
    for (String prefix : allowedPrefixes) {
      if (e164.startsWith(prefix)) {
        return DestinationVerdict.of(
            DestinationVerdict.Reason.ALLOWED_PREFIX,
            "the number starts with the allowed prefix " + prefix,
            details);
      }
    }
    if (details.regionCode().isEmpty()) {
      return DestinationVerdict.of(
          DestinationVerdict.Reason.UNKNOWN_REGION,
          "the number's country is unknown (a non-geographic number, or a parser without"
              + " numbering-plan data) and no allowed prefix matches it",
          details);
    }
    String region = details.regionCode().get();
    if (allowedRegions.contains(region)) {
      return DestinationVerdict.of(
          DestinationVerdict.Reason.ALLOWED_REGION,
          "the number's region " + region + " is allowed",
          details);
    }
    return DestinationVerdict.of(
        DestinationVerdict.Reason.NOT_ALLOWED,
        "the number's region "
            + region
            + " is not an allowed destination"
            + (allowedRegions.isEmpty() && allowedPrefixes.isEmpty()
                ? " (the policy allows no region or prefix)"
                : "")
            + "; allowed regions "
            + allowedRegions
            + ", allowed prefixes "
            + allowedPrefixes,
        details);
  }

  /**
   * Parses the input with the parser and decides; an input the parser rejects is refused as {@link
   * DestinationVerdict.Reason#INVALID_NUMBER}, never thrown.
   *
   * @param input the number as given, e.g. from an inbound payload; may be null
   * @param parser the parser; its {@link PhoneNumberParser#describe(String)} supplies type and
   *     region
   * @return the verdict
   * @throws ConfigurationException if {@code parser} is null
   */
  public DestinationVerdict verdictFor(String input, PhoneNumberParser parser) {
    if (parser == null) {
      throw new ConfigurationException(
          "destination check",
          ConfigurationProblem.of(
              "parser", null, "is required: give the PhoneNumberParser that reads the input"));
    }
    PhoneNumberDetails details;
    try {
      details = parser.describe(input);
    } catch (ConfigurationException e) {
      // The fix texts name the problem, not the value: the verdict's message holds no input.
      StringBuilder why = new StringBuilder("the input is not a usable phone number: ");
      for (int i = 0; i < e.problems().size(); i++) {
        why.append(i == 0 ? "" : "; ").append(e.problems().get(i).fix());
      }
      return DestinationVerdict.of(DestinationVerdict.Reason.INVALID_NUMBER, why.toString(), null);
    }
    return verdictFor(details);
  }

  private static String regionNote(PhoneNumberDetails details) {
    return details.regionCode().map(r -> " (" + r + ")").orElse("");
  }

  @Override
  public String toString() {
    return "DestinationPolicy{allowedRegions="
        + allowedRegions
        + ", allowedPrefixes="
        + allowedPrefixes
        + ", smsCapabilityRule="
        + smsCapabilityRule
        + "}";
  }

  /** Builds a {@link DestinationPolicy}; {@link #build()} checks every setting at once. */
  public static final class Builder {
    private final List<String> allowedRegions = new ArrayList<>();
    private final List<String> allowedPrefixes = new ArrayList<>();
    private SmsCapabilityRule smsCapabilityRule = SmsCapabilityRule.defaults();

    private Builder() {}

    /**
     * The allowed destination regions, replacing any set before.
     *
     * @param regionCodes ISO 3166-1 alpha-2 codes such as {@code "GB"}; case is ignored
     * @return this builder
     */
    public Builder allowedRegions(Collection<String> regionCodes) {
      allowedRegions.clear();
      if (regionCodes != null) {
        allowedRegions.addAll(regionCodes);
      }
      return this;
    }

    /**
     * The allowed destination regions, replacing any set before.
     *
     * @param regionCodes ISO 3166-1 alpha-2 codes such as {@code "GB"}; case is ignored
     * @return this builder
     */
    public Builder allowedRegions(String... regionCodes) {
      return allowedRegions(regionCodes == null ? null : Arrays.asList(regionCodes));
    }

    /**
     * The allowed E.164 prefixes, replacing any set before. A number starting with one is allowed
     * whatever its region (but premium-rate numbers and numbers that cannot receive SMS are still
     * refused).
     *
     * @param prefixes each a {@code '+'} then 1 to 15 digits, the first not 0, e.g. {@code "+447"}
     * @return this builder
     */
    public Builder allowedPrefixes(Collection<String> prefixes) {
      allowedPrefixes.clear();
      if (prefixes != null) {
        allowedPrefixes.addAll(prefixes);
      }
      return this;
    }

    /**
     * The allowed E.164 prefixes, replacing any set before.
     *
     * @param prefixes each a {@code '+'} then 1 to 15 digits, the first not 0, e.g. {@code "+447"}
     * @return this builder
     * @see #allowedPrefixes(Collection)
     */
    public Builder allowedPrefixes(String... prefixes) {
      return allowedPrefixes(prefixes == null ? null : Arrays.asList(prefixes));
    }

    /**
     * The rule deciding which number types can receive SMS.
     *
     * @param rule the rule; null means {@link SmsCapabilityRule#defaults()} (the default)
     * @return this builder
     */
    public Builder smsCapabilityRule(SmsCapabilityRule rule) {
      this.smsCapabilityRule = rule == null ? SmsCapabilityRule.defaults() : rule;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws ConfigurationException listing every region code that is not an ISO 3166-1 alpha-2
     *     country code and every prefix that is not {@code '+'} and digits
     */
    public DestinationPolicy build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      List<String> regions = new ArrayList<>();
      for (int i = 0; i < allowedRegions.size(); i++) {
        String raw = allowedRegions.get(i);
        String field = "allowedRegions[" + i + "]";
        if (raw == null || raw.isBlank()) {
          problems.add(
              ConfigurationProblem.of(field, raw, "is empty: give a region code such as GB"));
          continue;
        }
        String code = Regions.upper(raw);
        if (!Regions.isKnownCountry(code)) {
          problems.add(ConfigurationProblem.of(field, raw, Regions.unknownCountryFix(code)));
        } else {
          regions.add(code);
        }
      }
      List<String> prefixes = new ArrayList<>();
      for (int i = 0; i < allowedPrefixes.size(); i++) {
        String raw = allowedPrefixes.get(i);
        String problem = prefixProblem(raw);
        if (problem != null) {
          problems.add(ConfigurationProblem.of("allowedPrefixes[" + i + "]", raw, problem));
        } else {
          prefixes.add(raw.strip());
        }
      }
      ConfigurationException.throwIfAny("destination policy", problems);
      Builder checked = new Builder().smsCapabilityRule(smsCapabilityRule);
      checked.allowedRegions.addAll(regions);
      checked.allowedPrefixes.addAll(prefixes);
      return new DestinationPolicy(checked);
    }

    private static String prefixProblem(String raw) {
      String fix =
          "is not an E.164 prefix: give '+' and the leading digits, country calling code first,"
              + " e.g. +44 or +447";
      if (raw == null || raw.isBlank()) {
        return fix;
      }
      String p = raw.strip();
      if (p.length() < 2 || p.charAt(0) != '+' || p.length() > 1 + PhoneNumber.MAX_DIGITS) {
        return fix;
      }
      for (int i = 1; i < p.length(); i++) {
        char c = p.charAt(i);
        if (c < '0' || c > '9') {
          return fix;
        }
      }
      if (p.charAt(1) == '0') {
        return "has a country calling code starting with 0: country calling codes start with 1-9";
      }
      return null;
    }
  }
}
