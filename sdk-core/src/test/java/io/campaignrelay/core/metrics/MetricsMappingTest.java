package io.campaignrelay.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.metrics.DeliveryOutcome.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SMS-channel guide's table, row by row. */
class MetricsMappingTest {

  private final MetricsMapping table = MetricsMapping.engagementDefault();

  @ParameterizedTest
  @CsvSource({
    "DELIVERED,DELIVERED",
    "CLICKED,CLICKED",
    "REJECTED,DROPPED",
    "UNDELIVERED,BOUNCED",
    "OPTED_OUT,UNSUBSCRIBED"
  })
  void reportedRows(Kind kind, EngagementMetric metric) {
    MetricsMapping.Target t = table.map(kind);
    assertThat(t.isReported()).isTrue();
    assertThat(t.metric()).hasValue(metric);
    assertThat(t.reason()).isEmpty();
  }

  @Test
  void everyRejectionReasonIsDropped() {
    for (RejectionReason r : RejectionReason.values()) {
      assertThat(table.map(DeliveryOutcome.rejected(r)).metric())
          .hasValue(EngagementMetric.DROPPED);
    }
  }

  @Test
  void metricsTheGuideDoesNotReport() {
    assertThat(table.reportedMetrics())
        .containsExactlyInAnyOrder(
            EngagementMetric.DELIVERED,
            EngagementMetric.CLICKED,
            EngagementMetric.DROPPED,
            EngagementMetric.BOUNCED,
            EngagementMetric.UNSUBSCRIBED);
    assertThat(table.notReportedReason(EngagementMetric.OPENED))
        .hasValueSatisfying(r -> assertThat(r).contains("not available"));
    assertThat(table.notReportedReason(EngagementMetric.SENT))
        .hasValue(MetricsMapping.SENT_NOT_REPORTED);
    assertThat(MetricsMapping.SENT_NOT_REPORTED).contains("Sent = Targeted - Dropped");
    assertThat(table.notReportedReason(EngagementMetric.SPAM_REPORTED)).isPresent();
    assertThat(table.notReportedReason(EngagementMetric.DELIVERED)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"PENDING,not final", "EXPIRED,not in the", "UNKNOWN,not in the"})
  void outcomesOutsideTheTableAreNotReportedWithAReason(Kind kind, String reason) {
    MetricsMapping.Target t = table.map(kind);
    assertThat(t.isReported()).isFalse();
    assertThat(t.metric()).isEmpty();
    assertThat(t.reason()).hasValueSatisfying(r -> assertThat(r).contains(reason));
    assertThat(t.toString()).startsWith("not reported");
  }

  @Test
  void sentCanNeverBeATarget() {
    assertThatThrownBy(
            () -> MetricsMapping.builder().report(Kind.DELIVERED, EngagementMetric.SENT).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("mapping[DELIVERED]='SENT'")
        .hasMessageContaining("Targeted - Dropped");
    assertThatThrownBy(() -> MetricsMapping.Target.reported(EngagementMetric.SENT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aVendorTableCanBeBuiltAndUnmappedKindsAreNotReported() {
    MetricsMapping m =
        MetricsMapping.builder()
            .report(Kind.DELIVERED, EngagementMetric.DELIVERED)
            .report(Kind.EXPIRED, EngagementMetric.BOUNCED)
            .build();
    assertThat(m.map(Kind.EXPIRED).metric()).hasValue(EngagementMetric.BOUNCED);
    assertThat(m.map(Kind.CLICKED).reason())
        .hasValueSatisfying(r -> assertThat(r).contains("no row for CLICKED"));
    assertThat(m.notReportedReason(EngagementMetric.CLICKED))
        .hasValue("no outcome of this vendor maps to it");
  }

  @Test
  void toBuilderChangesOneRow() {
    MetricsMapping changed =
        table.toBuilder().report(Kind.EXPIRED, EngagementMetric.BOUNCED).build();
    assertThat(changed.map(Kind.EXPIRED).metric()).hasValue(EngagementMetric.BOUNCED);
    assertThat(changed.map(Kind.UNDELIVERED).metric()).hasValue(EngagementMetric.BOUNCED);
    assertThat(table.map(Kind.EXPIRED).isReported()).isFalse();
    assertThat(table.toBuilder().build()).isEqualTo(table).hasSameHashCodeAs(table);
    MetricsMapping noClicks =
        table.toBuilder()
            .notReported(Kind.CLICKED, "links are not tracked")
            .metricNotReported(EngagementMetric.CLICKED, "links are not tracked")
            .build();
    assertThat(noClicks.reportedMetrics()).doesNotContain(EngagementMetric.CLICKED);
  }

  @Test
  void contradictionsAndBlankReasonsAreErrors() {
    assertThatThrownBy(
            () ->
                MetricsMapping.builder()
                    .report(Kind.DELIVERED, EngagementMetric.DELIVERED)
                    .metricNotReported(EngagementMetric.DELIVERED, "never")
                    .notReported(Kind.PENDING, " ")
                    .metricNotReported(EngagementMetric.OPENED, "")
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.problems()).hasSize(3))
        .hasMessageContaining("metricNotReported[DELIVERED]='never': contradicts")
        .hasMessageContaining("mapping[PENDING].reason");
    assertThatThrownBy(() -> MetricsMapping.Target.notReported(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
