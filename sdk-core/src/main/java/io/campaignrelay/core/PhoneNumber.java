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

  // The number is kept as its E.164 text ('+' and the digits), which a parser usually has in hand
  // already (the input itself): e164(), what most vendors send, then allocates nothing.
  private final String e164;
  // The digits without the plus, made on first use (racy but benign: every thread makes the same
  // immutable text).
  private String digits;

  private PhoneNumber(String e164) {
    this.e164 = e164;
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
    return ofCheckedE164(e164, e164);
  }

  /**
   * Creates a number from a text already known to be {@code '+'} followed by digits only (at least
   * one), keeping that text as it is. Package-private: the parsers use it for the common form.
   */
  static PhoneNumber ofCheckedE164(String input, String e164) {
    checkDigits(input, e164, 1);
    return new PhoneNumber(e164);
  }

  /**
   * Creates a number from international digits, country calling code first, without a plus.
   * Package-private: the parsers use it after cleaning the input.
   */
  static PhoneNumber ofInternationalDigits(String input, String digits) {
    checkDigits(input, digits, 0);
    PhoneNumber n = new PhoneNumber("+" + digits);
    n.digits = digits;
    return n;
  }

  /** Checks the digits of {@code text} from {@code from} on: the rules of E.164's number part. */
  private static void checkDigits(String input, String text, int from) {
    int count = text.length() - from;
    if (count <= 0) {
      throw new InvalidPhoneNumberException(
          input, InvalidPhoneNumberException.Reason.EMPTY, "give a number such as +447700900123");
    }
    if (text.charAt(from) == '0') {
      throw new InvalidPhoneNumberException(
          input,
          InvalidPhoneNumberException.Reason.BAD_COUNTRY_CODE,
          "has a country calling code starting with 0: country calling codes start with 1-9,"
              + " e.g. +44 for the UK; drop the national trunk prefix 0");
    }
    if (count < MIN_DIGITS) {
      throw new InvalidPhoneNumberException(
          input,
          InvalidPhoneNumberException.Reason.TOO_SHORT,
          "is too short ("
              + count
              + " digits): give at least "
              + MIN_DIGITS
              + " digits including the country calling code, e.g. +447700900123");
    }
    if (count > MAX_DIGITS) {
      throw new InvalidPhoneNumberException(
          input,
          InvalidPhoneNumberException.Reason.TOO_LONG,
          "is too long ("
              + count
              + " digits): E.164 allows at most "
              + MAX_DIGITS
              + " digits including the country calling code; remove extensions or extra digits");
    }
  }

  /**
   * The number with a leading plus.
   *
   * @return for example {@code +447700900123}
   */
  public String e164() {
    return e164;
  }

  /**
   * The international digits without the plus.
   *
   * @return for example {@code 447700900123}
   */
  public String digits() {
    String d = digits;
    if (d == null) {
      d = e164.substring(1);
      digits = d;
    }
    return d;
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
      case DIGITS_ONLY -> digits();
    };
  }

  /**
   * Whether the number starts with this country calling code.
   *
   * @param countryCallingCode for example 44
   * @return true if the digits start with the code
   */
  public boolean hasCountryCallingCode(int countryCallingCode) {
    return countryCallingCode > 0 && e164.startsWith(Integer.toString(countryCallingCode), 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PhoneNumber other && e164.equals(other.e164);
  }

  @Override
  public int hashCode() {
    return e164.hashCode();
  }

  @Override
  public int compareTo(PhoneNumber other) {
    // '+' leads both texts: the order of the E.164 texts is that of their digits
    return e164.compareTo(other.e164);
  }

  /** Returns the E.164 text. */
  @Override
  public String toString() {
    return e164;
  }
}
