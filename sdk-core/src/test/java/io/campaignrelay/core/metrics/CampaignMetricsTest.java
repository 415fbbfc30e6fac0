package io.campaignrelay.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.CustomerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CampaignMetricsTest {

  private static final CampaignId CAMPAIGN = CampaignId.scheduled(1234);
  private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

  private static DeliveryEvent event(String id, String customer, DeliveryOutcome outcome) {
    return new DeliveryEvent(id, CAMPAIGN, CustomerId.of(customer), outcome, T);
  }

  private final CampaignMetrics metrics =
      CampaignMetrics.create(CAMPAIGN, 10, MetricsMapping.engagementDefault());

  @Test
  void countsEachMetricThroughTheMapping() {
    metrics.record(event("e1", "c1", DeliveryOutcome.DELIVERED));
    metrics.record(event("e2", "c2", DeliveryOutcome.UNDELIVERED));
    metrics.record(event("e3", "c3", DeliveryOutcome.rejected(RejectionReason.OPTED_OUT)));
    metrics.record(
        event("e4", "c4", DeliveryOutcome.rejected(RejectionReason.INVALID_PHONE_FORMAT)));
    metrics.record(event("e5", "c5", DeliveryOutcome.OPTED_OUT));
    metrics.record(event("e6", "c6", DeliveryOutcome.PENDING));
    assertThat(metrics.count(EngagementMetric.DELIVERED)).isEqualTo(1);
    assertThat(metrics.count(EngagementMetric.BOUNCED)).isEqualTo(1);
    assertThat(metrics.count(EngagementMetric.DROPPED)).isEqualTo(2);
    assertThat(metrics.count(EngagementMetric.UNSUBSCRIBED)).isEqualTo(1);
    assertThat(metrics.count(EngagementMetric.OPENED)).isZero();
    assertThat(metrics.notReportedCount()).isEqualTo(1);
    assertThat(metrics.sent()).hasValue(8); // 10 targeted - 2 dropped
  }

  @Test
  void clicksCountPerClickEvent() {
    metrics.record(event("click-1", "c1", DeliveryOutcome.CLICKED));
    metrics.record(event("click-2", "c1", DeliveryOutcome.CLICKED));
    metrics.record(event("click-3", "c2", DeliveryOutcome.CLICKED));
    assertThat(metrics.count(EngagementMetric.CLICKED)).isEqualTo(3);
  }

  @Test
  void aRepeatedEventIsIgnored() {
    assertThat(metrics.record(event("e1", "c1", DeliveryOutcome.CLICKED))).isTrue();
    assertThat(metrics.record(event("e1", "c1", DeliveryOutcome.CLICKED))).isFalse();
    assertThat(metrics.record(event("d1", "c1", DeliveryOutcome.DELIVERED))).isTrue();
    assertThat(metrics.record(event("d1", "c1", DeliveryOutcome.DELIVERED))).isFalse();
    assertThat(metrics.count(EngagementMetric.CLICKED)).isEqualTo(1);
    assertThat(metrics.count(EngagementMetric.DELIVERED)).isEqualTo(1);
    assertThat(metrics.ignoredRepeats()).isEqualTo(2);
  }

  @Test
  void nonClickMetricsCountEachCustomerOnce() {
    metrics.record(event("r1", "c1", DeliveryOutcome.DELIVERED));
    metrics.record(event("r2", "c1", DeliveryOutcome.DELIVERED)); // a second receipt, new id
    assertThat(metrics.count(EngagementMetric.DELIVERED)).isEqualTo(1);
  }

  @Test
  void sentIsNeverCountedOnlyDerived() {
    assertThatThrownBy(() -> metrics.count(EngagementMetric.SENT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Targeted - Dropped");
    MetricsSnapshot s = metrics.snapshot();
    assertThat(s.counts()).doesNotContainKey(EngagementMetric.SENT);
    assertThat(s.sent()).hasValue(10);
    assertThat(CampaignMetrics.create(CAMPAIGN, MetricsMapping.engagementDefault()).sent())
        .isEmpty();
  }

  @Test
  void sentIsNeverNegative() {
    CampaignMetrics m = CampaignMetrics.create(CAMPAIGN, 1, MetricsMapping.engagementDefault());
    m.record(event("a", "c1", DeliveryOutcome.rejected(RejectionReason.OTHER)));
    m.record(event("b", "c2", DeliveryOutcome.rejected(RejectionReason.OTHER)));
    assertThat(m.sent()).hasValue(0);
  }

  @Test
  void snapshotIsImmutableAndComplete() {
    metrics.record(event("e1", "c1", DeliveryOutcome.DELIVERED));
    metrics.record(event("e2", "c1", DeliveryOutcome.CLICKED));
    MetricsSnapshot s = metrics.snapshot();
    metrics.record(event("e3", "c2", DeliveryOutcome.DELIVERED));
    assertThat(s.campaignId()).isEqualTo(CAMPAIGN);
    assertThat(s.targeted()).hasValue(10);
    assertThat(s.count(EngagementMetric.DELIVERED)).isEqualTo(1);
    assertThat(s.counts())
        .containsEntry(EngagementMetric.DELIVERED, 1L)
        .containsEntry(EngagementMetric.CLICKED, 1L)
        .hasSize(2);
    assertThat(metrics.snapshot().count(EngagementMetric.DELIVERED)).isEqualTo(2);
    assertThat(metrics.toString()).contains("1234");
    assertThat(metrics.campaignId()).isEqualTo(CAMPAIGN);
  }

  @Test
  void eventsOfAnotherCampaignAreRefused() {
    DeliveryEvent other =
        new DeliveryEvent(
            "x", CampaignId.of("2.38"), CustomerId.of("c"), DeliveryOutcome.DELIVERED, T);
    assertThatThrownBy(() -> metrics.record(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("campaign 2.38, not 1234");
  }

  @Test
  void badArguments() {
    assertThatThrownBy(
            () -> CampaignMetrics.create(CAMPAIGN, -1, MetricsMapping.engagementDefault()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("targeted is -1");
    assertThatThrownBy(() -> event(" ", "c", DeliveryOutcome.DELIVERED))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("eventId=' '");
  }

  @Test
  void isThreadSafe() throws Exception {
    CampaignMetrics m =
        CampaignMetrics.create(CAMPAIGN, 100_000, MetricsMapping.engagementDefault());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger accepted = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < 5_000; i++) {
                  // every thread records the same 5,000 click ids: each must count once
                  if (m.record(event("click-" + i, "c" + (i % 50), DeliveryOutcome.CLICKED))) {
                    accepted.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(accepted).hasValue(5_000);
    assertThat(m.count(EngagementMetric.CLICKED)).isEqualTo(5_000);
    assertThat(m.ignoredRepeats()).isEqualTo(35_000);
  }
}
