package io.campaignrelay.core.optout;

import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.sms.OptOutKeywords;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Port: the numbers that opted out. The engine checks it before every send and drops opted-out
 * recipients (they are reported as rejected for "opted out"); inbound texts update it through
 * {@link #applyInbound(PhoneNumber, String, OptOutKeywords, Instant)}. Implementations must be
 * thread-safe; {@link InMemoryOptOutList} is one.
 */
public interface OptOutList {

  /**
   * Whether a number opted out.
   *
   * @param phoneNumber the number
   * @return true if messages must not be sent to it
   */
  boolean isOptedOut(PhoneNumber phoneNumber);

  /**
   * The opt-out of a number.
   *
   * @param phoneNumber the number
   * @return the entry, or empty if the number has not opted out
   */
  Optional<OptOutEntry> entry(PhoneNumber phoneNumber);

  /**
   * Records an opt-out; a repeated opt-out keeps the first entry.
   *
   * @param entry the opt-out
   * @return true if the number was not opted out before
   */
  boolean optOut(OptOutEntry entry);

  /**
   * Removes an opt-out (the customer texted START, or opted in again elsewhere).
   *
   * @param phoneNumber the number
   * @return true if the number was opted out
   */
  boolean optIn(PhoneNumber phoneNumber);

  /**
   * Applies an inbound text: an opt-out keyword opts the number out, an opt-in keyword opts it back
   * in, anything else changes nothing.
   *
   * @param from the sender's number
   * @param text the text received
   * @param keywords the keyword set, e.g. {@link OptOutKeywords#standard()}
   * @param at when the text was received
   * @return what the text asked for
   */
  default OptOutKeywords.Intent applyInbound(
      PhoneNumber from, String text, OptOutKeywords keywords, Instant at) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(keywords, "keywords");
    Objects.requireNonNull(at, "at");
    OptOutKeywords.Intent intent = keywords.classify(text);
    switch (intent) {
      case OPT_OUT -> optOut(new OptOutEntry(from, at, OptOutKeywords.normalize(text)));
      case OPT_IN -> optIn(from);
      case NONE -> {
        // an ordinary reply
      }
    }
    return intent;
  }
}
