package io.campaignrelay.core.runtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
   * One message to count: its campaign, destination and country, as {@link #tryAcquire} takes them.
   *
   * @param campaign the campaign's id as the runtime reports it
   * @param destination the destination number (E.164)
   * @param country the destination's region code, or a stand-in such as {@code "unknown"}
   */
  record Request(String campaign, String destination, String country) {}

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
   * Decides several messages at once (a batch about to be sent), each as {@link #tryAcquire} would:
   * counted in every scope, or refused and counted in none. Which of several requests of one call
   * competing for the last units of a cap wins is unspecified. An implementation may decide them in
   * one transaction (sdk-jdbc's does: one commit per batch). If the call fails, nothing of it stays
   * counted.
   *
   * <p>The default asks {@link #tryAcquire} for each in order and, if one of those calls fails,
   * gives back ({@link #release}) what it had counted before rethrowing.
   *
   * @param requests the messages
   * @param now the time of the send
   * @return one result per request, in the same order: empty when it may be sent, else the first
   *     scope whose cap is reached
   */
  default List<Optional<Scope>> tryAcquireAll(List<Request> requests, Instant now) {
    List<Optional<Scope>> out = new ArrayList<>(requests.size());
    try {
      for (Request r : requests) {
        out.add(tryAcquire(r.campaign(), r.destination(), r.country(), now));
      }
      return out;
    } catch (RuntimeException e) {
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i).isEmpty()) {
          Request r = requests.get(i);
          try {
            release(r.campaign(), r.destination(), r.country(), now);
          } catch (RuntimeException again) {
            e.addSuppressed(again); // kept counted: a cap reached early is safe
          }
        }
      }
      throw e;
    }
  }

  /**
   * Gives back several messages granted by {@link #tryAcquireAll} (or {@link #tryAcquire}) with the
   * same {@code now}, each as {@link #release} would. The default calls {@code release} for each.
   *
   * @param requests the messages, as they were granted
   * @param acquiredAt the {@code now} they were granted at
   */
  default void releaseAll(List<Request> requests, Instant acquiredAt) {
    for (Request r : requests) {
      release(r.campaign(), r.destination(), r.country(), acquiredAt);
    }
  }

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
