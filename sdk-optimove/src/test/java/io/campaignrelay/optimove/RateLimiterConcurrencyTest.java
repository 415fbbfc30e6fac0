package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Many threads share one client: the client-side limiter must keep every window of 10 simulated
 * seconds at 50 requests or fewer. The clock only moves when the limiter sleeps; each request
 * records the time its thread last read from the clock, which is the limiter's grant time.
 */
class RateLimiterConcurrencyTest extends OptimoveTestSupport {

  /** A simulated clock that remembers, per thread, the last instant it returned. */
  static final class SimulatedClock extends Clock {
    final AtomicLong nanos = new AtomicLong();
    final ThreadLocal<Instant> lastRead = new ThreadLocal<>();

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
      Instant now = NOW.plusNanos(nanos.get());
      lastRead.set(now);
      return now;
    }

    void advance(Duration d) {
      nanos.addAndGet(d.toNanos());
    }
  }

  @Test
  void concurrentCallersShareOneBudgetOfFiftyPerTenSeconds() throws Exception {
    SimulatedClock simulated = new SimulatedClock();
    List<Instant> grants = Collections.synchronizedList(new ArrayList<>());
    List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(200).body("[]").build();
          }
        });
    OkHttpClient recording =
        new OkHttpClient.Builder()
            .addNetworkInterceptor(
                chain -> {
                  grants.add(simulated.lastRead.get());
                  return chain.proceed(chain.request());
                })
            .build();
    OptimoveClient shared =
        OptimoveClient.builder()
            .endpoint(server.url("/").toString())
            .credential(Secret.of(API_KEY))
            .clock(simulated)
            .sleeper(
                d -> {
                  waits.add(d);
                  simulated.advance(d);
                })
            .httpClient(recording)
            .buildClient();

    int threads = 8;
    int perThread = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    assertThat(shared.listTemplates(ChannelId.of(452))).isEmpty();
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(server.getRequestCount()).isEqualTo(threads * perThread);
    assertThat(grants).hasSize(threads * perThread).doesNotContainNull();
    List<Instant> sorted = new ArrayList<>(grants);
    Collections.sort(sorted);
    for (int i = 0; i + 50 < sorted.size(); i++) {
      assertThat(Duration.between(sorted.get(i), sorted.get(i + 50)))
          .as("requests %d and %d are within one 10 s window", i, i + 50)
          .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    }
    assertThat(waits).isNotEmpty();
    assertThat(Duration.between(sorted.get(0), sorted.get(sorted.size() - 1)))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(10L * (threads * perThread / 50 - 1)));
  }

  @Test
  void theBudgetIsConfigurable() throws Exception {
    SimulatedClock simulated = new SimulatedClock();
    List<Duration> waits = new ArrayList<>();
    OptimoveClient c =
        clientBuilder()
            .clock(simulated)
            .sleeper(
                d -> {
                  waits.add(d);
                  simulated.advance(d);
                })
            .rateLimit(RateLimit.of(2, Duration.ofSeconds(1)))
            .buildClient();
    for (int i = 0; i < 3; i++) {
      enqueueJson("[]");
    }
    for (int i = 0; i < 3; i++) {
      c.listTemplates(ChannelId.of(452));
    }
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
    assertThat(c.clientOptions().rateLimit()).contains(RateLimit.of(2, Duration.ofSeconds(1)));
    assertThat(client.clientOptions().rateLimit()).isEmpty();
    assertThat(OptimoveClient.DEFAULT_RATE_LIMIT)
        .isEqualTo(RateLimit.of(50, Duration.ofSeconds(10)));
  }
}
