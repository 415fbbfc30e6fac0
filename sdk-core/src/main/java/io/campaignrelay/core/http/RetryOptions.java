package io.campaignrelay.core.http;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How failed requests are retried. Immutable; build with {@link #builder()}, derive with {@link
 * #toBuilder()}.
 *
 * <p>Defaults: {@value #DEFAULT_MAX_RETRIES} retries, exponential backoff starting at 250 ms and
 * capped at 8 s with full jitter (each pause is uniformly random between zero and the exponential
 * value), and a server's {@code Retry-After} honoured up to 60 s. A {@code Retry-After} beats the
 * computed backoff.
 *
 * <p>What is retried: connection failures before the request reached the server, and the statuses
 * 408, 425, 429, 500, 502, 503 and 504. GET, HEAD, PUT and DELETE may be retried; a POST only when
 * it carries an idempotency key (it is re-sent with the same key) or when the client marks it as a
 * read. A POST whose outcome is unknown (timeout or reset after it was written, or a successful
 * status whose body was cut off) is never retried without a key. A 429 is the exception: it means
 * the vendor processed nothing, so it is retried for every method, a POST without a key included;
 * when the last attempt is still a 429 the call fails with a {@link RateLimitException} whose
 * {@link ApiServiceException#requestRefused()} is true.
 */
public final class RetryOptions {

  /** Default number of retries after the first attempt. */
  public static final int DEFAULT_MAX_RETRIES = 3;

  private static final RetryOptions DEFAULTS = builder().build();

  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;

  private RetryOptions(Builder b) {
    this.maxRetries = b.maxRetries;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter;
  }

  /**
   * The default options.
   *
   * @return the defaults
   */
  public static RetryOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Options that never retry.
   *
   * @return options with zero retries
   */
  public static RetryOptions none() {
    return builder().maxRetries(0).build();
  }

  /**
   * A builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder()
        .maxRetries(maxRetries)
        .initialBackoff(initialBackoff)
        .maxBackoff(maxBackoff)
        .maxRetryAfter(maxRetryAfter);
  }

  /**
   * How many times a failed request is retried after the first attempt.
   *
   * @return the retry count, 0 or more
   */
  public int maxRetries() {
    return maxRetries;
  }

  /**
   * The backoff before the first retry; doubled for each further retry.
   *
   * @return the initial backoff
   */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /**
   * The cap of the exponential backoff.
   *
   * @return the maximum backoff
   */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * The longest {@code Retry-After} honoured; a longer one is clamped to this.
   *
   * @return the maximum wait a server may ask for
   */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * The upper bound of the jittered pause before retry number {@code retry} (1-based): {@code
   * min(maxBackoff, initialBackoff * 2^(retry-1))}.
   *
   * @param retry the retry number, starting at 1
   * @return the bound; the actual pause is uniformly random in {@code [0, bound]}
   */
  public Duration backoffCeiling(int retry) {
    long base = initialBackoff.toMillis();
    int shift = Math.min(Math.max(retry - 1, 0), 30);
    long value = base << shift;
    if (value < 0 || value > maxBackoff.toMillis()) {
      value = maxBackoff.toMillis();
    }
    return Duration.ofMillis(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RetryOptions r
        && maxRetries == r.maxRetries
        && initialBackoff.equals(r.initialBackoff)
        && maxBackoff.equals(r.maxBackoff)
        && maxRetryAfter.equals(r.maxRetryAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxRetries, initialBackoff, maxBackoff, maxRetryAfter);
  }

  @Override
  public String toString() {
    return "RetryOptions{maxRetries="
        + maxRetries
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", maxRetryAfter="
        + maxRetryAfter
        + '}';
  }

  /** Builds {@link RetryOptions}. Not thread-safe. */
  public static final class Builder {
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration initialBackoff = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(8);
    private Duration maxRetryAfter = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * Sets how many times a failed request is retried (0 disables retries).
     *
     * @param maxRetries 0 to 10
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Sets the backoff before the first retry.
     *
     * @param initialBackoff a positive duration
     * @return this builder
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
      return this;
    }

    /**
     * Sets the cap of the exponential backoff.
     *
     * @param maxBackoff a duration not shorter than the initial backoff
     * @return this builder
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
      return this;
    }

    /**
     * Sets the longest {@code Retry-After} honoured.
     *
     * @param maxRetryAfter a positive duration
     * @return this builder
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = maxRetryAfter;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws ConfigurationException listing every invalid setting
     */
    public RetryOptions build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (maxRetries < 0 || maxRetries > 10) {
        problems.add(ConfigurationProblem.of("maxRetries", maxRetries, "use a value from 0 to 10"));
      }
      if (initialBackoff == null || initialBackoff.isNegative() || initialBackoff.isZero()) {
        problems.add(
            ConfigurationProblem.of(
                "initialBackoff", initialBackoff, "use a positive duration, e.g. 250 ms"));
      }
      if (maxBackoff == null
          || (initialBackoff != null && maxBackoff.compareTo(initialBackoff) < 0)) {
        problems.add(
            ConfigurationProblem.of(
                "maxBackoff", maxBackoff, "use a duration not shorter than initialBackoff"));
      }
      if (maxRetryAfter == null || maxRetryAfter.isNegative() || maxRetryAfter.isZero()) {
        problems.add(
            ConfigurationProblem.of(
                "maxRetryAfter", maxRetryAfter, "use a positive duration, e.g. 60 s"));
      }
      ConfigurationException.throwIfAny("retry options", problems);
      return new RetryOptions(this);
    }
  }
}
