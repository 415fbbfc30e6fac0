package io.campaignrelay.core;

/** The built-in syntactic parser; see {@link PhoneNumberParser#basic(int)} for the rules. */
final class BasicPhoneNumberParser implements PhoneNumberParser {

  private final int defaultCountryCallingCode; // 0 = none
  private final String defaultCode;

  BasicPhoneNumberParser(int defaultCountryCallingCode) {
    this.defaultCountryCallingCode = defaultCountryCallingCode;
    this.defaultCode =
        defaultCountryCallingCode == 0 ? "" : Integer.toString(defaultCountryCallingCode);
  }

  @Override
  public PhoneNumber parse(String input) {
    if (input != null && isPlusAndDigits(input)) {
      // the common form (+ and the digits only, nothing to strip) is read in one pass
      return PhoneNumber.ofCheckedE164(input, input);
    }
    if (input == null || input.isBlank()) {
      throw new InvalidPhoneNumberException(
          input,
          InvalidPhoneNumberException.Reason.EMPTY,
          "is empty: give a number such as +447700900123");
    }
    String text = input.strip();
    if (isPlusAndDigits(text)) {
      // the common form (+ and the digits only) needs no copy digit by digit
      return PhoneNumber.ofCheckedE164(input, text);
    }
    StringBuilder digits = new StringBuilder(text.length());
    boolean plus = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c == '+' && i == 0) {
        plus = true;
      } else if (c == ' '
          || c == '-'
          || c == '.'
          || c == '/'
          || c == '('
          || c == ')'
          || c == '\u00a0') {
        continue;
      } else {
        throw InvalidPhoneNumberException.badCharacter(input, c);
      }
    }
    String d = digits.toString();
    if (d.isEmpty()) {
      throw new InvalidPhoneNumberException(
          input,
          InvalidPhoneNumberException.Reason.EMPTY,
          "has no digits: give a number such as +447700900123");
    }
    if (plus) {
      return PhoneNumber.ofInternationalDigits(input, d);
    }
    if (d.startsWith("00")) {
      return PhoneNumber.ofInternationalDigits(input, d.substring(2));
    }
    if (defaultCountryCallingCode == 0) {
      throw new InvalidPhoneNumberException(
          input,
          InvalidPhoneNumberException.Reason.NO_COUNTRY_CODE,
          "is a national number without a country: give it in international form with '+' and"
              + " the country calling code (e.g. +447700900123), or configure a default country"
              + " calling code with PhoneNumberParser.basic(int)");
    }
    if (d.charAt(0) == '0') {
      return PhoneNumber.ofInternationalDigits(input, defaultCode + d.substring(1));
    }
    if (d.startsWith(defaultCode) && d.length() >= 10) {
      return PhoneNumber.ofInternationalDigits(input, d);
    }
    return PhoneNumber.ofInternationalDigits(input, defaultCode + d);
  }

  private static boolean isPlusAndDigits(String text) {
    if (text.length() < 2 || text.charAt(0) != '+') {
      return false;
    }
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "PhoneNumberParser.basic(" + (defaultCountryCallingCode == 0 ? "" : defaultCode) + ")";
  }
}
