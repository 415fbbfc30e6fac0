package io.campaignrelay.core.http;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A sliding-window request budget that several clients share explicitly: every client given the
 * same limiter (through {@link ClientOptions.Builder#rateLimiter(RateLimiter)}) draws from one
 * budget, so that clients on the same vendor credential never send more, together, than the
 * vendor's own limit. Optimove, for example, measures its limit per API key, so every Optimove
 * client of one key should share one limiter.
 *
 * <p>When any caller receives an HTTP 429 with {@code Retry-After}, the limiter holds every caller
 * until that instant ({@link #holdUntil(Instant)}): one throttled client slows all clients of the
 * key instead of each running into the vendor's limit on its own.
 *
 * <p>Thread-safe; no static state. Waiting goes through the limiter's own {@link Clock} and {@link
 * Sleeper} (tests inject a simulated clock and a sleeper that advances it, so that no time really
 * passes).
 */
public final class RateLimiter {
  private final RateLimit limit;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ArrayDeque<Instant> granted = new ArrayDeque<>();
  private Instant heldUntil = Instant.MIN;

  private RateLimiter(RateLimit limit, Clock clock, Sleeper sleeper) {
    this.limit = limit;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * A limiter on the system UTC clock that really sleeps.
   *
   * @param limit the budget, e.g. {@code RateLimit.of(50, Duration.ofSeconds(10))}
   * @return a new limiter, to be given to every client that shares the budget
   * @throws ConfigurationException if the limit is missing
   */
  public static RateLimiter of(RateLimit limit) {
    return of(limit, Clock.systemUTC(), Sleeper.SYSTEM);
  }

  /**
   * A limiter on the given clock and sleeper.
   *
   * @param limit the budget
   * @param clock the clock the window is measured on
   * @param sleeper what waits for a free permit
   * @return a new limiter
   * @throws ConfigurationException listing every missing argument
   */
  public static RateLimiter of(RateLimit limit, Clock clock, Sleeper sleeper) {
    List<ConfigurationProblem> problems = new ArrayList<>();
    if (limit == null) {
      problems.add(
          ConfigurationProblem.of(
              "rateLimit", null, "give the budget, e.g. RateLimit.of(50, Duration.ofSeconds(10))"));
    }
    if (clock == null) {
      problems.add(ConfigurationProblem.of("clock", null, "use Clock.systemUTC()"));
    }
    if (sleeper == null) {
      problems.add(ConfigurationProblem.of("sleeper", null, "use Sleeper.SYSTEM"));
    }
    ConfigurationException.throwIfAny("rate limiter", problems);
    return new RateLimiter(limit, clock, sleeper);
  }

  /**
   * A limiter with no budget of its own that only passes on a vendor's holds: after a 429 with
   * {@code Retry-After} on any of its callers, every caller waits until then. Each vendor client
   * without a configured rate limit gets one, so that one throttled request slows every request of
   * that client in flight (a campaign's concurrent batches, say).
   *
   * @param clock the clock holds are measured on
   * @param sleeper what waits out a hold
   * @return a new limiter whose {@link #limit()} is {@link Integer#MAX_VALUE} permits per second
   * @throws ConfigurationException listing every missing argument
   */
  public static RateLimiter holdsOnly(Clock clock, Sleeper sleeper) {
    return of(RateLimit.of(Integer.MAX_VALUE, Duration.ofSeconds(1)), clock, sleeper);
  }

  /**
   * The budget.
   *
   * @return the rate limit
   */
  public RateLimit limit() {
    return limit;
  }

  /**
   * Holds every caller until the given instant (a vendor's {@code Retry-After}); a later hold
   * extends an earlier one, an earlier one never shortens it.
   *
   * @param until the instant before which no permit is granted
   */
  public void holdUntil(Instant until) {
    if (until == null) {
      return;
    }
    synchronized (this) {
      if (until.isAfter(heldUntil)) {
        heldUntil = until;
      }
    }
  }

  /**
   * Holds every caller for the given wait from now on this limiter's clock.
   *
   * @param wait how long no permit is granted; null, zero or negative does nothing
   */
  public void holdFor(Duration wait) {
    if (wait == null || wait.isNegative() || wait.isZero()) {
      return;
    }
    holdUntil(clock.instant().plus(wait));
  }

  /**
   * Blocks until a permit is free: first until the end of a {@linkplain #holdUntil(Instant) hold}
   * (each call waits out a given hold once, trusting the sleeper; a hold extended meanwhile is
   * waited out again), then until the window has room.
   *
   * @return the instant the permit was granted at
   * @throws InterruptedIOException if the thread is interrupted while waiting (its interrupt flag
   *     is set again)
   */
  public Instant acquire() throws InterruptedIOException {
    Instant servedHold = null;
    while (true) {
      Duration wait;
      Instant hold = null;
      synchronized (this) {
        Instant now = clock.instant();
        if (now.isBefore(heldUntil) && !heldUntil.equals(servedHold)) {
          // each caller sits out a given hold once: the sleeper waited the whole of it, even if
          // the clock (a fixed one in a test) did not move
          hold = heldUntil;
          wait = Duration.between(now, heldUntil);
        } else if (limit.permits() == Integer.MAX_VALUE) {
          return now; // no budget: only holds apply
        } else {
          Instant windowStart = now.minus(limit.window());
          while (!granted.isEmpty() && !granted.peekFirst().isAfter(windowStart)) {
            granted.pollFirst();
          }
          if (granted.size() < limit.permits()) {
            granted.addLast(now);
            return now;
          }
          wait = Duration.between(now, granted.peekFirst().plus(limit.window()));
        }
      }
      try {
        sleeper.sleep(wait.isZero() ? Duration.ofMillis(1) : wait);
        if (hold != null) {
          servedHold = hold;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException io =
            new InterruptedIOException("interrupted waiting for rate limit");
        io.initCause(e);
        throw io;
      }
    }
  }

  @Override
  public String toString() {
    return "RateLimiter{" + limit.permits() + " per " + limit.window() + '}';
  }
}
