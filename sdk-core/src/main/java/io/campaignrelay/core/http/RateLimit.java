package io.campaignrelay.core.http;

import java.time.Duration;
import java.util.Objects;

/**
 * A client-side request budget: at most {@link #permits()} requests in any window of {@link
 * #window()}, shared by every thread using one client, so that bulk work never trips the vendor's
 * own limit (HTTP 429). A request beyond the budget waits (through the client's {@link Sleeper})
 * until the oldest request of the window has aged out.
 *
 * @param permits requests allowed per window, at least 1
 * @param window the length of the sliding window, positive
 */
public record RateLimit(int permits, Duration window) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if permits is below 1 or the window is not positive
   */
  public RateLimit {
    Objects.requireNonNull(window, "window");
    if (permits < 1) {
      throw new IllegalArgumentException(
          "permits " + permits + " is below 1: allow at least one request per window");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException(
          "window " + window + " is not positive: use e.g. Duration.ofSeconds(10)");
    }
  }

  /**
   * A budget of {@code permits} requests per {@code window}.
   *
   * @param permits requests allowed per window
   * @param window the window
   * @return the rate limit
   */
  public static RateLimit of(int permits, Duration window) {
    return new RateLimit(permits, window);
  }
}
