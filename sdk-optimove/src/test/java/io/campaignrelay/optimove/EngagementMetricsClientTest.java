package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.metrics.EngagementMetric;
import io.campaignrelay.optimove.implementation.Signatures;
import io.campaignrelay.optimove.models.EngagementEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class EngagementMetricsClientTest extends OptimoveTestSupport {

  static final String TOKEN = "tenant-token-XYZ";

  /** Computed independently (Python hmac) over the exact body below. */
  static final String EXPECTED_SIGNATURE =
      "6da90b70ad4dee5c486654fd1e070b5fc141037d6eeafe48436882dba9c4c600";

  static final String EXPECTED_BODY =
      "[{\"event\":\"Delivered\",\"category\":\"metric\",\"timestamp\":\"2026-11-23T09:15:30Z\","
          + "\"customer\":\"C-1001\",\"context\":{\"campaignID\":\"1234\",\"channelID\":452}}]";

  EngagementMetricsClient metrics() {
    return EngagementMetricsClient.builder()
        .tenantId("123")
        .credential(Secret.of(TOKEN))
        .endpoint(server.url("/").toString())
        .clock(clock)
        .sleeper(sleeps::add)
        .buildClient();
  }

  static Map<String, Object> context() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("campaignID", "1234");
    c.put("channelID", 452);
    return c;
  }

  @Test
  void hmacMatchesThePublishedRfc4231Vector() {
    assertThat(
            Signatures.hmacSha256Hex(
                "Jefe".getBytes(StandardCharsets.UTF_8),
                "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void signsTheExactBytesItSends() throws Exception {
    enqueue(200, "");

    metrics()
        .saveEvents(
            List.of(
                EngagementEvent.forCustomer(
                    EngagementMetric.DELIVERED,
                    "C-1001",
                    Instant.parse("2026-11-23T09:15:30.250Z"),
                    context())));

    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo("/api/saveEvent");
    assertThat(body(r)).isEqualTo(EXPECTED_BODY);
    assertThat(r.getHeaders().get("X-Optimove-Signature-Version")).isEqualTo("1");
    assertThat(r.getHeaders().get("x-optimove-signature-content")).isEqualTo(EXPECTED_SIGNATURE);
    assertThat(
            Signatures.hmacSha256Hex(
                TOKEN.getBytes(StandardCharsets.UTF_8), r.getBody().toByteArray()))
        .isEqualTo(EXPECTED_SIGNATURE);
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(r.getHeaders().get("X-API-KEY")).isNull();
  }

  /** Core's merge rule and toBuilder, once for this client; the signature hook comes along. */
  @Test
  void toBuilderKeepsTenantTokenAndTransportAndNullMeansTheOptions() throws Exception {
    EngagementMetricsClient copy = metrics().toBuilder().batchSize(7).clock(null).buildClient();
    assertThat(copy.batchSize()).isEqualTo(7);
    assertThat(copy.tenantId()).isEqualTo("123");
    assertThat(copy.endpoint()).isEqualTo(server.url("/").toString());
    assertThat(
            EngagementMetricsClient.builder()
                .clientOptions(null)
                .tenantId("123")
                .credential(Secret.of(TOKEN))
                .buildClient()
                .endpoint())
        .isEqualTo("https://metric-123.optimove.net/");
    enqueue(200, "");
    copy.saveEvents(
        List.of(
            EngagementEvent.forCustomer(
                EngagementMetric.DELIVERED,
                "C-1001",
                Instant.parse("2026-11-23T09:15:30.250Z"),
                context())));
    assertThat(take().getHeaders().get("x-optimove-signature-content"))
        .isEqualTo(EXPECTED_SIGNATURE);
  }

  @Test
  void sendsInBatches() throws Exception {
    enqueue(200, "");
    enqueue(200, "");
    enqueue(200, "");
    EngagementMetricsClient c =
        EngagementMetricsClient.builder()
            .tenantId("123")
            .credential(Secret.of(TOKEN))
            .endpoint(server.url("/").toString())
            .clock(clock)
            .batchSize(2)
            .buildClient();
    List<EngagementEvent> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(
          EngagementEvent.forCustomer(
              EngagementMetric.CLICKED, "c" + i, NOW.minusSeconds(60), null));
    }

    c.saveEvents(events);

    assertThat(server.getRequestCount()).isEqualTo(3);
    for (int batch = 0; batch < 3; batch++) {
      RecordedRequest r = take();
      String b = body(r);
      assertThat(b).startsWith("[{\"event\":\"Clicked\",\"category\":\"metric\"");
      assertThat(r.getHeaders().get("x-optimove-signature-content"))
          .isEqualTo(c.sign(b.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void rejectsOldSentAndAnonymousEventsBeforeSendingAnything() {
    List<EngagementEvent> events =
        List.of(
            EngagementEvent.forCustomer(
                EngagementMetric.DELIVERED, "ok", NOW.minusSeconds(5), null),
            EngagementEvent.forCustomer(
                EngagementMetric.DELIVERED,
                "old",
                NOW.minus(Duration.ofDays(7)).minusSeconds(1),
                null),
            EngagementEvent.forCustomer(EngagementMetric.SENT, "c", NOW, null),
            new EngagementEvent("Clicked", NOW, null, null, null),
            new EngagementEvent("Clicked", NOW.plus(Duration.ofHours(1)), "c", null, null));

    assertThatThrownBy(() -> metrics().saveEvents(events))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.problems())
                  .extracting(p -> p.field())
                  .containsExactly(
                      "events[1].timestamp",
                      "events[2].event",
                      "events[3].customer",
                      "events[4].timestamp");
              assertThat(e.getMessage())
                  .contains("older than 7 days")
                  .contains("Targeted - Dropped");
            });
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void exactlySevenDaysOldIsStillAccepted() {
    enqueue(200, "");
    metrics()
        .saveEvents(
            List.of(
                EngagementEvent.forCustomer(
                    EngagementMetric.BOUNCED, "c", NOW.minus(Duration.ofDays(7)), null)));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void visitorEventsUseTheVisitorField() throws Exception {
    enqueue(200, "");
    metrics().saveEvents(List.of(new EngagementEvent("Clicked", NOW, null, "v-9", null)));
    assertThat(body(take())).contains("\"visitor\":\"v-9\"").doesNotContain("customer");
  }

  @Test
  void defaultEndpointIsDerivedFromTheTenant() {
    EngagementMetricsClient c =
        EngagementMetricsClient.builder()
            .tenantId("4711")
            .credential(Secret.of(TOKEN))
            .buildClient();
    assertThat(c.endpoint()).isEqualTo("https://metric-4711.optimove.net/");
    assertThat(c.toString()).contains("4711").doesNotContain(TOKEN);
  }

  @Test
  void builderListsEveryProblem() {
    assertThatThrownBy(
            () -> EngagementMetricsClient.builder().tenantId("a b").batchSize(0).buildClient())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.field())
                    .containsExactly("credential", "tenantId", "batchSize"));
  }
}
