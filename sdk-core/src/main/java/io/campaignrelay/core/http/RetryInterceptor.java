package io.campaignrelay.core.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.DoubleSupplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The retry loop (see {@link RetryOptions} for the rules). An application interceptor: each attempt
 * goes down the rest of the chain, so the log interceptor after it logs every attempt.
 */
final class RetryInterceptor implements Interceptor {

  private final RetryOptions options;
  private final String idempotencyKeyHeader;
  private final RateLimiter rateLimiter;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;

  RetryInterceptor(
      RetryOptions options,
      String idempotencyKeyHeader,
      RateLimiter rateLimiter,
      Clock clock,
      Sleeper sleeper,
      DoubleSupplier random) {
    this.options = options;
    this.idempotencyKeyHeader = idempotencyKeyHeader;
    this.rateLimiter = rateLimiter;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request original = chain.request();
    boolean markedSafe = original.header(HttpPipeline.RETRY_SAFE_HEADER) != null;
    Request request = original.newBuilder().removeHeader(HttpPipeline.RETRY_SAFE_HEADER).build();
    boolean replayable = isReplayable(request, markedSafe);
    int attempt = 0;
    while (true) {
      attempt++;
      AttemptState state = new AttemptState(attempt);
      Request attemptRequest = request.newBuilder().tag(AttemptState.class, state).build();
      if (rateLimiter != null) {
        rateLimiter.acquire();
      }
      Response response;
      try {
        response = chain.proceed(attemptRequest);
      } catch (IOException e) {
        if (chain.call().isCanceled() || isInterrupt(e)) {
          throw e;
        }
        boolean retryAllowed = !state.reachedServer || replayable;
        if (!retryAllowed || attempt > options.maxRetries()) {
          throw new AttemptFailedException(e, state.reachedServer, attempt);
        }
        pause(jitteredBackoff(attempt));
        continue;
      }
      if (!ApiErrors.isRetryableStatus(response.code())
          || !replayable
          || attempt > options.maxRetries()) {
        return response;
      }
      Duration wait = retryAfter(response);
      if (wait == null) {
        wait = jitteredBackoff(attempt);
      }
      response.close();
      pause(wait);
    }
  }

  private boolean isReplayable(Request request, boolean markedSafe) {
    switch (request.method()) {
      case "GET", "HEAD", "PUT", "DELETE", "OPTIONS":
        return true;
      default:
        return markedSafe
            || (idempotencyKeyHeader != null && request.header(idempotencyKeyHeader) != null);
    }
  }

  private static boolean isInterrupt(IOException e) {
    return e instanceof InterruptedIOException
        && !(e instanceof SocketTimeoutException)
        && Thread.currentThread().isInterrupted();
  }

  Duration jitteredBackoff(int retry) {
    long ceiling = options.backoffCeiling(retry).toMillis();
    return Duration.ofMillis((long) (random.getAsDouble() * ceiling));
  }

  /** Parses {@code Retry-After} (delta-seconds or HTTP-date), clamped to the configured maximum. */
  Duration retryAfter(Response response) {
    String value = response.header("Retry-After");
    if (value == null || value.isBlank()) {
      return null;
    }
    value = value.trim();
    Duration wait;
    try {
      wait = Duration.ofSeconds(Long.parseLong(value));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        wait = Duration.between(clock.instant(), at);
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
    if (wait.isNegative()) {
      return Duration.ZERO;
    }
    return wait.compareTo(options.maxRetryAfter()) > 0 ? options.maxRetryAfter() : wait;
  }

  private void pause(Duration wait) throws InterruptedIOException {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException("interrupted while waiting to retry");
      io.initCause(e);
      throw io;
    }
  }
}
