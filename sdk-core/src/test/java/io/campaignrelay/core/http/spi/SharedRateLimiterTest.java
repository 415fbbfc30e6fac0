package io.campaignrelay.core.http.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.RateLimit;
import io.campaignrelay.core.http.RateLimitException;
import io.campaignrelay.core.http.RateLimiter;
import io.campaignrelay.core.http.RetryOptions;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.http.GET;
import retrofit2.http.Header;

/**
 * Two clients of one API key share one limiter, given explicitly: together they stay within the
 * vendor's budget, and a 429 one of them sees holds the other too. Time is simulated.
 */
class SharedRateLimiterTest {

  interface Api {
    @GET("customers")
    Call<Map<String, Object>> page(@Header("X-Client") String client);
  }

  /** Arrival of a request on the simulated clock, and which client sent it. */
  record Arrival(Instant at, String client) {}

  final RateLimiterTest.SteppingClock clock = new RateLimiterTest.SteppingClock();
  final List<Duration> limiterSleeps = new CopyOnWriteArrayList<>();
  final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
  final List<MockResponse> script = new CopyOnWriteArrayList<>();
  MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            arrivals.add(new Arrival(clock.instant(), request.getHeaders().get("X-Client")));
            if (!script.isEmpty()) {
              return script.remove(0);
            }
            return new MockResponse.Builder()
                .addHeader("Content-Type", "application/json")
                .body("{}")
                .build();
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  RateLimiter sharedLimiter() {
    return RateLimiter.of(
        RateLimit.of(50, Duration.ofSeconds(10)),
        clock,
        d -> {
          limiterSleeps.add(d);
          clock.millis.addAndGet(d.toMillis());
        });
  }

  Api client(String vendor, RateLimiter limiter, RetryOptions retry) {
    ClientOptions options =
        ClientOptions.builder()
            .endpoint(server.url("/").toString())
            .rateLimiter(limiter)
            .retryOptions(retry)
            .clock(clock)
            .sleeper(d -> clock.millis.addAndGet(d.toMillis()))
            .build();
    return HttpPipeline.create(options, VendorProfile.builder(vendor).build(), () -> 1.0)
        .create(Api.class);
  }

  static void call(Call<Map<String, Object>> call) {
    try {
      call.execute().body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void twoClientsSharingALimiterMakeAtMost50RequestsInAny10Seconds() {
    RateLimiter shared = sharedLimiter();
    Api a = client("optimove", shared, RetryOptions.none());
    Api b = client("optimove", shared, RetryOptions.none());

    for (int i = 0; i < 80; i++) {
      call(a.page("a"));
      call(b.page("b"));
    }

    assertThat(arrivals).hasSize(160);
    assertThat(arrivals).extracting(Arrival::client).contains("a", "b");
    List<Instant> times = new ArrayList<>();
    arrivals.forEach(x -> times.add(x.at()));
    times.sort(null);
    for (int i = 50; i < times.size(); i++) {
      assertThat(Duration.between(times.get(i - 50), times.get(i)))
          .as("request %d and the 50th before it", i)
          .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    }
    // the budget is used, not wasted: 160 requests fit in three full windows
    assertThat(Duration.between(times.get(0), times.get(159))).isLessThan(Duration.ofSeconds(31));
  }

  @Test
  void clientsWithTheirOwnBudgetsWouldHaveSentTwiceAsMany() {
    Api a = client("optimove", sharedLimiter(), RetryOptions.none());
    Api b = client("optimove", sharedLimiter(), RetryOptions.none());

    for (int i = 0; i < 50; i++) {
      call(a.page("a"));
      call(b.page("b"));
    }

    assertThat(arrivals).hasSize(100);
    assertThat(Duration.between(arrivals.get(0).at(), arrivals.get(99).at())).isZero();
    assertThat(limiterSleeps).isEmpty();
  }

  @Test
  void one429WithRetryAfterDelaysTheOtherClientsNextRequest() {
    RateLimiter shared = sharedLimiter();
    Api a = client("optimove", shared, RetryOptions.none());
    Api b = client("optimove", shared, RetryOptions.none());
    Api independent = client("optimove", sharedLimiter(), RetryOptions.none());
    script.add(new MockResponse.Builder().code(429).addHeader("Retry-After", "5").build());
    Instant start = clock.instant();

    RateLimitException e =
        catchThrowableOfType(
            RateLimitException.class,
            () -> {
              HttpPipeline p =
                  HttpPipeline.create(
                      ClientOptions.builder()
                          .endpoint(server.url("/").toString())
                          .rateLimiter(shared)
                          .retryOptions(RetryOptions.none())
                          .clock(clock)
                          .sleeper(d -> clock.millis.addAndGet(d.toMillis()))
                          .build(),
                      VendorProfile.builder("optimove").build());
              p.execute(p.create(Api.class).page("c"), "GET customers");
            });
    assertThat(e.requestRefused()).isTrue();
    call(independent.page("other-key"));
    call(b.page("b"));
    call(a.page("a"));

    assertThat(arrivals).extracting(Arrival::client).containsExactly("c", "other-key", "b", "a");
    assertThat(arrivals.get(1).at()).isEqualTo(start);
    assertThat(arrivals.get(2).at()).isEqualTo(start.plusSeconds(5));
    assertThat(arrivals.get(3).at()).isEqualTo(start.plusSeconds(5));
    assertThat(limiterSleeps).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void aRetried429WaitsThroughTheSharedHoldOnce() {
    RateLimiter shared = sharedLimiter();
    Api a = client("optimove", shared, RetryOptions.defaults());
    script.add(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").build());
    Instant start = clock.instant();

    call(a.page("a"));

    assertThat(arrivals).hasSize(2);
    assertThat(arrivals.get(1).at()).isEqualTo(start.plusSeconds(7));
    assertThat(limiterSleeps).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void aHoldNeverShortensAndIgnoresNothingToWait() throws Exception {
    RateLimiter shared = sharedLimiter();
    Instant start = clock.instant();
    shared.holdFor(Duration.ofSeconds(8));
    shared.holdFor(Duration.ofSeconds(2));
    shared.holdFor(Duration.ZERO);
    shared.holdFor(Duration.ofSeconds(-1));
    shared.holdFor(null);
    shared.holdUntil(null);
    shared.holdUntil(start.plusSeconds(1));

    assertThat(shared.acquire()).isEqualTo(start.plusSeconds(8));
    assertThat(limiterSleeps).containsExactly(Duration.ofSeconds(8));
    assertThat(shared.limit()).isEqualTo(RateLimit.of(50, Duration.ofSeconds(10)));
    assertThat(shared.toString()).isEqualTo("RateLimiter{50 per PT10S}");
  }

  @Test
  void aLimiterNeedsItsParts() {
    assertThatThrownBy(() -> RateLimiter.of(null, null, null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("rateLimit")
        .hasMessageContaining("clock")
        .hasMessageContaining("sleeper");
    assertThat(RateLimiter.of(RateLimit.of(1, Duration.ofSeconds(1))).limit().permits())
        .isEqualTo(1);
  }

  @Test
  void aSharedLimiterAndAPrivateBudgetCannotBothBeSet() {
    assertThatThrownBy(
            () ->
                ClientOptions.builder()
                    .rateLimit(RateLimit.of(5, Duration.ofSeconds(1)))
                    .rateLimiter(sharedLimiter())
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("rateLimit")
        .hasMessageContaining("not both");
    RateLimiter shared = sharedLimiter();
    ClientOptions o = ClientOptions.builder().rateLimiter(shared).build();
    assertThat(o.rateLimiter()).containsSame(shared);
    assertThat(o.toBuilder().build().rateLimiter()).containsSame(shared);
    assertThat(o.toString()).contains("rateLimiter=RateLimiter{50 per PT10S}");
    assertThat(ClientOptions.defaults().rateLimiter()).isEmpty();
  }
}
