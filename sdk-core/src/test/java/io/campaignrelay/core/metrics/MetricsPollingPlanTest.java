package io.campaignrelay.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricsPollingPlanTest {

  private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

  private static Instant day(int n) {
    return T.plus(Duration.ofDays(n));
  }

  @Test
  void dailyForAWeekAfterTheSend() {
    MetricsPollingPlan plan = MetricsPollingPlan.dailyForAWeek(T);
    assertThat(plan.sentAt()).isEqualTo(T);
    assertThat(plan.interval()).isEqualTo(Duration.ofDays(1));
    assertThat(plan.pullTimes())
        .containsExactly(day(1), day(2), day(3), day(4), day(5), day(6), day(7));
  }

  @Test
  void nextPullAndCompletion() {
    MetricsPollingPlan plan = MetricsPollingPlan.dailyForAWeek(T);
    assertThat(plan.nextPullAfter(T)).hasValue(day(1));
    assertThat(plan.nextPullAfter(day(1))).hasValue(day(2));
    assertThat(plan.nextPullAfter(day(1).minusSeconds(1))).hasValue(day(1));
    assertThat(plan.nextPullAfter(day(7))).isEmpty();
    assertThat(plan.isComplete(day(7).minusSeconds(1))).isFalse();
    assertThat(plan.isComplete(day(7))).isTrue();
  }

  @Test
  void dueReturnsMissedPullsInOrder() {
    MetricsPollingPlan plan = MetricsPollingPlan.dailyForAWeek(T);
    assertThat(plan.due(T, day(1).minusSeconds(1))).isEmpty();
    assertThat(plan.due(T, day(1))).containsExactly(day(1));
    assertThat(plan.due(day(1), day(3).plusSeconds(5))).containsExactly(day(2), day(3));
    assertThat(plan.due(day(7), day(30))).isEmpty();
  }

  @Test
  void customPlanAndValidation() {
    MetricsPollingPlan hourly = MetricsPollingPlan.of(T, Duration.ofHours(1), 3);
    assertThat(hourly.pullTimes())
        .containsExactly(T.plusSeconds(3600), T.plusSeconds(7200), T.plusSeconds(10800));
    assertThat(hourly).isEqualTo(MetricsPollingPlan.of(T, Duration.ofHours(1), 3));
    assertThat(hourly.toString()).contains("PT1H", "x 3");
    assertThatThrownBy(() -> MetricsPollingPlan.of(T, Duration.ZERO, 0))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.problems()).hasSize(2))
        .hasMessageContaining("interval='PT0S'")
        .hasMessageContaining("pulls='0'");
    assertThatThrownBy(() -> MetricsPollingPlan.of(T, Duration.ofDays(-1), 367))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("1 to 366");
  }
}
