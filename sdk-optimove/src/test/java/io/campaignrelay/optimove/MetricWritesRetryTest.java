package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.Secret;
import io.campaignrelay.core.metrics.EngagementMetric;
import io.campaignrelay.optimove.models.CampaignInteractions;
import io.campaignrelay.optimove.models.CampaignMetric;
import io.campaignrelay.optimove.models.EngagementEvent;
import io.campaignrelay.optimove.models.InteractionEventId;
import io.campaignrelay.optimove.models.MetricId;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * A 429 means Optimove processed nothing, so the metric writes (POSTs without an idempotency key)
 * must be sent again after {@code Retry-After}. The server here answers 429, 429, then 200.
 *
 * <p>The retry itself lives in sdk-core's retry loop (RetryInterceptor), which retries a 429 for
 * any method; the Optimove clients add nothing in the way (no disabled retries, no path around the
 * pipeline).
 */
class MetricWritesRetryTest extends OptimoveTestSupport {

  /** 429 with {@code Retry-After: 2} twice, then 200; records every request's path. */
  static final class TwoRefusals extends Dispatcher {
    final AtomicInteger seen = new AtomicInteger();
    final List<String> paths = Collections.synchronizedList(new ArrayList<>());
    final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

    @Override
    public MockResponse dispatch(RecordedRequest r) {
      paths.add(r.getUrl().encodedPath());
      bodies.add(body(r));
      if (seen.incrementAndGet() <= 2) {
        return new MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "2")
            .body("{\"status\":429,\"error\":\"Too Many Requests\"}")
            .build();
      }
      return new MockResponse.Builder().code(200).body("").build();
    }
  }

  @Test
  void updateCampaignMetricsIsSentAgainAfterRetryAfter() {
    TwoRefusals d = new TwoRefusals();
    server.setDispatcher(d);

    client.updateCampaignMetrics(List.of(new CampaignMetric(452, 1234, 7, MetricId.DELIVERED, 3)));

    assertThat(d.paths).hasSize(3).containsOnly("/current/integrations/UpdateCampaignMetrics");
    assertThat(d.bodies).containsOnly(d.bodies.get(0));
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  @Test
  void updateCampaignInteractionsIsSentAgainAfterRetryAfter() {
    TwoRefusals d = new TwoRefusals();
    server.setDispatcher(d);

    client.updateCampaignInteractions(
        CampaignInteractions.builder()
            .campaignId(1234)
            .channelId(452)
            .interactionDate(LocalDate.of(2026, 11, 23))
            .templateId(7)
            .eventId(InteractionEventId.DELIVERED)
            .customerIds(List.of("C1", "C2"))
            .build());

    assertThat(d.paths).hasSize(3).containsOnly("/current/integrations/UpdateCampaignInteractions");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  @Test
  void saveEventIsSentAgainAfterRetryAfterWithTheSameSignedBytes() {
    TwoRefusals d = new TwoRefusals();
    server.setDispatcher(d);
    EngagementMetricsClient metrics =
        EngagementMetricsClient.builder()
            .tenantId("123")
            .credential(Secret.of("tenant-token-XYZ"))
            .endpoint(server.url("/").toString())
            .clock(clock)
            .sleeper(sleeps::add)
            .buildClient();

    metrics.saveEvents(
        List.of(
            EngagementEvent.forCustomer(
                EngagementMetric.DELIVERED,
                "C1",
                NOW.minus(Duration.ofMinutes(1)),
                Map.of("campaignID", "1234"))));

    assertThat(d.paths).hasSize(3).containsOnly("/api/saveEvent");
    assertThat(d.bodies).containsOnly(d.bodies.get(0));
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
  }
}
