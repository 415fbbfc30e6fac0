package io.campaignrelay.core;

/**
 * Turns free-form phone input (from a customer attribute, a CSV, a form) into a {@link
 * PhoneNumber}. sdk-core ships a small syntactic parser ({@link #basic()}, {@link #basic(int)}) and
 * no numbering-plan data; a host application that wants full validation plugs in its own
 * implementation, for example one backed by libphonenumber:
 *
 * <pre>{@code
 * PhoneNumberParser parser = input -> {
 *   try {
 *     var parsed = util.parse(input, "GB");
 *     if (!util.isValidNumber(parsed)) {
 *       throw new InvalidPhoneNumberException(input, Reason.NOT_A_VALID_NUMBER, "is not a valid number");
 *     }
 *     return PhoneNumber.ofE164(util.format(parsed, PhoneNumberFormat.E164));
 *   } catch (NumberParseException e) {
 *     throw new InvalidPhoneNumberException(input, Reason.NOT_A_VALID_NUMBER, e.getMessage());
 *   }
 * };
 * }</pre>
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface PhoneNumberParser {

  /**
   * Parses one number.
   *
   * @param input the text as given; may be null
   * @return the number in E.164 form
   * @throws InvalidPhoneNumberException when the input is not a usable number, with the reason
   */
  PhoneNumber parse(String input);

  /**
   * Parses one number and says what its numbering plan knows about it: type (mobile, fixed-line,
   * premium-rate...), region and country calling code, so that "cannot receive SMS" ({@link
   * PhoneNumberDetails#canReceiveSms()}) and the destination country ({@link DestinationPolicy})
   * can be decided before sending.
   *
   * <p>The default gives {@link PhoneNumberDetails#unclassified(PhoneNumber)} of {@link
   * #parse(String)}: type {@link PhoneNumberType#UNKNOWN} and no region, which is all a parser
   * without numbering-plan data (such as {@link #basic()}) can say. A parser backed by a
   * numbering-plan library overrides it; it must accept and reject exactly the inputs {@link
   * #parse(String)} does, and give the same number.
   *
   * @param input the text as given; may be null
   * @return the number with its details
   * @throws InvalidPhoneNumberException when the input is not a usable number, with the reason
   */
  default PhoneNumberDetails describe(String input) {
    return PhoneNumberDetails.unclassified(parse(input));
  }

  /**
   * The built-in parser for input that is already international: {@code +44 7700 900123}, {@code
   * 0044 7700 900123}. National numbers are rejected with {@link
   * InvalidPhoneNumberException.Reason#NO_COUNTRY_CODE}.
   *
   * @return the parser
   * @see #basic(int)
   */
  static PhoneNumberParser basic() {
    return new BasicPhoneNumberParser(0);
  }

  /**
   * The built-in parser, completing national numbers with a default country calling code. Rules, in
   * order:
   *
   * <ol>
   *   <li>spaces, {@code - . / ( )} are ignored; letters or any other character are an error;
   *   <li>{@code +} (only at the start) or a leading {@code 00} marks an international number;
   *   <li>a leading single {@code 0} is a national trunk prefix: it is replaced by the default
   *       country calling code ({@code 07700 900123} with 44 gives {@code +447700900123});
   *   <li>digits that already start with the default country calling code and have at least 10
   *       digits are taken as international without the plus ({@code 447700900123});
   *   <li>other digits are a national number without a trunk prefix ({@code 4155550123} with 1
   *       gives {@code +14155550123});
   *   <li>the result must have {@value PhoneNumber#MIN_DIGITS} to {@value PhoneNumber#MAX_DIGITS}
   *       digits.
   * </ol>
   *
   * <p>This is a syntactic check, not a numbering-plan check: plug in a library-backed parser for
   * that.
   *
   * @param defaultCountryCallingCode the country calling code of national numbers, 1 to 999
   * @return the parser
   * @throws ConfigurationException if the code is outside 1 to 999
   */
  static PhoneNumberParser basic(int defaultCountryCallingCode) {
    if (defaultCountryCallingCode < 1 || defaultCountryCallingCode > 999) {
      throw new ConfigurationException(
          "phone number parser",
          ConfigurationProblem.of(
              "defaultCountryCallingCode",
              defaultCountryCallingCode,
              "is not a country calling code: give 1 to 999 without '+' or '00', e.g. 44 for the"
                  + " UK or 1 for North America"));
    }
    return new BasicPhoneNumberParser(defaultCountryCallingCode);
  }
}
