package io.campaignrelay.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A {@link Clock} whose time only moves when told to, shared between the SDK under test and the
 * fakes so that "daily for a week" runs in milliseconds.
 *
 * <p>Thread-safe. Every view created by {@link #withZone(ZoneId)} shares the same time source.
 * Listeners registered with {@link #onChange(Consumer)} run synchronously on the thread that moved
 * the clock, after the move (the fakes use this to deliver webhooks that fell due).
 *
 * <p>Pass {@link #sleep(Duration)} as the SDK's sleeper (for retry back-off and throttling) so that
 * waiting advances simulated time instead of blocking the thread.
 */
public final class SimulatedClock extends Clock {

  /** The default start: 2026-01-05T09:00:00Z, a Monday morning. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-05T09:00:00Z");

  private final Source source;
  private final ZoneId zone;

  private SimulatedClock(Source source, ZoneId zone) {
    this.source = source;
    this.zone = zone;
  }

  /**
   * Creates a clock at {@link #DEFAULT_START} in UTC.
   *
   * @return a new clock
   */
  public static SimulatedClock create() {
    return startingAt(DEFAULT_START);
  }

  /**
   * Creates a clock at the given instant in UTC.
   *
   * @param start the initial time
   * @return a new clock
   */
  public static SimulatedClock startingAt(Instant start) {
    Objects.requireNonNull(start, "start");
    return new SimulatedClock(new Source(start), ZoneOffset.UTC);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public SimulatedClock withZone(ZoneId newZone) {
    return new SimulatedClock(source, Objects.requireNonNull(newZone, "zone"));
  }

  @Override
  public Instant instant() {
    return source.now.get();
  }

  @Override
  public long millis() {
    return instant().toEpochMilli();
  }

  /**
   * Moves the time forward.
   *
   * @param amount how far to move; must not be negative
   * @return the new time
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException(
          "amount is " + amount + ": a simulated clock only moves forward; use set() to rewind");
    }
    Instant now = source.now.updateAndGet(t -> t.plus(amount));
    source.fire(now);
    return now;
  }

  /**
   * Moves the time forward by whole days.
   *
   * @param days how many days; must not be negative
   * @return the new time
   */
  public Instant advanceDays(long days) {
    return advance(Duration.ofDays(days));
  }

  /**
   * Sets the time (forwards or backwards).
   *
   * @param instant the new time
   */
  public void set(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    source.now.set(instant);
    source.fire(instant);
  }

  /**
   * A sleeper for the SDK: advances the simulated time by {@code duration} and returns at once.
   *
   * @param duration how long the caller wanted to sleep; negative or zero does nothing
   */
  public void sleep(Duration duration) {
    if (duration != null && !duration.isNegative() && !duration.isZero()) {
      advance(duration);
    }
  }

  /**
   * Registers a listener called with the new time after every move of this clock.
   *
   * @param listener the listener
   * @return a handle that unregisters the listener when closed
   */
  public AutoCloseable onChange(Consumer<Instant> listener) {
    Objects.requireNonNull(listener, "listener");
    source.listeners.add(listener);
    return () -> source.listeners.remove(listener);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SimulatedClock other && other.source == source && other.zone.equals(zone);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(source) * 31 + zone.hashCode();
  }

  @Override
  public String toString() {
    return "SimulatedClock[" + instant() + ", " + zone + "]";
  }

  private static final class Source {
    final AtomicReference<Instant> now;
    final List<Consumer<Instant>> listeners = new CopyOnWriteArrayList<>();

    Source(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void fire(Instant now) {
      for (Consumer<Instant> listener : listeners) {
        listener.accept(now);
      }
    }
  }
}
