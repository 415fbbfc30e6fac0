package io.campaignrelay.core.http.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.http.ApiErrorDetails;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.HttpLogOptions;
import io.campaignrelay.core.http.RateLimit;
import io.campaignrelay.core.http.RateLimitException;
import io.campaignrelay.core.http.RetryOptions;
import io.campaignrelay.core.http.Sleeper;
import io.campaignrelay.core.http.UnreadableResponseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The small immutable configuration types of the HTTP package: defaults, validation, copies. */
class HttpConfigTest {

  @Test
  void logOptionsDefaultsBuildAndCopy() {
    HttpLogOptions d = HttpLogOptions.defaults();
    assertThat(d.allowedHeaders()).isEqualTo(HttpLogOptions.DEFAULT_ALLOWED_HEADERS);
    assertThat(d.allowedParameters()).isEmpty();
    HttpLogOptions o =
        HttpLogOptions.builder().addAllowedHeader("X-Trace").addAllowedParameter("Page").build();
    assertThat(o.allowedHeaders()).contains("x-trace").containsAll(d.allowedHeaders());
    assertThat(o.allowedParameters()).containsExactly("page");
    assertThat(o.toBuilder().build()).isEqualTo(o).hasSameHashCodeAs(o);
    assertThat(o).isNotEqualTo(d).isNotEqualTo("x");
    assertThat(HttpLogOptions.builder().addAllowedParameter("page").build())
        .isNotEqualTo(HttpLogOptions.builder().build());
    HttpLogOptions replaced =
        o.toBuilder().allowedHeaders(List.of("A")).allowedParameters(List.of("B", "c")).build();
    assertThat(replaced.allowedHeaders()).containsExactly("a");
    assertThat(replaced.allowedParameters()).containsExactlyInAnyOrder("b", "c");
    assertThat(replaced.toString())
        .isEqualTo("HttpLogOptions{allowedHeaders=[a], allowedParameters=[b, c]}");
    assertThatThrownBy(() -> o.allowedHeaders().add("y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void vendorProfileKeepsWhatItWasGiven() {
    ApiErrorParser parser = (s, h, b) -> ApiErrorParser.ParsedError.EMPTY;
    RateLimit limit = RateLimit.of(3, Duration.ofSeconds(1));
    VendorProfile p =
        VendorProfile.builder("AcMe")
            .defaultEndpoint("https://api.acme.test/")
            .secretNames("X-Token", "Pin")
            .loggableParameters("Page")
            .idempotencyKeyHeader("Idempotency-Key")
            .errorParser(parser)
            .defaultRateLimit(limit)
            .build();
    assertThat(p.name()).isEqualTo("acme");
    assertThat(p.defaultEndpoint()).contains("https://api.acme.test/");
    assertThat(p.secretNames()).containsExactlyInAnyOrder("x-token", "pin");
    assertThat(p.loggableParameters()).containsExactly("page");
    assertThat(p.idempotencyKeyHeader()).contains("Idempotency-Key");
    assertThat(p.errorParser()).isSameAs(parser);
    assertThat(p.defaultRateLimit()).contains(limit);
    assertThat(p.toString()).isEqualTo("VendorProfile{acme}");
    VendorProfile bare = VendorProfile.builder("x").build();
    assertThat(bare.defaultEndpoint()).isEmpty();
    assertThat(bare.idempotencyKeyHeader()).isEmpty();
    assertThat(bare.defaultRateLimit()).isEmpty();
    assertThat(bare.errorParser()).isSameAs(ApiErrorParser.jsonDefault());
    assertThat(bare.secretNames()).isEmpty();
  }

  @Test
  void aVendorDefaultEndpointAndRateLimitAreUsed() {
    HttpPipeline p =
        HttpPipeline.create(
            ClientOptions.defaults(),
            VendorProfile.builder("acme").defaultEndpoint("https://api.acme.test/").build());
    assertThat(p.endpoint()).isEqualTo("https://api.acme.test/");
    assertThat(p.retrofit().baseUrl().toString()).isEqualTo("https://api.acme.test/");
    assertThat(p.options()).isSameAs(ClientOptions.defaults());
    assertThat(p.profile().name()).isEqualTo("acme");
    assertThat(p.toString()).isEqualTo("HttpPipeline{acme @ https://api.acme.test/}");
    assertThat(p.objectMapper()).isNotNull();
    HttpPipeline own =
        HttpPipeline.create(
            ClientOptions.builder().endpoint("https://mine.test").build(),
            VendorProfile.builder("acme").defaultEndpoint("https://api.acme.test/").build());
    assertThat(own.endpoint()).isEqualTo("https://mine.test/");
  }

  @Test
  void retryOptionsValidateEveryBoundary() {
    assertThat(RetryOptions.builder().maxRetries(10).build().maxRetries()).isEqualTo(10);
    assertThat(RetryOptions.builder().maxRetries(0).build().maxRetries()).isZero();
    for (int bad : new int[] {-1, 11}) {
      assertThat(
              catchThrowableOfType(
                      ConfigurationException.class,
                      () -> RetryOptions.builder().maxRetries(bad).build())
                  .problems())
          .extracting(ConfigurationProblem::field)
          .containsExactly("maxRetries");
    }
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                RetryOptions.builder()
                    .initialBackoff(Duration.ZERO)
                    .maxBackoff(null)
                    .maxRetryAfter(Duration.ZERO)
                    .build());
    assertThat(e.problems())
        .extracting(ConfigurationProblem::field)
        .containsExactly("initialBackoff", "maxBackoff", "maxRetryAfter");
    assertThat(
            catchThrowableOfType(
                    ConfigurationException.class,
                    () ->
                        RetryOptions.builder()
                            .initialBackoff(null)
                            .maxRetryAfter(Duration.ofSeconds(-1))
                            .build())
                .problems())
        .extracting(ConfigurationProblem::field)
        .containsExactly("initialBackoff", "maxRetryAfter");
    assertThat(
            catchThrowableOfType(
                    ConfigurationException.class,
                    () -> RetryOptions.builder().initialBackoff(Duration.ofMillis(-1)).build())
                .problems())
        .extracting(ConfigurationProblem::field)
        .containsExactly("initialBackoff");
    RetryOptions same = RetryOptions.builder().initialBackoff(Duration.ofSeconds(8)).build();
    assertThat(same.initialBackoff()).isEqualTo(same.maxBackoff());
    RetryOptions r =
        RetryOptions.builder()
            .maxRetries(2)
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofSeconds(1))
            .maxRetryAfter(Duration.ofSeconds(5))
            .build();
    assertThat(r.toString())
        .isEqualTo(
            "RetryOptions{maxRetries=2, initialBackoff=PT0.1S, maxBackoff=PT1S,"
                + " maxRetryAfter=PT5S}");
    assertThat(r.toBuilder().build()).isEqualTo(r).hasSameHashCodeAs(r);
    assertThat(r).isNotEqualTo(r.toBuilder().maxRetries(3).build());
    assertThat(r).isNotEqualTo(r.toBuilder().initialBackoff(Duration.ofMillis(200)).build());
    assertThat(r).isNotEqualTo(r.toBuilder().maxBackoff(Duration.ofSeconds(2)).build());
    assertThat(r).isNotEqualTo(r.toBuilder().maxRetryAfter(Duration.ofSeconds(6)).build());
    assertThat(r).isNotEqualTo("r");
    assertThat(r.backoffCeiling(0)).isEqualTo(Duration.ofMillis(100));
    assertThat(r.backoffCeiling(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(r.backoffCeiling(5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(r.backoffCeiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
    RetryOptions huge =
        RetryOptions.builder()
            .initialBackoff(Duration.ofDays(3650))
            .maxBackoff(Duration.ofDays(36500))
            .build();
    assertThat(huge.backoffCeiling(31)).isEqualTo(Duration.ofDays(36500));
  }

  @Test
  void rateLimitsValidate() {
    assertThat(RateLimit.of(1, Duration.ofMillis(1)).permits()).isEqualTo(1);
    assertThatThrownBy(() -> RateLimit.of(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("below 1");
    assertThatThrownBy(() -> RateLimit.of(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not positive");
    assertThatThrownBy(() -> RateLimit.of(1, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clientOptionsKeepEverySettingAndPrintNoSecrets() {
    OkHttpClient http = new OkHttpClient();
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = d -> {};
    HttpLogOptions log = HttpLogOptions.builder().addAllowedHeader("x").build();
    ClientOptions o =
        ClientOptions.builder()
            .endpoint(" https://api.example.com ")
            .connectTimeout(Duration.ofSeconds(1))
            .readTimeout(Duration.ofSeconds(2))
            .writeTimeout(Duration.ofSeconds(3))
            .callTimeout(Duration.ofSeconds(4))
            .retryOptions(RetryOptions.none())
            .logOptions(log)
            .httpClient(http)
            .applicationId("shop.sync-1_2")
            .clock(clock)
            .sleeper(sleeper)
            .build();
    assertThat(o.endpoint()).contains("https://api.example.com/");
    assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.writeTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(o.callTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(o.logOptions()).isSameAs(log);
    assertThat(o.httpClient()).containsSame(http);
    assertThat(o.clock()).isSameAs(clock);
    assertThat(o.sleeper()).isSameAs(sleeper);
    ClientOptions copy = o.toBuilder().build();
    assertThat(copy.httpClient()).containsSame(http);
    assertThat(copy.sleeper()).isSameAs(sleeper);
    assertThat(copy.clock()).isSameAs(clock);
    assertThat(copy.logOptions()).isSameAs(log);
    assertThat(copy.writeTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(copy.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(copy.callTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(copy.retryOptions()).isEqualTo(RetryOptions.none());
    assertThat(o.toString())
        .isEqualTo(
            "ClientOptions{endpoint=https://api.example.com/, connectTimeout=PT1S,"
                + " readTimeout=PT2S, writeTimeout=PT3S, callTimeout=PT4S, retryOptions="
                + RetryOptions.none()
                + ", rateLimit=null, rateLimiter=null, httpClient=custom,"
                + " applicationId=shop.sync-1_2}");
    assertThat(ClientOptions.defaults().toString()).contains("httpClient=default");
  }

  @Test
  void clientOptionsReportEveryMissingPart() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                ClientOptions.builder()
                    .endpoint("https://api.example.com/?a=1#f")
                    .writeTimeout(null)
                    .callTimeout(Duration.ofMillis(-1))
                    .retryOptions(null)
                    .logOptions(null)
                    .clock(null)
                    .sleeper(null)
                    .applicationId("x".repeat(25))
                    .build());
    assertThat(e.problems())
        .extracting(ConfigurationProblem::field)
        .containsExactly(
            "endpoint",
            "writeTimeout",
            "callTimeout",
            "retryOptions",
            "logOptions",
            "applicationId",
            "clock",
            "sleeper");
    for (String bad : List.of("not a url with spaces", "mailto:x@y", "//host-only", "http:/x")) {
      assertThat(
              catchThrowableOfType(
                      ConfigurationException.class,
                      () -> ClientOptions.builder().endpoint(bad).build())
                  .problems())
          .as(bad)
          .extracting(ConfigurationProblem::field)
          .containsExactly("endpoint");
    }
    assertThat(ClientOptions.builder().endpoint("HTTP://a.test").build().endpoint())
        .contains("HTTP://a.test/");
    assertThat(ClientOptions.builder().applicationId("x".repeat(24)).build().applicationId())
        .contains("x".repeat(24));
    assertThat(ClientOptions.builder().endpoint(null).build().endpoint()).isEmpty();
  }

  @Test
  void serviceExceptionsExposeWhatTheyWereBuiltFrom() {
    ApiErrorDetails d =
        new ApiErrorDetails("acme", "POST send", 422, "E1", "bad phone", "req-1", false, "{}");
    ApiServiceException e = new ApiServiceException(d);
    assertThat(e.statusCode()).isEqualTo(422);
    assertThat(e.vendorCode()).contains("E1");
    assertThat(e.vendorMessage()).contains("bad phone");
    assertThat(e.requestId()).contains("req-1");
    assertThat(e.retryable()).isFalse();
    assertThat(e.bodyExcerpt()).isEqualTo("{}");
    assertThat(e.requestRefused()).isTrue();
    assertThat(e.getMessage())
        .isEqualTo("acme POST send failed: HTTP 422, code E1, bad phone (request id req-1)");
    ApiServiceException bare =
        new ApiServiceException(
            new ApiErrorDetails("acme", "GET x", 503, null, null, null, true, ""));
    assertThat(bare.getMessage()).isEqualTo("acme GET x failed: HTTP 503");
    assertThat(bare.vendorCode()).isEmpty();
    assertThat(bare.vendorMessage()).isEmpty();
    assertThat(bare.requestId()).isEmpty();
    assertThat(bare.retryable()).isTrue();
    assertThatThrownBy(() -> new ApiErrorDetails(null, "op", 1, null, null, null, false, ""))
        .isInstanceOf(NullPointerException.class);
    RateLimitException rl = new RateLimitException(d, null);
    assertThat(rl.retryAfter()).isEmpty();
    UnreadableResponseException u = new UnreadableResponseException("m", 200, null, 2, null);
    assertThat(u.bodyExcerpt()).isEmpty();
    assertThat(u.statusCode()).isEqualTo(200);
    assertThat(u.attempts()).isEqualTo(2);
    assertThat(u.outcomeUnknown()).isTrue();
    assertThat(new ApiConnectionException("m", false, 1, null).outcomeUnknown()).isFalse();
    assertThat(Set.of(u.getMessage())).containsExactly("m");
  }
}
