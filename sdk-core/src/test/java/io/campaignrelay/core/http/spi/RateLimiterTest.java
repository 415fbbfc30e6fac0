package io.campaignrelay.core.http.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.http.RateLimit;
import io.campaignrelay.core.http.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  /** A clock that moves only when the limiter sleeps. */
  static final class SteppingClock extends Clock {
    final AtomicLong millis = new AtomicLong(Instant.parse("2026-11-23T00:00:00Z").toEpochMilli());

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }
  }

  @Test
  void theFirstPermitsPassAndTheNextWaitsForTheOldestToAgeOut() throws Exception {
    SteppingClock clock = new SteppingClock();
    List<Duration> sleeps = new ArrayList<>();
    RateLimiter limiter =
        RateLimiter.of(
            RateLimit.of(50, Duration.ofSeconds(10)),
            clock,
            d -> {
              sleeps.add(d);
              clock.millis.addAndGet(d.toMillis());
            });
    for (int i = 0; i < 50; i++) {
      limiter.acquire();
    }
    assertThat(sleeps).isEmpty();

    limiter.acquire();

    assertThat(sleeps).containsExactly(Duration.ofSeconds(10));
  }

  @Test
  void concurrentCallersNeverExceedTheBudgetInAnyWindow() throws Exception {
    SteppingClock clock = new SteppingClock();
    ConcurrentLinkedQueue<Instant> grants = new ConcurrentLinkedQueue<>();
    RateLimiter limiter =
        RateLimiter.of(
            RateLimit.of(50, Duration.ofSeconds(10)),
            clock,
            d -> clock.millis.addAndGet(d.toMillis()));
    // Each sleeper advances the shared clock; acquire() returns the instant of its grant.
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      futures.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < 40; i++) {
                  grants.add(limiter.acquire());
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    List<Instant> sorted = new ArrayList<>(grants);
    sorted.sort(null);
    assertThat(sorted).hasSize(320);
    for (int i = 50; i < sorted.size(); i++) {
      // any 51 consecutive grants must span at least the window
      assertThat(Duration.between(sorted.get(i - 50), sorted.get(i)))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    }
  }
}
