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
   * Creates the exception; whether the request was {@linkplain #requestRefused() refused} follows
   * {@link ApiServiceException#refusedByDefault(ApiErrorDetails)}.
   *
   * @param details the error details
   * @param retryAfter how long the vendor asked to wait, or null if it did not say
   */
  public RateLimitException(ApiErrorDetails details, Duration retryAfter) {
    super(details);
    this.retryAfter = retryAfter;
  }

  /**
   * Creates the exception with the vendor module's verdict on whether the request was refused (a
   * plain HTTP 429 is a refusal by default: the vendor processed nothing).
   *
   * @param details the error details
   * @param retryAfter how long the vendor asked to wait, or null if it did not say
   * @param requestRefused true only when nothing of the request was processed
   */
  public RateLimitException(ApiErrorDetails details, Duration retryAfter, boolean requestRefused) {
    super(details, requestRefused);
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
