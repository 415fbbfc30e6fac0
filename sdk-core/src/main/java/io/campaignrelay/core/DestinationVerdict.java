package io.campaignrelay.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@link DestinationPolicy}'s decision about one destination number: {@link #allowed()}, a {@link
 * Reason} a program can count and act on, and a message for the log. The message names no phone
 * number (a refusal log then holds no number unless the caller adds it), and never the input's
 * text.
 */
public final class DestinationVerdict {

  /** Why a destination was allowed or refused. */
  public enum Reason {
    /** Allowed: the number's region is one the policy allows. */
    ALLOWED_REGION,
    /** Allowed: the number starts with a prefix the policy allows. */
    ALLOWED_PREFIX,
    /** Refused: the input is not a usable phone number (the parser rejected it). */
    INVALID_NUMBER,
    /** Refused: a premium-rate number, whatever the allowed regions and prefixes say. */
    PREMIUM_RATE,
    /** Refused: the number cannot receive SMS by the policy's {@link SmsCapabilityRule}. */
    CANNOT_RECEIVE_SMS,
    /**
     * Refused: the number's country is unknown (a non-geographic number, or a parser without
     * numbering-plan data) and no allowed prefix matches it.
     */
    UNKNOWN_REGION,
    /** Refused: neither the number's region nor any allowed prefix matches. */
    NOT_ALLOWED
  }

  private final Reason reason;
  private final String message;
  private final PhoneNumberDetails details; // null for INVALID_NUMBER

  private DestinationVerdict(Reason reason, String message, PhoneNumberDetails details) {
    this.reason = reason;
    this.message = message;
    this.details = details;
  }

  static DestinationVerdict of(Reason reason, String message, PhoneNumberDetails details) {
    return new DestinationVerdict(
        Objects.requireNonNull(reason, "reason"),
        Objects.requireNonNull(message, "message"),
        details);
  }

  /**
   * Whether the number may be sent to.
   *
   * @return true for {@link Reason#ALLOWED_REGION} and {@link Reason#ALLOWED_PREFIX}
   */
  public boolean allowed() {
    return reason == Reason.ALLOWED_REGION || reason == Reason.ALLOWED_PREFIX;
  }

  /**
   * Why.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Why, in words for a log line or a refusal answer; names no phone number.
   *
   * @return the message
   */
  public String message() {
    return message;
  }

  /**
   * The number the verdict is about, with its type and region.
   *
   * @return the details; empty for {@link Reason#INVALID_NUMBER}
   */
  public Optional<PhoneNumberDetails> details() {
    return Optional.ofNullable(details);
  }

  /** Renders {@code DestinationVerdict{PREMIUM_RATE: message}}, without the number. */
  @Override
  public String toString() {
    return "DestinationVerdict{" + reason + ": " + message + "}";
  }
}
