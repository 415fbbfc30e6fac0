package io.campaignrelay.core.http.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.http.AuthenticationException;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.InvalidRequestException;
import io.campaignrelay.core.http.NotFoundException;
import io.campaignrelay.core.http.RateLimitException;
import io.campaignrelay.core.http.RetryOptions;
import io.campaignrelay.core.http.ServerException;
import io.campaignrelay.core.http.UnreadableResponseException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.Field;
import retrofit2.http.FormUrlEncoded;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.Headers;
import retrofit2.http.POST;
import retrofit2.http.Query;

class HttpPipelineTest {

  interface TestApi {
    @GET("things")
    Call<Map<String, Object>> list(@Query("page") int page);

    @FormUrlEncoded
    @POST("send/")
    Call<Map<String, Object>> send(@Field("apikey") String apiKey, @Field("message") String text);

    @FormUrlEncoded
    @Headers(HttpPipeline.RETRY_SAFE)
    @POST("balance/")
    Call<Map<String, Object>> balance(@Field("apikey") String apiKey);

    @POST("messages")
    Call<Map<String, Object>> create(
        @Header("Idempotency-Key") String key, @Body Map<String, Object> body);
  }

  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final VendorProfile PROFILE =
      VendorProfile.builder("acme").idempotencyKeyHeader("Idempotency-Key").build();

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

  ClientOptions.Builder options() {
    return ClientOptions.builder()
        .endpoint(server.url("/").toString())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .sleeper(sleeps::add);
  }

  TestApi api(ClientOptions options) {
    return HttpPipeline.create(options, PROFILE, () -> 1.0).create(TestApi.class);
  }

  HttpPipeline pipeline(ClientOptions options) {
    return HttpPipeline.create(options, PROFILE, () -> 1.0);
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void retryAfterBeatsTheComputedBackoff() {
    server.enqueue(
        new MockResponse.Builder().code(429).addHeader("Retry-After", "7").body("{}").build());
    server.enqueue(json(200, "{\"ok\":true}"));
    HttpPipeline p = pipeline(options().build());

    Map<String, Object> body = p.execute(p.create(TestApi.class).list(1), "GET things");

    assertThat(body).containsEntry("ok", true);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterAsHttpDateIsMeasuredFromTheInjectedClock() {
    server.enqueue(
        new MockResponse.Builder()
            .code(503)
            .addHeader("Retry-After", "Mon, 23 Nov 2026 10:00:12 GMT")
            .build());
    server.enqueue(json(200, "{}"));
    HttpPipeline p = pipeline(options().build());

    p.execute(p.create(TestApi.class).list(1), "GET things");

    assertThat(sleeps).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void retryAfterIsClampedToTheConfiguredMaximum() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());
    server.enqueue(json(200, "{}"));
    ClientOptions o =
        options()
            .retryOptions(RetryOptions.builder().maxRetryAfter(Duration.ofSeconds(20)).build())
            .build();
    HttpPipeline p = pipeline(o);

    p.execute(p.create(TestApi.class).list(1), "GET things");

    assertThat(sleeps).containsExactly(Duration.ofSeconds(20));
  }

  @Test
  void backoffIsExponentialFrom250msCappedAt8sWithFullJitter() {
    RetryOptions r = RetryOptions.defaults();
    assertThat(r.backoffCeiling(1)).isEqualTo(Duration.ofMillis(250));
    assertThat(r.backoffCeiling(2)).isEqualTo(Duration.ofMillis(500));
    assertThat(r.backoffCeiling(3)).isEqualTo(Duration.ofMillis(1000));
    assertThat(r.backoffCeiling(6)).isEqualTo(Duration.ofMillis(8000));
    assertThat(r.backoffCeiling(60)).isEqualTo(Duration.ofMillis(8000));

    RetryInterceptor half =
        new RetryInterceptor(r, null, null, Clock.systemUTC(), d -> {}, () -> 0.5);
    assertThat(half.jitteredBackoff(3)).isEqualTo(Duration.ofMillis(500));
    RetryInterceptor zero =
        new RetryInterceptor(r, null, null, Clock.systemUTC(), d -> {}, () -> 0.0);
    assertThat(zero.jitteredBackoff(3)).isEqualTo(Duration.ZERO);
  }

  @Test
  void exhaustedRetriesOnAGetRaiseServerExceptionAfterFourAttempts() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(503, "{\"error\":{\"code\":\"busy\",\"message\":\"try later\"}}"));
    }
    HttpPipeline p = pipeline(options().build());

    ServerException e =
        catchThrowableOfType(
            ServerException.class, () -> p.execute(p.create(TestApi.class).list(1), "GET things"));

    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000));
    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(e.vendorCode()).contains("busy");
    assertThat(e.vendorMessage()).contains("try later");
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("acme", "GET things", "503", "busy");
  }

  @Test
  void exhaustedRetriesOn429RaiseRateLimitExceptionWithRetryAfter() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build());
    }
    HttpPipeline p = pipeline(options().build());

    RateLimitException e =
        catchThrowableOfType(
            RateLimitException.class,
            () -> p.execute(p.create(TestApi.class).list(1), "GET things"));

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void statusesMapToTheirExceptionTypes() {
    HttpPipeline p = pipeline(options().retryOptions(RetryOptions.none()).build());
    TestApi api = p.create(TestApi.class);
    server.enqueue(json(401, "{\"message\":\"bad key\"}"));
    assertThatThrownBy(() -> p.execute(api.list(1), "GET things"))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("bad key");
    server.enqueue(json(403, "{}"));
    assertThatThrownBy(() -> p.execute(api.list(1), "GET things"))
        .isInstanceOf(AuthenticationException.class);
    server.enqueue(json(404, "{}"));
    assertThatThrownBy(() -> p.execute(api.list(1), "GET things"))
        .isInstanceOf(NotFoundException.class);
    server.enqueue(json(422, "\"phone is invalid\""));
    assertThatThrownBy(() -> p.execute(api.list(1), "GET things"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("phone is invalid");
    server.enqueue(
        new MockResponse.Builder().code(400).addHeader("X-Request-Id", "req-42").body("").build());
    InvalidRequestException e =
        catchThrowableOfType(
            InvalidRequestException.class, () -> p.execute(api.list(1), "GET things"));
    assertThat(e.requestId()).contains("req-42");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void aPostWithoutIdempotencyKeyIsNotRetriedOn5xx() throws Exception {
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, "{}"));
    HttpPipeline p = pipeline(options().build());

    assertThatThrownBy(() -> p.execute(p.create(TestApi.class).send("k", "hi"), "POST send/"))
        .isInstanceOf(ServerException.class);

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aPostWithAnIdempotencyKeyIsRetriedWithTheSameKey() throws Exception {
    server.enqueue(json(500, "{}"));
    server.enqueue(json(502, "{}"));
    server.enqueue(json(200, "{\"id\":\"m1\"}"));
    HttpPipeline p = pipeline(options().build());

    Map<String, Object> body =
        p.execute(p.create(TestApi.class).create("key-123", Map.of("to", "+447700900123")), "POST");

    assertThat(body).containsEntry("id", "m1");
    assertThat(server.getRequestCount()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      RecordedRequest r = server.takeRequest();
      assertThat(r.getHeaders().get("Idempotency-Key")).isEqualTo("key-123");
      assertThat(r.getBody().utf8()).isEqualTo("{\"to\":\"+447700900123\"}");
    }
  }

  @Test
  void aPostMarkedAsAReadIsRetriedAndTheMarkerIsNeverSent() throws Exception {
    server.enqueue(json(504, "{}"));
    server.enqueue(json(200, "{\"balance\":10}"));
    HttpPipeline p = pipeline(options().build());

    p.execute(p.create(TestApi.class).balance("k"), "POST balance/");

    assertThat(server.getRequestCount()).isEqualTo(2);
    RecordedRequest r = server.takeRequest();
    assertThat(r.getHeaders().get(HttpPipeline.RETRY_SAFE_HEADER)).isNull();
  }

  @Test
  void aPostCutOffAfterItReachedTheServerIsNotRetriedAndSaysTheOutcomeIsUnknown() {
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(json(200, "{}"));
    HttpPipeline p = pipeline(options().build());

    ApiConnectionException e =
        catchThrowableOfType(
            ApiConnectionException.class,
            () -> p.execute(p.create(TestApi.class).send("k", "hi"), "POST send/"));

    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.getMessage()).contains("outcome is unknown", "failed after 1 attempt: ");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aGetCutOffAfterItReachedTheServerIsRetried() {
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(json(200, "{\"ok\":true}"));
    HttpPipeline p = pipeline(options().build());

    assertThat(p.execute(p.create(TestApi.class).list(1), "GET things")).containsEntry("ok", true);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aReadTimeoutOnAPostIsAnUnknownOutcome() {
    server.enqueue(
        new MockResponse.Builder().headersDelay(2, java.util.concurrent.TimeUnit.SECONDS).build());
    HttpPipeline p = pipeline(options().readTimeout(Duration.ofMillis(150)).build());

    ApiConnectionException e =
        catchThrowableOfType(
            ApiConnectionException.class,
            () -> p.execute(p.create(TestApi.class).send("k", "hi"), "POST send/"));

    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.getCause()).isInstanceOf(java.net.SocketTimeoutException.class);
  }

  @Test
  void aConnectFailureNeverReachedTheServerSoEvenAPostIsRetriedThenReported() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    HttpPipeline p = pipeline(options().endpoint("http://127.0.0.1:" + port + "/").build());

    ApiConnectionException e =
        catchThrowableOfType(
            ApiConnectionException.class,
            () -> p.execute(p.create(TestApi.class).send("k", "hi"), "POST send/"));

    assertThat(e.outcomeUnknown()).isFalse();
    assertThat(e.attempts()).isEqualTo(4);
    assertThat(e.getMessage()).contains("nothing was sent", "failed after 4 attempts: ");
    assertThat(sleeps).hasSize(3);
  }

  @Test
  void anInterruptDuringBackoffIsPreserved() {
    server.enqueue(json(503, "{}"));
    HttpPipeline p =
        HttpPipeline.create(
            options()
                .sleeper(
                    d -> {
                      throw new InterruptedException("stop");
                    })
                .build(),
            PROFILE,
            () -> 1.0);
    try {
      assertThatThrownBy(() -> p.execute(p.create(TestApi.class).list(1), "GET things"))
          .isInstanceOfSatisfying(
              ApiConnectionException.class, e -> assertThat(e.outcomeUnknown()).isTrue())
          .hasMessageContaining("GET things was interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void userAgentNamesSdkVendorJavaAndApplication() throws Exception {
    server.enqueue(json(200, "{}"));
    HttpPipeline p = pipeline(options().applicationId("shop-sync").build());

    p.execute(p.create(TestApi.class).list(1), "GET things");

    String ua = server.takeRequest().getHeaders().get("User-Agent");
    assertThat(ua)
        .matches(
            "campaign-relay/\\d+\\.\\d+\\.\\d+(-SNAPSHOT)? acme java/"
                + java.util.regex.Pattern.quote(System.getProperty("java.version"))
                + " app/shop-sync");
  }

  @Test
  void aCallersOkHttpClientIsDerivedFromNotMutated() {
    OkHttpClient mine = new OkHttpClient.Builder().build();
    HttpPipeline p = pipeline(options().httpClient(mine).build());

    assertThat(mine.interceptors()).isEmpty();
    assertThat(mine.networkInterceptors()).isEmpty();
    assertThat(p.okHttpClient().connectionPool()).isSameAs(mine.connectionPool());
    assertThat(p.okHttpClient().readTimeoutMillis()).isEqualTo(30_000);
    assertThat(p.okHttpClient().connectTimeoutMillis()).isEqualTo(10_000);
    assertThat(p.okHttpClient().writeTimeoutMillis()).isEqualTo(30_000);
    assertThat(p.okHttpClient().callTimeoutMillis()).isEqualTo(60_000);
  }

  @Test
  void aMissingEndpointWithoutVendorDefaultIsAConfigurationError() {
    ClientOptions o = ClientOptions.builder().build();
    assertThatThrownBy(() -> HttpPipeline.create(o, PROFILE))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("endpoint")
        .hasMessageContaining("acme");
  }

  @Test
  void aMalformedSuccessfulBodyIsAnUnknownOutcomeNotAServiceError() {
    server.enqueue(json(200, "{\"ok\": tru"));
    HttpPipeline p = pipeline(options().build());
    UnreadableResponseException e =
        catchThrowableOfType(
            UnreadableResponseException.class,
            () -> p.execute(p.create(TestApi.class).list(1), "GET things"));
    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.statusCode()).isEqualTo(200);
    assertThat(e.bodyExcerpt()).isEqualTo("{\"ok\": tru");
    assertThat(e.getMessage()).contains("could not be read");
  }

  @Test
  void anUnreadableBodyAfterARetryCountsBothAttempts() {
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, "[1,2"));
    HttpPipeline p = pipeline(options().build());
    UnreadableResponseException e =
        catchThrowableOfType(
            UnreadableResponseException.class,
            () -> p.execute(p.create(TestApi.class).list(1), "GET things"));
    assertThat(e.attempts()).isEqualTo(2);
    assertThat(e.bodyExcerpt()).isEqualTo("[1,2");
  }

  interface StreamingApi {
    @retrofit2.http.Streaming
    @GET("rows")
    Call<okhttp3.ResponseBody> rows();

    @GET("rows")
    Call<okhttp3.ResponseBody> buffered();
  }

  @Test
  void aStreamedBodyIsLeftToItsReaderAndABufferedOneIsReadInTheChain() throws Exception {
    String cut = RawHttpServer.head(200, "application/json", 100) + "[{\"id\":1},";
    try (RawHttpServer raw = RawHttpServer.always(cut)) {
      HttpPipeline p = pipeline(options().endpoint(raw.url()).build());
      StreamingApi api = p.create(StreamingApi.class);

      retrofit2.Response<okhttp3.ResponseBody> streamed = p.executeForResponse(api.rows(), "GET");
      assertThat(streamed.code()).isEqualTo(200);
      try (okhttp3.ResponseBody body = streamed.body()) {
        assertThatThrownBy(body::string).isInstanceOf(IOException.class);
      }

      assertThatThrownBy(() -> p.executeForResponse(api.buffered(), "GET rows"))
          .isInstanceOf(UnreadableResponseException.class);
    }
  }
}
