package io.campaignrelay.core.runtime;

import java.time.Instant;
import java.util.Optional;

/**
 * Caps on what may be sent, whoever asks: messages per destination number per day, per destination
 * country per hour, and per campaign. A runtime asks {@link #tryAcquire} before each message it
 * would send; a refused message is not sent and is reported (a drop with the cap's reason and a
 * counter), never dropped silently. An SMS-pumping attack that gets past every other check is
 * bounded by these numbers.
 *
 * <p>{@link InMemorySendCaps} holds for one process; caps that hold across instances need the
 * counts in the database (a JDBC implementation is a later issue). Implementations must be
 * thread-safe and count a refused message in no scope.
 */
public interface SendCaps {

  /** The scope of a cap. */
  enum Scope {
    /** Messages to one destination number in a UTC day. */
    DESTINATION_PER_DAY,
    /** Messages to one destination country in a clock hour. */
    COUNTRY_PER_HOUR,
    /** Messages of one campaign, ever. */
    CAMPAIGN
  }

  /**
   * Counts one message in every scope if no cap is reached, else counts nothing.
   *
   * @param campaign the campaign's id as the runtime reports it
   * @param destination the destination number (E.164)
   * @param country the destination's region code, or a stand-in such as {@code "unknown"}
   * @param now the time of the send
   * @return empty when the message may be sent, else the first scope whose cap is reached
   */
  Optional<Scope> tryAcquire(String campaign, String destination, String country, Instant now);

  /**
   * No caps at all.
   *
   * @return caps that allow everything
   */
  static SendCaps unlimited() {
    return (campaign, destination, country, now) -> Optional.empty();
  }
}
