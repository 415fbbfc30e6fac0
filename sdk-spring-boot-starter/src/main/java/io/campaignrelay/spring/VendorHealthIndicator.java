package io.campaignrelay.spring;

import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.AuthenticationException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A vendor's health: one read-only call of its client (no message is ever sent), bounded by {@code
 * campaignrelay.health.timeout}. UP when the vendor answered and accepted the credentials; DOWN
 * with {@code reason} {@code credentials_refused}, {@code unreachable}, {@code timeout} or {@code
 * vendor_error} (and the HTTP status when there was one) otherwise. Details never carry an
 * exception message: only its class name.
 */
final class VendorHealthIndicator implements HealthIndicator {
  private final String vendor;
  private final String check;
  private final Runnable probe;
  private final Duration timeout;
  private final ExecutorService executor;

  VendorHealthIndicator(
      String vendor, String check, Runnable probe, Duration timeout, ExecutorService executor) {
    this.vendor = vendor;
    this.check = check;
    this.probe = probe;
    this.timeout = timeout;
    this.executor = executor;
  }

  @Override
  public Health health() {
    Health.Builder b = new Health.Builder().withDetail("vendor", vendor).withDetail("check", check);
    CompletableFuture<Void> f = CompletableFuture.runAsync(probe, executor);
    try {
      f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return b.up().build();
    } catch (TimeoutException e) {
      f.cancel(true);
      return b.down()
          .withDetail("reason", "timeout")
          .withDetail("timeout", timeout.toString())
          .build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return b.down().withDetail("reason", "interrupted").build();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof AuthenticationException a) {
        return b.down()
            .withDetail("reason", "credentials_refused")
            .withDetail("status", a.statusCode())
            .build();
      }
      if (c instanceof ApiServiceException s) {
        return b.down()
            .withDetail("reason", "vendor_error")
            .withDetail("status", s.statusCode())
            .build();
      }
      if (c instanceof ApiConnectionException) {
        return b.down().withDetail("reason", "unreachable").build();
      }
      return b.down()
          .withDetail("reason", "error")
          .withDetail("error", c == null ? "unknown" : c.getClass().getName())
          .build();
    }
  }
}
