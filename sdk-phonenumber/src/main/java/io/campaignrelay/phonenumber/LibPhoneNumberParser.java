package io.campaignrelay.phonenumber;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.InvalidPhoneNumberException;
import io.campaignrelay.core.InvalidPhoneNumberException.Reason;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.PhoneNumberDetails;
import io.campaignrelay.core.PhoneNumberParser;
import io.campaignrelay.core.PhoneNumberType;
import io.campaignrelay.core.SmsCapability;
import io.campaignrelay.core.SmsCapabilityRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link PhoneNumberParser} on Google's libphonenumber: it reads national input with a default
 * region ({@code 07400 123456} in GB, {@code 098123 45678} or {@code 98123 45678} in IN, {@code
 * (201) 555-0123} in US) as well as international input ({@code +44 7400 123456}, {@code 0044 7400
 * 123456}), accepts only numbers valid in their region's numbering plan, and {@link
 * #describe(String) describes} each one: its {@link PhoneNumberType} (mobile, fixed-line,
 * premium-rate, toll-free, VoIP...), its region (ISO 3166-1 alpha-2) and country calling code.
 *
 * <pre>{@code
 * PhoneNumberParser uk = LibPhoneNumberParser.forRegion("GB");
 * PhoneNumberDetails d = uk.describe("07400 123456");
 * d.number();        // +447400123456
 * d.type();          // MOBILE
 * d.regionCode();    // Optional[GB]
 * d.canReceiveSms(); // true
 *
 * // Refuse, at parse time, numbers that cannot receive SMS and numbers of other countries: the
 * // engine then drops such recipients before sending.
 * PhoneNumberParser strict = LibPhoneNumberParser.builder()
 *     .defaultRegion("IN")
 *     .allowedRegions("IN")
 *     .smsCapableOnly(true)
 *     .build();
 * }</pre>
 *
 * <p>Input rules, in order:
 *
 * <ol>
 *   <li>null, blank, or more than {@value #MAX_INPUT_LENGTH} characters: rejected ({@link
 *       Reason#EMPTY}, {@link Reason#TOO_LONG});
 *   <li>spaces, {@code - . / ( )} are ignored; letters (vanity numbers, extensions) and any other
 *       character are rejected ({@link Reason#LETTERS}, {@link Reason#INVALID_CHARACTER}), as by
 *       core's {@link PhoneNumberParser#basic()};
 *   <li>{@code +} (only at the start) marks an international number; so does the default region's
 *       international prefix ({@code 00} in most of the world, {@code 011} in North America), and a
 *       leading {@code 00} in any region when the input is not a valid national number;
 *   <li>anything else is national and needs a default region ({@link Reason#NO_COUNTRY_CODE}
 *       without one); the national trunk prefix ({@code 0} in GB, IN, DE, FR, AU; {@code 1} in the
 *       US) may be given or left out;
 *   <li>the number must be valid by libphonenumber's metadata (a range assigned in its region's
 *       plan), else {@link Reason#TOO_SHORT}, {@link Reason#TOO_LONG}, {@link
 *       Reason#BAD_COUNTRY_CODE} or {@link Reason#NOT_A_VALID_NUMBER};
 *   <li>if {@linkplain Builder#allowedRegions(Collection) allowed regions} are set, a number of any
 *       other region (or of none, such as {@code +800} freephone) is rejected ({@link
 *       Reason#REGION_NOT_ALLOWED});
 *   <li>if {@linkplain Builder#smsCapableOnly(boolean) SMS-capable only}, a number that cannot
 *       receive SMS by the {@link SmsCapabilityRule} is rejected ({@link
 *       Reason#CANNOT_RECEIVE_SMS}).
 * </ol>
 *
 * <p>Validation follows the metadata strictly: numbers in ranges reserved and never assigned are
 * rejected, among them Ofcom's drama range {@code 07700 900000} to {@code 900999} (the UK's "555"
 * numbers, {@code +447700900123} in this SDK's own examples and fakes); test with a number in an
 * assigned range, such as libphonenumber's example {@code +447400123456}.
 *
 * <p>{@link #describe(String)} accepts and rejects exactly what {@link #parse(String)} does. Every
 * rejection is an {@link InvalidPhoneNumberException} naming the input (as core's parsers do: cut
 * and with control characters escaped) and the fix. A number's type comes from the plan: where a
 * region does not tell mobile from fixed-line numbers (the US, Canada) the type is {@link
 * PhoneNumberType#FIXED_LINE_OR_MOBILE}, which {@link SmsCapabilityRule#defaults()} allows.
 *
 * <p>Immutable and thread-safe: one instance may serve every thread (libphonenumber's {@code
 * PhoneNumberUtil} is itself thread-safe; its metadata loads once, on first use).
 */
public final class LibPhoneNumberParser implements PhoneNumberParser {

  /** Longest input accepted, in characters; longer input is rejected before parsing. */
  public static final int MAX_INPUT_LENGTH = 64;

  private static final String NON_GEOGRAPHIC = "001";
  private static final String UNKNOWN_REGION = "ZZ";

  private final PhoneNumberUtil util;
  private final String defaultRegion; // null = international input only
  private final Set<String> allowedRegions; // empty = any
  private final boolean smsCapableOnly;
  private final SmsCapabilityRule smsCapabilityRule;

  private LibPhoneNumberParser(Builder b, PhoneNumberUtil util) {
    this.util = util;
    this.defaultRegion = b.defaultRegion;
    this.allowedRegions = Collections.unmodifiableSet(new TreeSet<>(b.allowedRegions));
    this.smsCapableOnly = b.smsCapableOnly;
    this.smsCapabilityRule = b.smsCapabilityRule;
  }

  /**
   * A parser reading national numbers as numbers of this region; any region's numbers are accepted
   * in international form.
   *
   * @param defaultRegion an ISO 3166-1 alpha-2 code libphonenumber knows, such as {@code "GB"}
   *     (case is ignored)
   * @return the parser
   * @throws ConfigurationException if the region is not one libphonenumber knows
   */
  public static LibPhoneNumberParser forRegion(String defaultRegion) {
    return builder().defaultRegion(defaultRegion).build();
  }

  /**
   * A parser for international input only ({@code +} or {@code 00}); national input is rejected
   * with {@link Reason#NO_COUNTRY_CODE}.
   *
   * @return the parser
   */
  public static LibPhoneNumberParser international() {
    return builder().build();
  }

  /**
   * A builder: no default region, any region allowed, numbers that cannot receive SMS accepted.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from this parser's settings.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder()
        .defaultRegion(defaultRegion)
        .allowedRegions(allowedRegions)
        .smsCapableOnly(smsCapableOnly)
        .smsCapabilityRule(smsCapabilityRule);
  }

  /**
   * The region national input belongs to.
   *
   * @return the ISO 3166-1 alpha-2 code, upper case; empty for an international-only parser
   */
  public Optional<String> defaultRegion() {
    return Optional.ofNullable(defaultRegion);
  }

  /**
   * The regions whose numbers are accepted.
   *
   * @return the codes, upper case and sorted; empty means every region
   */
  public Set<String> allowedRegions() {
    return allowedRegions;
  }

  /**
   * Whether numbers that cannot receive SMS are rejected.
   *
   * @return false by default
   */
  public boolean smsCapableOnly() {
    return smsCapableOnly;
  }

  /**
   * The rule that decides which numbers can receive SMS, applied when {@link #smsCapableOnly()}.
   *
   * @return the rule
   */
  public SmsCapabilityRule smsCapabilityRule() {
    return smsCapabilityRule;
  }

  @Override
  public PhoneNumber parse(String input) {
    return describe(input).number();
  }

  @Override
  public PhoneNumberDetails describe(String input) {
    String text = checkCharacters(input);
    Phonenumber.PhoneNumber parsed = parseValid(input, text);
    PhoneNumberType type = Types.of(util.getNumberType(parsed));
    String region = util.getRegionCodeForNumber(parsed);
    if (region == null || region.equals(NON_GEOGRAPHIC) || region.equals(UNKNOWN_REGION)) {
      region = null;
    }
    if (!allowedRegions.isEmpty() && (region == null || !allowedRegions.contains(region))) {
      throw new InvalidPhoneNumberException(
          input,
          Reason.REGION_NOT_ALLOWED,
          (region == null
                  ? "is a non-geographic number (+" + parsed.getCountryCode() + ", no country)"
                  : "is a number of " + region)
              + ", and this parser accepts numbers of "
              + allowedRegions
              + " only: give a number of those regions, or add the region to allowedRegions");
    }
    if (smsCapableOnly) {
      SmsCapability sms = smsCapabilityRule.capabilityOf(type);
      if (!sms.canReceiveSms()) {
        throw new InvalidPhoneNumberException(
            input,
            Reason.CANNOT_RECEIVE_SMS,
            "is a valid number that cannot receive SMS ("
                + sms.reason()
                + "): give a mobile number");
      }
    }
    PhoneNumber number = PhoneNumber.ofE164(util.format(parsed, PhoneNumberFormat.E164));
    return PhoneNumberDetails.builder()
        .number(number)
        .type(type)
        .regionCode(region)
        .countryCallingCode(parsed.getCountryCode())
        .build();
  }

  /** Checks emptiness, length and characters; returns the stripped text. */
  private static String checkCharacters(String input) {
    if (input == null || input.isBlank()) {
      throw new InvalidPhoneNumberException(
          input, Reason.EMPTY, "is empty: give a number such as +447700900123");
    }
    String text = input.strip();
    if (text.length() > MAX_INPUT_LENGTH) {
      throw new InvalidPhoneNumberException(
          input,
          Reason.TOO_LONG,
          "is too long ("
              + text.length()
              + " characters): a phone number has at most 15 digits; remove extensions or extra"
              + " text");
    }
    boolean anyDigit = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        anyDigit = true;
      } else if (c == '+' && i == 0) {
        continue;
      } else if (c == ' '
          || c == '-'
          || c == '.'
          || c == '/'
          || c == '('
          || c == ')'
          || c == '\u00a0') {
        continue;
      } else if (Character.isLetter(c)) {
        throw new InvalidPhoneNumberException(
            input,
            Reason.LETTERS,
            "has letters: give digits only, with an optional leading '+' and country calling"
                + " code (vanity numbers and extensions are not accepted)");
      } else {
        throw new InvalidPhoneNumberException(
            input,
            Reason.INVALID_CHARACTER,
            "has the character "
                + describeChar(c)
                + ": give digits only, with an optional leading '+' and country calling code"
                + " (spaces, '-', '.', '/' and parentheses are ignored)");
      }
    }
    if (!anyDigit) {
      throw new InvalidPhoneNumberException(
          input, Reason.EMPTY, "has no digits: give a number such as +447700900123");
    }
    return text;
  }

  private static String describeChar(char c) {
    if (Character.isISOControl(c) || Character.isWhitespace(c) || !Character.isDefined(c)) {
      return String.format(Locale.ROOT, "U+%04X", (int) c);
    }
    return "'" + c + "'";
  }

  /** Parses with the rules of the class documentation and requires a valid number. */
  private Phonenumber.PhoneNumber parseValid(String input, String text) {
    boolean plus = text.charAt(0) == '+';
    boolean doubleZero = !plus && leadingDigits(text).startsWith("00");
    if (plus) {
      return validOrThrow(input, text, null);
    }
    if (defaultRegion == null) {
      if (doubleZero) {
        return validOrThrow(input, asInternational(text), null);
      }
      throw new InvalidPhoneNumberException(
          input,
          Reason.NO_COUNTRY_CODE,
          "is a national number without a country: give it in international form with '+' and"
              + " the country calling code (e.g. +447700900123), or configure a default region"
              + " with LibPhoneNumberParser.forRegion(\"GB\")");
    }
    if (!doubleZero) {
      return validOrThrow(input, text, defaultRegion);
    }
    // "00..." in a region whose international prefix is not 00 (011 in the US): national first,
    // then international, and the international attempt's error if both fail.
    try {
      return validOrThrow(input, text, defaultRegion);
    } catch (InvalidPhoneNumberException nationalFailed) {
      return validOrThrow(input, asInternational(text), null);
    }
  }

  private Phonenumber.PhoneNumber validOrThrow(String input, String text, String region) {
    Phonenumber.PhoneNumber parsed;
    try {
      parsed = util.parse(text, region == null ? UNKNOWN_REGION : region);
    } catch (NumberParseException e) {
      throw fromParseError(input, e.getErrorType(), region);
    }
    if (util.isValidNumber(parsed)) {
      return parsed;
    }
    String where = where(parsed.getCountryCode());
    PhoneNumberUtil.ValidationResult possible = util.isPossibleNumberWithReason(parsed);
    switch (possible) {
      case TOO_SHORT:
        throw new InvalidPhoneNumberException(
            input, Reason.TOO_SHORT, "is too short for " + where + ": check for missing digits");
      case TOO_LONG:
        throw new InvalidPhoneNumberException(
            input,
            Reason.TOO_LONG,
            "is too long for " + where + ": check for extra digits and remove any extension");
      case INVALID_COUNTRY_CODE:
        throw new InvalidPhoneNumberException(
            input,
            Reason.BAD_COUNTRY_CODE,
            "has an unknown country calling code (+"
                + parsed.getCountryCode()
                + "): check the digits after '+' or '00'");
      case IS_POSSIBLE_LOCAL_ONLY:
        throw new InvalidPhoneNumberException(
            input,
            Reason.NOT_A_VALID_NUMBER,
            "is a local number without its area code in "
                + where
                + ": give the full national number with the area code, or the international"
                + " form");
      case INVALID_LENGTH:
        throw new InvalidPhoneNumberException(
            input,
            Reason.NOT_A_VALID_NUMBER,
            "has a length no number of " + where + " has: check the digits");
      default:
        throw new InvalidPhoneNumberException(
            input,
            Reason.NOT_A_VALID_NUMBER,
            "is not a valid number of "
                + where
                + ": no such range is assigned in its numbering plan; check the digits"
                + (region == null
                    ? ""
                    : " (national input is read as a number of " + region + ")"));
    }
  }

  private InvalidPhoneNumberException fromParseError(
      String input, NumberParseException.ErrorType error, String region) {
    switch (error) {
      case INVALID_COUNTRY_CODE:
        return new InvalidPhoneNumberException(
            input,
            Reason.BAD_COUNTRY_CODE,
            "has no known country calling code: after '+' or '00' give a country calling code"
                + " such as 44 (UK), 91 (India) or 1 (North America)");
      case TOO_SHORT_AFTER_IDD:
      case TOO_SHORT_NSN:
        return new InvalidPhoneNumberException(
            input,
            Reason.TOO_SHORT,
            "is too short"
                + (region == null ? "" : " for " + region)
                + ": give the full number, e.g. +447700900123");
      case TOO_LONG:
        return new InvalidPhoneNumberException(
            input,
            Reason.TOO_LONG,
            "is too long: a phone number has at most 15 digits; remove extensions or extra digits");
      default:
        return new InvalidPhoneNumberException(
            input,
            Reason.NOT_A_VALID_NUMBER,
            "is not a phone number: give digits such as +447700900123");
    }
  }

  /** "+44 (GB)", "+1 (US)" (the code's main region) or "+800 (non-geographic)" for messages. */
  private String where(int countryCode) {
    String main = util.getRegionCodeForCountryCode(countryCode);
    if (main == null || main.equals(UNKNOWN_REGION)) {
      return "+" + countryCode;
    }
    if (main.equals(NON_GEOGRAPHIC)) {
      return "+" + countryCode + " (non-geographic)";
    }
    return "+" + countryCode + " (" + main + ")";
  }

  private static String leadingDigits(String text) {
    StringBuilder sb = new StringBuilder(3);
    for (int i = 0; i < text.length() && sb.length() < 2; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Replaces the leading "00" (separators allowed between) by '+'. */
  private static String asInternational(String text) {
    int zeros = 0;
    int i = 0;
    while (zeros < 2) {
      if (text.charAt(i) == '0') {
        zeros++;
      }
      i++;
    }
    return "+" + text.substring(i);
  }

  @Override
  public String toString() {
    return "LibPhoneNumberParser{defaultRegion="
        + (defaultRegion == null ? "none" : defaultRegion)
        + ", allowedRegions="
        + (allowedRegions.isEmpty() ? "any" : allowedRegions.toString())
        + ", smsCapableOnly="
        + smsCapableOnly
        + "}";
  }

  /** Builds a {@link LibPhoneNumberParser}; {@link #build()} checks every setting at once. */
  public static final class Builder {
    private String defaultRegion;
    private final List<String> allowedRegions = new ArrayList<>();
    private boolean smsCapableOnly;
    private SmsCapabilityRule smsCapabilityRule = SmsCapabilityRule.defaults();

    private Builder() {}

    /**
     * The region of national input.
     *
     * @param regionCode an ISO 3166-1 alpha-2 code libphonenumber knows, such as {@code "GB"} (case
     *     is ignored); null (the default) for international input only
     * @return this builder
     */
    public Builder defaultRegion(String regionCode) {
      this.defaultRegion = regionCode;
      return this;
    }

    /**
     * The regions whose numbers are accepted, replacing any set before; others are rejected with
     * {@link Reason#REGION_NOT_ALLOWED}. Empty (the default) accepts every region. Regions that
     * share a calling code are separate: {@code GB} does not accept a Jersey ({@code JE}), Guernsey
     * ({@code GG}) or Isle of Man ({@code IM}) mobile, though all are +44.
     *
     * @param regionCodes ISO 3166-1 alpha-2 codes libphonenumber knows; case is ignored
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
     * The regions whose numbers are accepted, replacing any set before.
     *
     * @param regionCodes ISO 3166-1 alpha-2 codes libphonenumber knows; case is ignored
     * @return this builder
     * @see #allowedRegions(Collection)
     */
    public Builder allowedRegions(String... regionCodes) {
      return allowedRegions(regionCodes == null ? null : Arrays.asList(regionCodes));
    }

    /**
     * Whether a valid number that cannot receive SMS (by {@link
     * #smsCapabilityRule(SmsCapabilityRule)}) is rejected with {@link Reason#CANNOT_RECEIVE_SMS}.
     * With the engine, such a recipient is then dropped before sending.
     *
     * @param smsCapableOnly true to reject; false (the default) to accept and only describe
     * @return this builder
     */
    public Builder smsCapableOnly(boolean smsCapableOnly) {
      this.smsCapableOnly = smsCapableOnly;
      return this;
    }

    /**
     * The rule deciding which numbers can receive SMS.
     *
     * @param rule the rule; null means {@link SmsCapabilityRule#defaults()} (the default)
     * @return this builder
     */
    public Builder smsCapabilityRule(SmsCapabilityRule rule) {
      this.smsCapabilityRule = rule == null ? SmsCapabilityRule.defaults() : rule;
      return this;
    }

    /**
     * Builds the parser.
     *
     * @return the parser
     * @throws ConfigurationException listing every region code libphonenumber does not know, and a
     *     default region left out of the allowed regions (national input would always be refused)
     */
    public LibPhoneNumberParser build() {
      PhoneNumberUtil util = PhoneNumberUtil.getInstance();
      Set<String> supported = util.getSupportedRegions();
      List<ConfigurationProblem> problems = new ArrayList<>();
      String region = null;
      if (defaultRegion != null) {
        region = defaultRegion.strip().toUpperCase(Locale.ROOT);
        if (!supported.contains(region)) {
          problems.add(ConfigurationProblem.of("defaultRegion", defaultRegion, regionFix(region)));
          region = null;
        }
      }
      List<String> allowed = new ArrayList<>();
      for (int i = 0; i < allowedRegions.size(); i++) {
        String raw = allowedRegions.get(i);
        String code = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
        if (!supported.contains(code)) {
          problems.add(ConfigurationProblem.of("allowedRegions[" + i + "]", raw, regionFix(code)));
        } else {
          allowed.add(code);
        }
      }
      if (region != null && !allowed.isEmpty() && !allowed.contains(region)) {
        problems.add(
            ConfigurationProblem.of(
                "defaultRegion",
                region,
                "is not among allowedRegions "
                    + allowed
                    + ": every national number would be rejected; add "
                    + region
                    + " to allowedRegions or change the default region"));
      }
      ConfigurationException.throwIfAny("LibPhoneNumberParser settings", problems);
      Builder checked =
          new Builder()
              .defaultRegion(region)
              .smsCapableOnly(smsCapableOnly)
              .smsCapabilityRule(smsCapabilityRule);
      checked.allowedRegions.addAll(allowed);
      return new LibPhoneNumberParser(checked, util);
    }

    private static String regionFix(String code) {
      if (code.equals("UK")) {
        return "is not an ISO 3166-1 alpha-2 code: the United Kingdom is GB";
      }
      return "is not a region libphonenumber knows: give an ISO 3166-1 alpha-2 country code such"
          + " as GB, IN, US or DE";
    }
  }
}
