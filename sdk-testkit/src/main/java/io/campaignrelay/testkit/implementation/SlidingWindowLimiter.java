package io.campaignrelay.testkit.implementation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/** A sliding-window request limiter per key, on an injected clock. Thread-safe. */
public final class SlidingWindowLimiter {
  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Map<String, ArrayDeque<Instant>> hits = new HashMap<>();

  /**
   * Creates a limiter.
   *
   * @param limit requests allowed per window; 0 or less disables limiting
   * @param window the window
   * @param clock the clock
   */
  public SlidingWindowLimiter(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /**
   * Records a request if allowed.
   *
   * @param key the key (e.g. the API key)
   * @return null if allowed, otherwise how long until a slot frees up
   */
  public synchronized Duration tryAcquire(String key) {
    if (limit <= 0) {
      return null;
    }
    Instant now = clock.instant();
    ArrayDeque<Instant> q = hits.computeIfAbsent(key, k -> new ArrayDeque<>());
    Instant cutoff = now.minus(window);
    while (!q.isEmpty() && !q.peekFirst().isAfter(cutoff)) {
      q.pollFirst();
    }
    if (q.size() >= limit) {
      Duration wait = Duration.between(now, q.peekFirst().plus(window));
      return wait.isNegative() ? Duration.ZERO : wait;
    }
    q.addLast(now);
    return null;
  }
}
