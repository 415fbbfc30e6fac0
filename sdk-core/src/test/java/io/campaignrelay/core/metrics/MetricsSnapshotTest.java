package io.campaignrelay.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ConfigurationException;
import org.junit.jupiter.api.Test;

class MetricsSnapshotTest {

  private static final CampaignId C = CampaignId.scheduled(7);

  @Test
  void buildsFromAggregateCounters() {
    MetricsSnapshot s =
        MetricsSnapshot.builder(C)
            .targeted(100)
            .add(EngagementMetric.DELIVERED, 80)
            .add(EngagementMetric.DELIVERED, 5)
            .add(EngagementMetric.DROPPED, 10)
            .add(EngagementMetric.BOUNCED, 0)
            .build();
    assertThat(s.count(EngagementMetric.DELIVERED)).isEqualTo(85);
    assertThat(s.count(EngagementMetric.BOUNCED)).isZero();
    assertThat(s.counts()).containsOnlyKeys(EngagementMetric.DELIVERED, EngagementMetric.DROPPED);
    assertThat(s.sent()).hasValue(90);
    assertThat(s.targeted()).hasValue(100);
    assertThat(s)
        .isEqualTo(
            MetricsSnapshot.builder(C)
                .targeted(100)
                .add(EngagementMetric.DELIVERED, 85)
                .add(EngagementMetric.DROPPED, 10)
                .build());
    assertThat(s.toString()).contains("targeted=100");
  }

  @Test
  void sentCannotBeSetAndCountsCannotBeNegative() {
    assertThatThrownBy(
            () ->
                MetricsSnapshot.builder(C)
                    .targeted(-1)
                    .add(EngagementMetric.SENT, 5)
                    .add(EngagementMetric.CLICKED, -2)
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.problems()).hasSize(3))
        .hasMessageContaining("counts[SENT]='5': Sent is never reported")
        .hasMessageContaining("counts[CLICKED]='-2'")
        .hasMessageContaining("targeted='-1'");
    MetricsSnapshot empty = MetricsSnapshot.builder(C).build();
    assertThat(empty.sent()).isEmpty();
    assertThatThrownBy(() -> empty.count(EngagementMetric.SENT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("call sent()");
  }
}
