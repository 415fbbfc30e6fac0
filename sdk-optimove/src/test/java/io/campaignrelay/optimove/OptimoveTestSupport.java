package io.campaignrelay.optimove;

import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.RetryOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A MockWebServer and a client pointed at it, with a fixed clock and a recording sleeper. */
abstract class OptimoveTestSupport {

  static final String API_KEY = "key-7f3a9c1e-SECRET";
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  MockWebServer server;
  OptimoveClient client;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start();
    client = clientBuilder().buildClient();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  OptimoveClient.Builder clientBuilder() {
    return OptimoveClient.builder()
        .endpoint(server.url("/").toString())
        .credential(Secret.of(API_KEY))
        .clock(clock)
        .sleeper(sleeps::add)
        .retryOptions(RetryOptions.defaults());
  }

  void enqueue(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code).body(body).build());
  }

  void enqueueJson(String body) {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(body)
            .build());
  }

  RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no request arrived");
    }
    return r;
  }

  static String body(RecordedRequest r) {
    return r.getBody() == null ? "" : r.getBody().string(StandardCharsets.UTF_8);
  }
}
