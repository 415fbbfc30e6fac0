package io.campaignrelay.core.http;

import java.time.Duration;

/**
 * Waits between retries and for rate limits. The default really sleeps; tests inject one that
 * records the requested pauses (or advances a simulated clock) so that time never really passes.
 */
@FunctionalInterface
public interface Sleeper {

  /** A sleeper that blocks the calling thread with {@link Thread#sleep(long)}. */
  Sleeper SYSTEM =
      duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
          Thread.sleep(duration.toMillis());
        }
      };

  /**
   * Waits for the given duration.
   *
   * @param duration how long to wait; zero or negative returns at once
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
