package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.RetryOptions;
import io.campaignrelay.core.runtime.InboundRequest;
import io.campaignrelay.core.runtime.InboundResponse;
import io.campaignrelay.delivyr.models.OptimoveAccessType;
import io.campaignrelay.optimove.EngagementMetricsClient;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.OptimoveMetricsSink;
import io.campaignrelay.testkit.SimulatedClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Optimove's engagement endpoint down while webhooks arrive (a server written for this test): the
 * webhooks are still taken (202), their metrics wait in the outbox, the flush job fails and is
 * retried, and once the endpoint is back every metric arrives, once.
 */
class DelivyrRuntimeOutboxTest {

  static final String SECRET = "whsec-outbox-test";

  SimulatedClock clock;
  MockWebServer metricsServer;
  final AtomicBoolean down = new AtomicBoolean(true);
  final AtomicInteger attempts = new AtomicInteger();
  final List<String> accepted = new CopyOnWriteArrayList<>();
  DelivyrRuntime runtime;
  OptimoveMetricsSink sink;

  @BeforeEach
  void start() throws IOException {
    clock = SimulatedClock.create();
    metricsServer = new MockWebServer();
    metricsServer.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            attempts.incrementAndGet();
            if (down.get()) {
              return new MockResponse.Builder().code(503).body("\"Service Unavailable\"").build();
            }
            accepted.add(request.getBody() == null ? "" : request.getBody().utf8());
            return new MockResponse.Builder().code(200).body("{}").build();
          }
        });
    metricsServer.start();
    String endpoint = metricsServer.url("/").toString();
    EngagementMetricsClient engagement =
        EngagementMetricsClient.builder()
            .clientOptions(options(endpoint))
            .retryOptions(RetryOptions.builder().maxRetries(1).build())
            .endpoint(endpoint)
            .tenantId("1234")
            .credential(Secret.of("tenant-token-value"))
            .buildClient();
    sink =
        OptimoveMetricsSink.builder()
            .engagementClient(engagement)
            .mapping(DelivyrMetrics.mapping())
            .bufferSize(1_000)
            .clock(clock)
            .build();
    // neither vendor is called in this test: webhooks and the outbox only
    String nowhere = "http://127.0.0.1:9/";
    runtime =
        DelivyrRuntime.builder()
            .settings(
                OptimoveIntegrationSettings.builder()
                    .apiEndpoint("https://api5.optimove.net/")
                    .apiKey(Secret.of("optimove-key"), OptimoveAccessType.INTEGRATIONS)
                    .customerAttributes("MOBILE_NUMBER", "FIRST_NAME")
                    .build())
            .delivyr(
                DelivyrClient.builder()
                    .endpoint(nowhere)
                    .credential(Secret.of("delivyr-key"))
                    .clientOptions(options(nowhere))
                    .buildClient())
            .optimove(
                OptimoveClient.builder()
                    .clientOptions(options(nowhere))
                    .credential(Secret.of("optimove-key"))
                    .buildClient())
            .metricsSink(sink)
            .webhookSecret(Secret.of(SECRET))
            .listenerBaseUrl("https://relay.example/hooks/")
            .clock(clock)
            .build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    metricsServer.close();
  }

  ClientOptions options(String endpoint) {
    return ClientOptions.builder().endpoint(endpoint).clock(clock).sleeper(clock::sleep).build();
  }

  InboundResponse webhook(String id, String type) {
    String body =
        "{\"id\":\""
            + id
            + "\",\"type\":\""
            + type
            + "\",\"createdAt\":\""
            + clock.instant()
            + "\",\"data\":{\"messageId\":\"m-"
            + id
            + "\",\"customerId\":\"C00001\",\"phone\":\"+447700900123\",\"campaign\":"
            + "{\"optimoveCampaignId\":\"77\",\"channelId\":452,\"optimoveTemplateId\":123},"
            + "\"reason\":null,\"url\":null}}";
    long t = clock.instant().getEpochSecond();
    return runtime
        .webhookHandler()
        .handle(
            InboundRequest.builder("POST", "/hooks/delivyr/webhooks")
                .header(
                    DelivyrWebhook.SIGNATURE_HEADER,
                    "t=" + t + ",v1=" + DelivyrWebhook.sign(t, body, Secret.of(SECRET)))
                .body(body)
                .build());
  }

  @Test
  void metricsWaitInTheOutboxWhileOptimoveIsDownAndArriveOnceWhenItIsBack() {
    assertThat(runtime.mode()).isEqualTo(ExecutionMode.TEST);
    assertThat(webhook("evt_1", "message.delivered").status()).isEqualTo(202);
    assertThat(webhook("evt_2", "message.clicked").status()).isEqualTo(202);
    assertThat(webhook("evt_2", "message.clicked").outcome()).isEqualTo("duplicate");
    assertThat(attempts.get()).isZero(); // nothing on the request thread

    runtime.runDue();
    assertThat(attempts.get()).isPositive();
    assertThat(accepted).isEmpty();
    assertThat(sink.depth()).isEqualTo(2);

    down.set(false);
    clock.advance(Duration.ofMinutes(10));
    runtime.runDue();
    assertThat(sink.depth()).isZero();
    String all = String.join("\n", accepted);
    assertThat(all).contains("Delivered").contains("Clicked");
    assertThat(all.split("Clicked", -1)).hasSize(2); // once

    clock.advance(Duration.ofMinutes(10));
    runtime.runDue();
    assertThat(String.join("\n", accepted)).isEqualTo(all); // nothing re-sent
  }
}
