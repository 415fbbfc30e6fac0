package io.campaignrelay.core.http.spi;

import io.campaignrelay.core.http.RateLimiter;
import io.campaignrelay.core.http.RetryOptions;
import io.campaignrelay.core.http.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The retry loop (see {@link RetryOptions} for the rules). An application interceptor: each attempt
 * goes down the rest of the chain, so the log interceptor after it logs every attempt. Each attempt
 * first takes a permit from the rate limiter, if any; a 429 with {@code Retry-After} holds the
 * limiter (and so every client sharing it) for the clamped wait.
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
    // whether an earlier attempt may have been acted on: then a later attempt that never reached
    // the server does not make the outcome of the call known
    boolean mayHaveActed = false;
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
          throw new AttemptFailedException(e, state.reachedServer || mayHaveActed, attempt);
        }
        mayHaveActed |= state.reachedServer;
        pause(jitteredBackoff(attempt));
        continue;
      }
      int code = response.code();
      Duration vendorWait = retryAfter(response);
      boolean held = false;
      if (code == 429
          && vendorWait != null
          && vendorWait.compareTo(Duration.ZERO) > 0
          && rateLimiter != null) {
        // every caller of this limiter (other clients of the same key included) waits too
        rateLimiter.holdFor(vendorWait);
        held = true;
      }
      boolean retry =
          ApiErrors.isRetryableStatus(code)
              && (replayable || code == 429) // a 429 means the vendor processed nothing
              && attempt <= options.maxRetries();
      if (!retry) {
        return response;
      }
      response.close();
      mayHaveActed |= code != 429; // a 429 says nothing was processed; any other status may not
      if (!held) {
        pause(vendorWait != null ? vendorWait : jitteredBackoff(attempt));
      }
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
    Duration wait = RetryAfter.parse(response.header("Retry-After"), clock);
    if (wait == null) {
      return null;
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
