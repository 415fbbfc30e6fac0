package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.delivyr.models.OptimoveAccessType;
import io.campaignrelay.delivyr.models.WebhookCampaign;
import io.campaignrelay.delivyr.models.WebhookEvent;
import io.campaignrelay.delivyr.models.WebhookEventData;
import io.campaignrelay.delivyr.models.WebhookEventType;
import io.campaignrelay.optimove.EngagementMetricsClient;
import io.campaignrelay.optimove.models.EngagementEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DelivyrMetricsReporterTest {

  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final Secret TOKEN = Secret.of("tenant-token-SECRET");

  MockWebServer server;
  DelivyrMetricsReporter reporter;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    reporter =
        DelivyrMetricsReporter.create(
            EngagementMetricsClient.builder()
                .tenantId("1234")
                .tenantToken(TOKEN)
                .endpoint(server.url("/").toString())
                .clientOptions(
                    ClientOptions.builder()
                        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                        .sleeper(d -> {})
                        .build())
                .buildClient());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static WebhookEvent event(String id, WebhookEventType type, String customer, String reason) {
    return new WebhookEvent(
        id,
        type,
        NOW.minusSeconds(60),
        new WebhookEventData(
            "msg_1",
            customer,
            "+447700900123",
            new WebhookCampaign("1234", 452, 1_362_194_475_194L),
            reason,
            null));
  }

  @Test
  void reportsTheTableThroughTheSignedEngagementEndpoint() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("").build());
    List<WebhookEvent> events =
        List.of(
            event("e1", WebhookEventType.MESSAGE_DELIVERED, "C1", null),
            event("e2", WebhookEventType.MESSAGE_CLICKED, "C1", null),
            event("e3", WebhookEventType.MESSAGE_CLICKED, "C1", null),
            event("e4", WebhookEventType.MESSAGE_REJECTED, "C2", "opted_out"),
            event("e5", WebhookEventType.MESSAGE_UNDELIVERED, "C3", null),
            event("e6", WebhookEventType.CONTACT_OPTED_OUT, "C4", null),
            event("e7", WebhookEventType.fromString("message.read"), "C5", null),
            event("e8", WebhookEventType.MESSAGE_DELIVERED, null, null));
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    List<EngagementEvent> sent;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      sent = reporter.report(events);
    } finally {
      System.setOut(original);
    }
    assertThat(sent)
        .extracting(EngagementEvent::event)
        .containsExactly("Delivered", "Clicked", "Clicked", "Dropped", "Bounced", "Unsubscribed");
    RecordedRequest r = server.takeRequest();
    assertThat(r.getTarget()).isEqualTo("/api/saveEvent");
    assertThat(r.getHeaders().get("X-Optimove-Signature-Version")).isEqualTo("1");
    assertThat(r.getHeaders().get("x-optimove-signature-content")).hasSize(64);
    JsonNode body = new ObjectMapper().readTree(r.getBody().utf8());
    assertThat(body).hasSize(6);
    JsonNode first = body.get(0);
    assertThat(first.get("event").asText()).isEqualTo("Delivered");
    assertThat(first.get("category").asText()).isEqualTo("metric");
    assertThat(first.get("customer").asText()).isEqualTo("C1");
    assertThat(first.get("context").get("campaignId").asText()).isEqualTo("1234");
    assertThat(first.get("context").get("channelId").asInt()).isEqualTo(452);
    for (JsonNode e : body) {
      assertThat(e.get("event").asText()).isNotIn("Sent", "Opened", "Spam Reported");
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN.reveal());
  }

  @Test
  void nothingReportableMeansNoCall() {
    assertThat(reporter.report(event("e7", WebhookEventType.fromString("x.y"), "C5", null)))
        .isEmpty();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void reporterFromSettingsNeedsTheTenant() {
    OptimoveIntegrationSettings noTenant =
        OptimoveIntegrationSettings.builder()
            .apiEndpoint("https://api4.optimove.net/")
            .apiKey(Secret.of("k"), OptimoveAccessType.INTEGRATIONS)
            .customerAttributes("PHONENUMBER")
            .build();
    assertThatThrownBy(() -> DelivyrMetricsReporter.create(noTenant, ClientOptions.defaults()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("tenant");
    assertThat(
            DelivyrMetricsReporter.create(
                    noTenant.toBuilder().tenant("1234", TOKEN).build(), ClientOptions.defaults())
                .toString())
        .doesNotContain(TOKEN.reveal());
  }
}
