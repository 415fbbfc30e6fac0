package io.campaignrelay.core.runtime;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Caps on what may be sent, whoever asks: messages per destination number per day, per destination
 * country per hour, and per campaign. A runtime asks {@link #tryAcquire} before each message it
 * would send; a refused message is not sent and is reported (a drop with the cap's reason and a
 * counter), never dropped silently. An SMS-pumping attack that gets past every other check is
 * bounded by these numbers.
 *
 * <p>The triggered path asks once per trigger; the scheduled path asks through {@link
 * CappedChannel}, a channel decorator that reserves each message of a batch before the vendor sees
 * it. {@link InMemorySendCaps} holds for one process; sdk-jdbc's {@code JdbcSendCaps} keeps the
 * counts in the database, so that several instances on one database together never exceed a cap.
 * Implementations must be thread-safe, atomic per call (two callers racing for the last unit of a
 * cap: one wins) and count a refused message in no scope.
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
   * Gives back one message counted by a granted {@link #tryAcquire} with the same arguments (the
   * same {@code now}), because it was provably not sent (the vendor refused the batch or was never
   * reached). A count of a day or hour that has passed is not given back (that window is over);
   * nothing goes below zero. Call it only for a message that was certainly not sent: when the
   * outcome is unknown, keep the count (a cap reached early is safe, a cap exceeded is not).
   *
   * <p>The default gives nothing back (the message stays counted: conservative).
   *
   * @param campaign as given to {@code tryAcquire}
   * @param destination as given to {@code tryAcquire}
   * @param country as given to {@code tryAcquire}
   * @param acquiredAt the {@code now} given to {@code tryAcquire}
   * @return true if the count was given back, false if the caps do not support it or it was gone
   */
  default boolean release(String campaign, String destination, String country, Instant acquiredAt) {
    return false;
  }

  /**
   * The cap of a scope, for messages that name it ("per-number daily cap of 3 reached").
   *
   * @param scope the scope
   * @return the most messages the scope allows, or empty if unknown or unlimited
   */
  default OptionalLong limit(Scope scope) {
    return OptionalLong.empty();
  }

  /**
   * No caps at all.
   *
   * @return caps that allow everything
   */
  static SendCaps unlimited() {
    return (campaign, destination, country, now) -> Optional.empty();
  }
}
