package io.campaignrelay.core.http;

import java.time.Duration;
import java.util.Optional;

/**
 * The vendor throttled the caller (HTTP 429, or a vendor's rate-limit error code) and retries were
 * exhausted. {@link #retryAfter()} says how long the vendor asked to wait, when it said so.
 */
public class RateLimitException extends ApiServiceException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param details the error details
   * @param retryAfter how long the vendor asked to wait, or null if it did not say
   */
  public RateLimitException(ApiErrorDetails details, Duration retryAfter) {
    super(details);
    this.retryAfter = retryAfter;
  }

  /**
   * How long the vendor asked the caller to wait before trying again.
   *
   * @return the wait, if the vendor sent {@code Retry-After}
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
