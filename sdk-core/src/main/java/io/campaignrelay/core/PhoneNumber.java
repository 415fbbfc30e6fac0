package io.campaignrelay.core;

import java.util.Objects;

/**
 * A phone number in E.164 form: a {@code '+'}, a country calling code (first digit not zero) and
 * the subscriber number, {@value #MIN_DIGITS} to {@value #MAX_DIGITS} digits in all. Build one with
 * {@link #ofE164(String)} or, for free-form input, with a {@link PhoneNumberParser}.
 *
 * <p>The check is syntactic only (length and characters); whether the number exists or can receive
 * SMS is decided by the vendor, or by a {@link PhoneNumberParser} backed by a numbering-plan
 * library.
 *
 * <p>Vendors differ in how they want the number written: {@link #e164()} gives {@code
 * +447700900123}, {@link #digits()} gives {@code 447700900123} (international digits without the
 * plus, as some SMS APIs require); {@link #format(Format)} picks one by name.
 */
public final class PhoneNumber implements Comparable<PhoneNumber> {

  /** Fewest digits (country calling code included) accepted; the shortest numbering plans. */
  public static final int MIN_DIGITS = 7;

  /** Most digits (country calling code included) E.164 allows. */
  public static final int MAX_DIGITS = 15;

  /** How a number is written on the wire. */
  public enum Format {
    /** With the plus: {@code +447700900123}. */
    E164,
    /** International digits only, no plus: {@code 447700900123}. */
    DIGITS_ONLY
  }

  private final String digits;

  private PhoneNumber(String digits) {
    this.digits = digits;
  }

  /**
   * Creates a number from its strict E.164 text, {@code '+'} followed by digits only.
   *
   * @param e164 for example {@code "+447700900123"}
   * @return the number
   * @throws InvalidPhoneNumberException naming the reason when the text is not E.164
   */
  public static PhoneNumber ofE164(String e164) {
    if (e164 == null || e164.isEmpty()) {
      throw new InvalidPhoneNumberException(
          e164, InvalidPhoneNumberException.Reason.EMPTY, "give a number such as +447700900123");
    }
    if (e164.charAt(0) != '+') {
      throw new InvalidPhoneNumberException(
          e164,
          InvalidPhoneNumberException.Reason.NO_COUNTRY_CODE,
          "is not in E.164 form: start with '+' and the country calling code, e.g. +447700900123,"
              + " or use a PhoneNumberParser for free-form input");
    }
    for (int i = 1; i < e164.length(); i++) {
      char c = e164.charAt(i);
      if (c < '0' || c > '9') {
        throw InvalidPhoneNumberException.badCharacter(e164, c);
      }
    }
    return ofInternationalDigits(e164, e164.substring(1));
  }

  /**
   * Creates a number from international digits, country calling code first, without a plus.
   * Package-private: the parsers use it after cleaning the input.
   */
  static PhoneNumber ofInternationalDigits(String input, String digits) {
    if (digits.isEmpty()) {
      throw new InvalidPhoneNumberException(
          input, InvalidPhoneNumberException.Reason.EMPTY, "give a number such as +447700900123");
    }
    if (digits.charAt(0) == '0') {
      throw new InvalidPhoneNumberException(
          input,
          InvalidPhoneNumberException.Reason.BAD_COUNTRY_CODE,
          "has a country calling code starting with 0: country calling codes start with 1-9,"
              + " e.g. +44 for the UK; drop the national trunk prefix 0");
    }
    if (digits.length() < MIN_DIGITS) {
      throw new InvalidPhoneNumberException(
          input,
          InvalidPhoneNumberException.Reason.TOO_SHORT,
          "is too short ("
              + digits.length()
              + " digits): give at least "
              + MIN_DIGITS
              + " digits including the country calling code, e.g. +447700900123");
    }
    if (digits.length() > MAX_DIGITS) {
      throw new InvalidPhoneNumberException(
          input,
          InvalidPhoneNumberException.Reason.TOO_LONG,
          "is too long ("
              + digits.length()
              + " digits): E.164 allows at most "
              + MAX_DIGITS
              + " digits including the country calling code; remove extensions or extra digits");
    }
    return new PhoneNumber(digits);
  }

  /**
   * The number with a leading plus.
   *
   * @return for example {@code +447700900123}
   */
  public String e164() {
    return "+" + digits;
  }

  /**
   * The international digits without the plus.
   *
   * @return for example {@code 447700900123}
   */
  public String digits() {
    return digits;
  }

  /**
   * The number written in the given format.
   *
   * @param format the vendor's format
   * @return the text
   */
  public String format(Format format) {
    return switch (Objects.requireNonNull(format, "format")) {
      case E164 -> e164();
      case DIGITS_ONLY -> digits;
    };
  }

  /**
   * Whether the number starts with this country calling code.
   *
   * @param countryCallingCode for example 44
   * @return true if the digits start with the code
   */
  public boolean hasCountryCallingCode(int countryCallingCode) {
    return countryCallingCode > 0 && digits.startsWith(Integer.toString(countryCallingCode));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PhoneNumber other && digits.equals(other.digits);
  }

  @Override
  public int hashCode() {
    return digits.hashCode();
  }

  @Override
  public int compareTo(PhoneNumber other) {
    return digits.compareTo(other.digits);
  }

  /** Returns the E.164 text. */
  @Override
  public String toString() {
    return e164();
  }
}
