package io.campaignrelay.core.http;

import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/** A sliding-window limiter shared by all threads of one client. */
final class RateLimiter {
  private final RateLimit limit;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ArrayDeque<Instant> granted = new ArrayDeque<>();

  RateLimiter(RateLimit limit, Clock clock, Sleeper sleeper) {
    this.limit = limit;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Blocks until a permit is free; returns the instant it was granted at. */
  Instant acquire() throws InterruptedIOException {
    while (true) {
      Duration wait;
      synchronized (this) {
        Instant now = clock.instant();
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
      try {
        sleeper.sleep(wait.isZero() ? Duration.ofMillis(1) : wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException io =
            new InterruptedIOException("interrupted waiting for rate limit");
        io.initCause(e);
        throw io;
      }
    }
  }
}
