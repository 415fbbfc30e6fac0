package io.campaignrelay.core.http.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.ServerException;
import io.campaignrelay.core.http.UnreadableResponseException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.POST;

/**
 * After the vendor answered 2xx, a body that cannot be read means "outcome unknown", never "nothing
 * sent", and the outcome is the same at every log level. The servers are raw sockets written here.
 */
class UnreadableResponseTest {

  static {
    // Three vendors whose loggers sit at three levels (slf4j-simple reads these when the logger is
    // first created; the build sets io.campaignrelay to TRACE).
    System.setProperty("org.slf4j.simpleLogger.log.io.campaignrelay.cutoff.http", "off");
    System.setProperty("org.slf4j.simpleLogger.log.io.campaignrelay.cutdebug.http", "debug");
    System.setProperty("org.slf4j.simpleLogger.log.io.campaignrelay.cuttrace.http", "trace");
  }

  static final String KEY = "KEY-echo-7788";
  static final String[] VENDORS_BY_LEVEL = {"cutoff", "cutdebug", "cuttrace"};

  interface Api {
    @POST("messages")
    Call<Map<String, Object>> send(@Body Map<String, Object> body);

    @POST("messages")
    Call<Map<String, Object>> sendWithKey(
        @Header("Idempotency-Key") String key, @Body Map<String, Object> body);

    @GET("messages")
    Call<Map<String, Object>> list();
  }

  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  HttpPipeline pipeline(String vendor, String endpoint) {
    VendorProfile profile =
        VendorProfile.builder(vendor).idempotencyKeyHeader("Idempotency-Key").build();
    ClientOptions options =
        ClientOptions.builder()
            .endpoint(endpoint)
            .readTimeout(Duration.ofSeconds(5))
            .clock(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC))
            .sleeper(
                d -> {
                  sleeps.add(d);
                  onSleep.run();
                })
            .build();
    return HttpPipeline.create(options, profile, () -> 1.0, Secret.of(KEY));
  }

  static String ok(String body) {
    return RawHttpServer.head(200, "application/json", body.getBytes().length) + body;
  }

  /** The faults: each a raw answer after which the vendor has accepted the request. */
  static Map<String, String> faults() {
    Map<String, String> f = new LinkedHashMap<>();
    String full = "{\"messages\":[{\"id\":\"m1\",\"status\":\"queued\"}]}";
    f.put(
        "body cut before Content-Length",
        RawHttpServer.head(200, "application/json", 200) + full.substring(0, 20));
    f.put(
        "chunked body cut mid-chunk",
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "40\r\n"
            + full.substring(0, 25));
    f.put(
        "chunked body without its last chunk",
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + Integer.toHexString(full.length())
            + "\r\n"
            + full
            + "\r\n");
    f.put("connection closed after the head", RawHttpServer.head(200, "application/json", 50));
    f.put("truncated JSON", ok(full.substring(0, 30)));
    f.put("empty body", ok(""));
    f.put(
        "HTML page",
        RawHttpServer.head(200, "text/html", 38) + "<html><body>Accepted</body></html>\r\n");
    f.put("malformed JSON", ok("{\"messages\": [tru}"));
    f.put("not the expected shape", ok("[1,2,3]"));
    f.put("echoed key in a broken body", ok("{\"token\":\"Bearer " + KEY + "\", oops"));
    return f;
  }

  @Test
  void everyUnreadable2xxOnAPostIsOutcomeUnknownAndSentExactlyOnce() throws Exception {
    for (Map.Entry<String, String> fault : faults().entrySet()) {
      try (RawHttpServer server = RawHttpServer.always(fault.getValue())) {
        HttpPipeline p = pipeline("cuttrace", server.url());

        Throwable t =
            catchThrowable(
                () -> p.execute(p.create(Api.class).send(Map.of("to", "x")), "POST messages"));

        assertThat(t).as(fault.getKey()).isInstanceOf(UnreadableResponseException.class);
        UnreadableResponseException e = (UnreadableResponseException) t;
        assertThat(e.outcomeUnknown()).as(fault.getKey()).isTrue();
        assertThat(e.statusCode()).as(fault.getKey()).isEqualTo(200);
        assertThat(e.attempts()).as(fault.getKey()).isEqualTo(1);
        assertThat(e.getMessage())
            .as(fault.getKey())
            .contains("cuttrace", "POST messages", "HTTP 200", "outcome is unknown")
            .doesNotContain(KEY);
        assertThat(e.bodyExcerpt()).as(fault.getKey()).doesNotContain(KEY);
        assertThat(server.requests()).as(fault.getKey()).hasSize(1);
      }
    }
  }

  @Test
  void theExceptionNamesWhatWasWrongAndKeepsARedactedExcerpt() throws Exception {
    try (RawHttpServer server =
        RawHttpServer.always(ok("{\"token\":\"Bearer " + KEY + "\", \"ok\": tru"))) {
      HttpPipeline p = pipeline("cuttrace", server.url());
      UnreadableResponseException e =
          catchThrowableOfType(
              UnreadableResponseException.class,
              () -> p.execute(p.create(Api.class).send(Map.of()), "POST messages"));
      assertThat(e.getMessage()).contains("could not be read");
      assertThat(e.bodyExcerpt()).contains("\"ok\": tru").doesNotContain(KEY);
      assertThat(e.getCause())
          .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    }
    try (RawHttpServer server = RawHttpServer.always(ok(""))) {
      HttpPipeline p = pipeline("cuttrace", server.url());
      UnreadableResponseException e =
          catchThrowableOfType(
              UnreadableResponseException.class,
              () -> p.execute(p.create(Api.class).send(Map.of()), "POST messages"));
      assertThat(e.getMessage()).contains("was empty where a body was expected");
      assertThat(e.bodyExcerpt()).isEmpty();
    }
    try (RawHttpServer server =
        RawHttpServer.always(RawHttpServer.head(200, "application/json", 100) + "{\"id\":\"m1\"")) {
      HttpPipeline p = pipeline("cuttrace", server.url());
      UnreadableResponseException e =
          catchThrowableOfType(
              UnreadableResponseException.class,
              () -> p.execute(p.create(Api.class).send(Map.of()), "POST messages"));
      assertThat(e.getMessage()).contains("was cut off before its end");
      assertThat(e.bodyExcerpt()).isEqualTo("{\"id\":\"m1\"");
      assertThat(e.getCause()).isInstanceOf(IOException.class);
    }
  }

  @Test
  void aReadThatIsCutOffIsRetriedAndOnlyThenReportedUnknown() throws Exception {
    String cut = RawHttpServer.head(200, "application/json", 100) + "{\"id\":";
    try (RawHttpServer server = RawHttpServer.always(cut)) {
      HttpPipeline p = pipeline("cuttrace", server.url());
      UnreadableResponseException e =
          catchThrowableOfType(
              UnreadableResponseException.class,
              () -> p.execute(p.create(Api.class).list(), "GET messages"));
      assertThat(e.attempts()).isEqualTo(4);
      assertThat(server.requests()).hasSize(4);
    }
    String good = "{\"ok\":true}";
    try (RawHttpServer server = new RawHttpServer(n -> (n == 0 ? cut : ok(good)).getBytes())) {
      HttpPipeline p = pipeline("cuttrace", server.url());
      assertThat(p.execute(p.create(Api.class).list(), "GET messages")).containsEntry("ok", true);
      assertThat(server.requests()).hasSize(2);
    }
  }

  @Test
  void aPostWithAnIdempotencyKeyIsRepeatedWithTheSameKeyAfterACutBody() throws Exception {
    String cut = RawHttpServer.head(200, "application/json", 100) + "{\"id\":";
    try (RawHttpServer server =
        new RawHttpServer(n -> (n == 0 ? cut : ok("{\"id\":\"m1\"}")).getBytes())) {
      HttpPipeline p = pipeline("cuttrace", server.url());
      assertThat(p.execute(p.create(Api.class).sendWithKey("k-1", Map.of()), "POST messages"))
          .containsEntry("id", "m1");
      assertThat(server.requests()).hasSize(2).allMatch(r -> r.contains("Idempotency-Key: k-1"));
    }
  }

  @Test
  void theLoggersReallyAreAtThreeLevels() {
    assertThat(LoggerFactory.getLogger("io.campaignrelay.cutoff.http").isDebugEnabled()).isFalse();
    assertThat(LoggerFactory.getLogger("io.campaignrelay.cutdebug.http").isDebugEnabled()).isTrue();
    assertThat(LoggerFactory.getLogger("io.campaignrelay.cutdebug.http").isTraceEnabled())
        .isFalse();
    assertThat(LoggerFactory.getLogger("io.campaignrelay.cuttrace.http").isTraceEnabled()).isTrue();
  }

  @Test
  void theOutcomeIsTheSameAtOffDebugAndTrace() throws Exception {
    Map<String, String> cases = new LinkedHashMap<>(faults());
    cases.put("good body", ok("{\"ok\":true}"));
    for (Map.Entry<String, String> fault : cases.entrySet()) {
      for (String method : List.of("GET", "POST", "POST with key")) {
        List<String> outcomes = new ArrayList<>();
        for (String vendor : VENDORS_BY_LEVEL) {
          try (RawHttpServer server = RawHttpServer.always(fault.getValue())) {
            HttpPipeline p = pipeline(vendor, server.url());
            Api api = p.create(Api.class);
            Call<Map<String, Object>> call =
                switch (method) {
                  case "GET" -> api.list();
                  case "POST" -> api.send(Map.of("to", "x"));
                  default -> api.sendWithKey("k-1", Map.of("to", "x"));
                };
            outcomes.add(outcome(() -> p.execute(call, "op"), server));
          }
        }
        assertThat(outcomes)
            .as(fault.getKey() + " / " + method + " at OFF, DEBUG, TRACE")
            .hasSize(3)
            .containsOnly(outcomes.get(0));
        if (!fault.getKey().equals("good body")) {
          assertThat(outcomes.get(0)).as(fault.getKey()).startsWith("UnreadableResponseException");
        }
      }
    }
  }

  /** What a caller (and the engine) can observe of a call: result or failure kind, and requests. */
  static String outcome(Runnable call, RawHttpServer server) {
    Throwable t = catchThrowable(call::run);
    String what;
    if (t == null) {
      what = "ok";
    } else if (t instanceof ApiConnectionException c) {
      what =
          t.getClass().getSimpleName()
              + " unknown="
              + c.outcomeUnknown()
              + " attempts="
              + c.attempts();
    } else if (t instanceof ApiServiceException s) {
      what = t.getClass().getSimpleName() + " refused=" + s.requestRefused();
    } else {
      what = t.toString();
    }
    return what + " requests=" + server.requests().size();
  }

  @Test
  void aNonSuccessStatusWithACutBodyIsStillTheErrorItsStatusSays() throws Exception {
    String raw = RawHttpServer.head(503, "application/json", 80) + "{\"message\":\"bu";
    try (RawHttpServer server = RawHttpServer.always(raw)) {
      HttpPipeline p = pipeline("cuttrace", server.url());
      ServerException e =
          catchThrowableOfType(
              ServerException.class,
              () -> p.execute(p.create(Api.class).send(Map.of()), "POST messages"));
      assertThat(e.statusCode()).isEqualTo(503);
      assertThat(e.requestRefused()).isFalse();
      assertThat(e.bodyExcerpt()).isEqualTo("{\"message\":\"bu");
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void aRequestThatCannotBeBuiltSentNothing() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(new MockResponse.Builder().body("{}").build());
      HttpPipeline p = pipeline("cuttrace", server.url("/").toString());
      Map<String, Object> unserializable = Map.of("x", new Object());
      ApiConnectionException e =
          catchThrowableOfType(
              ApiConnectionException.class,
              () -> p.execute(p.create(Api.class).send(unserializable), "POST messages"));
      assertThat(e).isNotInstanceOf(UnreadableResponseException.class);
      assertThat(e.outcomeUnknown()).isFalse();
      assertThat(e.attempts()).isZero();
      assertThat(e.getMessage()).contains("could not be built", "nothing was sent");
      assertThat(server.getRequestCount()).isZero();
    }
  }

  @Test
  void aRetryThatCannotConnectAfterAnAttemptReachedTheServerLeavesTheOutcomeUnknown()
      throws Exception {
    // attempt 1 of a keyed POST reaches the server and is cut off; the retry finds it gone
    String cut = RawHttpServer.head(200, "application/json", 100) + "{\"id\":";
    RawHttpServer server = RawHttpServer.always(cut);
    String url = server.url();
    HttpPipeline p = pipeline("cuttrace", url);
    List<Duration> pauses = sleeps;
    Api api = p.create(Api.class);
    Call<Map<String, Object>> call = api.sendWithKey("k-1", Map.of());
    sleepsThen(() -> closeQuietly(server));

    ApiConnectionException e =
        catchThrowableOfType(ApiConnectionException.class, () -> p.execute(call, "POST messages"));

    assertThat(pauses).isNotEmpty();
    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.attempts()).isEqualTo(4);
    assertThat(server.requests()).hasSize(1);
  }

  private Runnable onSleep = () -> {};

  private void sleepsThen(Runnable action) {
    onSleep = action;
  }

  private static void closeQuietly(RawHttpServer server) {
    try {
      server.close();
    } catch (IOException ignored) {
      // closed already
    }
  }
}
