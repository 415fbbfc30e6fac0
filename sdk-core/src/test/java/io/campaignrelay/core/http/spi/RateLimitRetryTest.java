package io.campaignrelay.core.http.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.RateLimitException;
import io.campaignrelay.core.http.RetryOptions;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.POST;

/** A 429 means nothing was processed: retried for every method, a POST without a key included. */
class RateLimitRetryTest {

  interface Api {
    @POST("UpdateCampaignMetrics")
    Call<Map<String, Object>> write(@Body Map<String, Object> body);
  }

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpPipeline pipeline(RetryOptions retry) {
    return HttpPipeline.create(
        ClientOptions.builder()
            .endpoint(server.url("/").toString())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .sleeper(sleeps::add)
            .retryOptions(retry)
            .build(),
        VendorProfile.builder("acme").build(),
        () -> 1.0);
  }

  static MockResponse tooMany(String retryAfter) {
    MockResponse.Builder b =
        new MockResponse.Builder().code(429).body("{\"message\":\"slow down\"}");
    if (retryAfter != null) {
      b.addHeader("Retry-After", retryAfter);
    }
    return b.build();
  }

  static MockResponse ok() {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json")
        .body("{}")
        .build();
  }

  @Test
  void aPostWithoutIdempotencyKeyIsRetriedAfterA429HonouringRetryAfterSeconds() {
    server.enqueue(tooMany("3"));
    server.enqueue(ok());
    HttpPipeline p = pipeline(RetryOptions.defaults());

    p.execute(p.create(Api.class).write(Map.of("a", 1)), "POST UpdateCampaignMetrics");

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void aRetryAfterHoldsTheClientsOtherRequestsEvenWithoutAConfiguredRateLimit() {
    server.enqueue(tooMany("7"));
    server.enqueue(ok());
    server.enqueue(ok());
    HttpPipeline p = pipeline(RetryOptions.defaults());

    p.execute(p.create(Api.class).write(Map.of()), "POST UpdateCampaignMetrics");
    // On the fixed clock the hold has not ended: the client's next request waits it out too, as
    // the other batches in flight of a campaign do.
    p.execute(p.create(Api.class).write(Map.of()), "POST UpdateCampaignMetrics");

    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
  }

  @Test
  void retryAfterAsAnHttpDateIsMeasuredFromTheClockAndClamped() {
    server.enqueue(tooMany("Tue, 01 Dec 2026 10:00:09 GMT"));
    server.enqueue(tooMany("Tue, 01 Dec 2026 11:00:00 GMT"));
    server.enqueue(tooMany("Tue, 01 Dec 2026 09:00:00 GMT"));
    server.enqueue(ok());
    // Time moves as the pipeline waits, so that a hold ends once it has been waited out.
    RateLimiterTest.SteppingClock clock = new RateLimiterTest.SteppingClock();
    clock.millis.set(NOW.toEpochMilli());
    HttpPipeline p =
        HttpPipeline.create(
            ClientOptions.builder()
                .endpoint(server.url("/").toString())
                .clock(clock)
                .sleeper(
                    d -> {
                      sleeps.add(d);
                      clock.millis.addAndGet(d.toMillis());
                    })
                .retryOptions(RetryOptions.builder().maxRetryAfter(Duration.ofSeconds(30)).build())
                .build(),
            VendorProfile.builder("acme").build(),
            () -> 1.0);

    p.execute(p.create(Api.class).write(Map.of()), "POST UpdateCampaignMetrics");

    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(sleeps)
        .containsExactly(Duration.ofSeconds(9), Duration.ofSeconds(30), Duration.ZERO);
  }

  @Test
  void withoutRetryAfterThePostBacksOffExponentially() {
    server.enqueue(tooMany(null));
    server.enqueue(tooMany("soon"));
    server.enqueue(ok());
    HttpPipeline p = pipeline(RetryOptions.defaults());

    p.execute(p.create(Api.class).write(Map.of()), "POST UpdateCampaignMetrics");

    assertThat(sleeps).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
  }

  @Test
  void afterTheLastAttemptARateLimitExceptionSaysTheRequestWasRefused() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(tooMany("2"));
    }
    server.enqueue(ok());
    HttpPipeline p = pipeline(RetryOptions.defaults());

    RateLimitException e =
        catchThrowableOfType(
            RateLimitException.class,
            () -> p.execute(p.create(Api.class).write(Map.of()), "POST UpdateCampaignMetrics"));

    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(sleeps).hasSize(3).containsOnly(Duration.ofSeconds(2));
    assertThat(e.requestRefused()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(e.retryable()).isTrue();
    assertThat(e.vendorMessage()).contains("slow down");
  }

  @Test
  void theRateLimitExceptionReadsAnHttpDateRetryAfterToo() {
    server.enqueue(tooMany("Tue, 01 Dec 2026 10:01:00 GMT"));
    HttpPipeline p = pipeline(RetryOptions.none());

    RateLimitException e =
        catchThrowableOfType(
            RateLimitException.class,
            () -> p.execute(p.create(Api.class).write(Map.of()), "POST UpdateCampaignMetrics"));

    assertThat(e.retryAfter()).contains(Duration.ofMinutes(1));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void otherRetryableStatusesStillDoNotRepeatAPostWithoutKey() {
    for (int status : new int[] {408, 425, 500, 502, 503, 504}) {
      server.enqueue(new MockResponse.Builder().code(status).body("{}").build());
      server.enqueue(ok());
      HttpPipeline p = pipeline(RetryOptions.defaults());
      int before = server.getRequestCount();
      catchThrowableOfType(
          ApiServiceException.class,
          () -> p.execute(p.create(Api.class).write(Map.of()), "POST UpdateCampaignMetrics"));
      assertThat(server.getRequestCount() - before).as("status %d", status).isEqualTo(1);
      server.close();
      server = new MockWebServer();
      try {
        server.start();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    assertThat(sleeps).isEmpty();
  }

  @Test
  void retryAfterParsing() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    assertThat(RetryAfter.parse(null, clock)).isNull();
    assertThat(RetryAfter.parse("  ", clock)).isNull();
    assertThat(RetryAfter.parse("x", clock)).isNull();
    assertThat(RetryAfter.parse(" 5 ", clock)).isEqualTo(Duration.ofSeconds(5));
    assertThat(RetryAfter.parse("-5", clock)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse("0", clock)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse("Tue, 01 Dec 2026 10:00:01 GMT", clock))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(RetryAfter.parse("Tue, 01 Dec 2026 10:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
  }
}
