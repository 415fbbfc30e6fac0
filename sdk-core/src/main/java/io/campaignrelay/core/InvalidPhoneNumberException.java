package io.campaignrelay.core;

import io.campaignrelay.core.implementation.Texts;
import java.util.Objects;

/**
 * A phone number could not be read. {@link #reason()} says why in a form a program can act on (the
 * engine drops the recipient with an "invalid phone format" rejection); the message names the
 * field, the value and the fix.
 */
public final class InvalidPhoneNumberException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  /** Why a phone number was rejected. */
  public enum Reason {
    /** No number at all. */
    EMPTY,
    /** Fewer digits than any numbering plan uses. */
    TOO_SHORT,
    /** More digits than E.164 allows. */
    TOO_LONG,
    /** Letters in the number (vanity numbers and extensions are not accepted). */
    LETTERS,
    /** A character that is neither a digit nor a common separator. */
    INVALID_CHARACTER,
    /** A national number, and no default country calling code to complete it. */
    NO_COUNTRY_CODE,
    /** The country calling code is impossible (it starts with 0). */
    BAD_COUNTRY_CODE,
    /** A pluggable parser (e.g. one backed by a numbering-plan library) rejected the number. */
    NOT_A_VALID_NUMBER,
    /**
     * A valid number of a region the parser was configured not to accept (e.g. a foreign number
     * where only domestic ones are expected).
     */
    REGION_NOT_ALLOWED,
    /**
     * A valid number that cannot receive SMS (a landline, premium-rate or freephone number...),
     * from a parser configured to refuse those; see {@link SmsCapabilityRule}.
     */
    CANNOT_RECEIVE_SMS
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param input the rejected input, shown in the message
   * @param reason why it was rejected
   * @param fix what is wrong and how to fix it, e.g. {@code "has letters: give digits only"}
   */
  public InvalidPhoneNumberException(String input, Reason reason, String fix) {
    super("phone number", ConfigurationProblem.of("phoneNumber", Texts.printable(input), fix));
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  static InvalidPhoneNumberException badCharacter(String input, char c) {
    if (Character.isLetter(c)) {
      return new InvalidPhoneNumberException(
          input,
          Reason.LETTERS,
          "has letters: give digits only, with an optional leading '+' and country calling code");
    }
    return new InvalidPhoneNumberException(
        input,
        Reason.INVALID_CHARACTER,
        "has the character '"
            + Texts.printable(String.valueOf(c))
            + "': give digits only, with an optional leading '+' and country calling code"
            + " (spaces, '-', '.', '/' and parentheses are ignored)");
  }

  /**
   * Why the number was rejected.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
