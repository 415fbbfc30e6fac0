package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.execution.MetricsSink;
import io.campaignrelay.core.metrics.CampaignMetrics;
import io.campaignrelay.core.metrics.DeliveryEvent;
import io.campaignrelay.core.metrics.DeliveryOutcome;
import io.campaignrelay.core.metrics.EngagementMetric;
import io.campaignrelay.core.metrics.MetricsSnapshot;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.delivyr.models.MessageEventType;
import io.campaignrelay.delivyr.models.MessageStatus;
import io.campaignrelay.delivyr.models.WebhookCampaign;
import io.campaignrelay.delivyr.models.WebhookEvent;
import io.campaignrelay.delivyr.models.WebhookEventData;
import io.campaignrelay.delivyr.models.WebhookEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The guide's "Reported Metrics" table, cell by cell. */
class DelivyrMetricsTest {

  static Optional<EngagementMetric> webhook(String type, String reason) {
    return DelivyrMetrics.metricOf(
        DelivyrMetrics.outcomeOf(WebhookEventType.fromString(type), reason));
  }

  static Optional<EngagementMetric> history(String type, String detail) {
    return DelivyrMetrics.metricOf(
        DelivyrMetrics.outcomeOf(MessageEventType.fromString(type), detail));
  }

  @Test
  void deliveredIsReportedAsDelivered() {
    assertThat(webhook("message.delivered", null)).contains(EngagementMetric.DELIVERED);
    assertThat(history("delivered", null)).contains(EngagementMetric.DELIVERED);
    assertThat(DelivyrMetrics.metricOf(DelivyrMetrics.outcomeOf(MessageStatus.DELIVERED)))
        .contains(EngagementMetric.DELIVERED);
  }

  @Test
  void openedIsNeverReported() {
    assertThat(DelivyrMetrics.mapping().reportedMetrics()).doesNotContain(EngagementMetric.OPENED);
    assertThat(DelivyrMetrics.mapping().notReportedReason(EngagementMetric.OPENED))
        .hasValueSatisfying(r -> assertThat(r).contains("not available"));
  }

  @Test
  void clickIsReportedAsClickedOncePerClick() {
    assertThat(webhook("message.clicked", null)).contains(EngagementMetric.CLICKED);
    assertThat(history("click", "https://shop.example.com/")).contains(EngagementMetric.CLICKED);
    CampaignMetrics metrics =
        CampaignMetrics.create(CampaignId.of("1234"), DelivyrMetrics.mapping());
    WebhookEvent click1 = event("evt_c1", WebhookEventType.MESSAGE_CLICKED, null);
    WebhookEvent click2 = event("evt_c2", WebhookEventType.MESSAGE_CLICKED, null);
    metrics.record(DelivyrMetrics.deliveryEventOf(click1).orElseThrow());
    metrics.record(DelivyrMetrics.deliveryEventOf(click2).orElseThrow());
    metrics.record(DelivyrMetrics.deliveryEventOf(click2).orElseThrow()); // webhook retried
    assertThat(metrics.count(EngagementMetric.CLICKED)).isEqualTo(2);
  }

  @Test
  void sentIsNeverReportedAndIsTargetedMinusDropped() {
    assertThat(DelivyrMetrics.mapping().reportedMetrics()).doesNotContain(EngagementMetric.SENT);
    assertThat(DelivyrMetrics.mapping().notReportedReason(EngagementMetric.SENT))
        .hasValueSatisfying(r -> assertThat(r).contains("Targeted - Dropped"));
    assertThat(DelivyrMetrics.metricOf(DelivyrMetrics.outcomeOf(MessageStatus.SENT))).isEmpty();
    assertThat(DelivyrMetrics.sent(1000, 37)).isEqualTo(963);
    assertThat(DelivyrMetrics.sent(5, 5)).isZero();
    assertThatThrownBy(() -> DelivyrMetrics.sent(5, 6)).isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> DelivyrMetrics.sent(-1, 0)).isInstanceOf(ConfigurationException.class);
  }

  @Test
  void rejectedIsReportedAsDroppedForEachReasonOfTheGuide() {
    for (String reason : new String[] {"opted_out", "invalid_phone_format", "cannot_receive_sms"}) {
      assertThat(webhook("message.rejected", reason)).as(reason).contains(EngagementMetric.DROPPED);
      assertThat(history("rejected", reason)).as(reason).contains(EngagementMetric.DROPPED);
    }
    assertThat(DelivyrMetrics.outcomeOf(WebhookEventType.MESSAGE_REJECTED, "opted_out"))
        .isEqualTo(DeliveryOutcome.rejected(RejectionReason.OPTED_OUT, "opted_out"));
    assertThat(
            DelivyrMetrics.outcomeOf(WebhookEventType.MESSAGE_REJECTED, "invalid_phone_format")
                .kind())
        .isEqualTo(DeliveryOutcome.Kind.REJECTED);
    assertThat(DelivyrMetrics.metricOf(DelivyrMetrics.outcomeOf(MessageStatus.REJECTED)))
        .contains(EngagementMetric.DROPPED);
  }

  @Test
  void undeliveredIsReportedAsBounced() {
    assertThat(webhook("message.undelivered", null)).contains(EngagementMetric.BOUNCED);
    assertThat(history("undelivered", "prepaid without credit")).contains(EngagementMetric.BOUNCED);
    assertThat(DelivyrMetrics.metricOf(DelivyrMetrics.outcomeOf(MessageStatus.UNDELIVERED)))
        .contains(EngagementMetric.BOUNCED);
  }

  @Test
  void optOutIsReportedAsUnsubscribed() {
    assertThat(webhook("contact.opted_out", null)).contains(EngagementMetric.UNSUBSCRIBED);
    assertThat(history("opt_out", null)).contains(EngagementMetric.UNSUBSCRIBED);
  }

  @Test
  void spamReportedIsNeverReported() {
    assertThat(DelivyrMetrics.mapping().reportedMetrics())
        .doesNotContain(EngagementMetric.SPAM_REPORTED);
    assertThat(DelivyrMetrics.mapping().notReportedReason(EngagementMetric.SPAM_REPORTED))
        .isPresent();
  }

  @Test
  void exactlyFiveMetricsAreReported() {
    assertThat(DelivyrMetrics.mapping().reportedMetrics())
        .containsExactlyInAnyOrder(
            EngagementMetric.DELIVERED,
            EngagementMetric.CLICKED,
            EngagementMetric.DROPPED,
            EngagementMetric.BOUNCED,
            EngagementMetric.UNSUBSCRIBED);
  }

  @Test
  void testingModeAndInFlightStatusesAndUnknownEventsAreNotReported() {
    assertThat(DelivyrMetrics.metricOf(DelivyrMetrics.outcomeOf(MessageStatus.LOGGED))).isEmpty();
    assertThat(DelivyrMetrics.metricOf(DelivyrMetrics.outcomeOf(MessageStatus.QUEUED))).isEmpty();
    assertThat(webhook("message.read", null)).isEmpty();
    assertThat(DelivyrMetrics.outcomeOf(WebhookEventType.fromString("message.read"), null).kind())
        .isEqualTo(DeliveryOutcome.Kind.UNKNOWN);
    assertThat(history("spam_report", null)).isEmpty();
  }

  @Test
  void webhookEventsBecomeDeliveryEventsWhenTheyNameCampaignAndCustomer() {
    DeliveryEvent e =
        DelivyrMetrics.deliveryEventOf(
                event("evt_9", WebhookEventType.MESSAGE_REJECTED, "cannot_receive_sms"))
            .orElseThrow();
    assertThat(e.eventId()).isEqualTo("evt_9");
    assertThat(e.campaignId()).isEqualTo(CampaignId.of("1234"));
    assertThat(e.customerId().value()).isEqualTo("C1");
    assertThat(e.outcome().kind()).isEqualTo(DeliveryOutcome.Kind.REJECTED);
    WebhookEvent noCampaign =
        new WebhookEvent(
            "evt_10",
            WebhookEventType.CONTACT_OPTED_OUT,
            Instant.parse("2026-11-23T10:00:00Z"),
            new WebhookEventData(null, "C1", "+447700900123", null, null, null));
    assertThat(DelivyrMetrics.deliveryEventOf(noCampaign)).isEmpty();
  }

  static WebhookEvent event(String id, WebhookEventType type, String reason) {
    return new WebhookEvent(
        id,
        type,
        Instant.parse("2026-11-23T10:00:00Z"),
        new WebhookEventData(
            "msg_1",
            "C1",
            "+447700900123",
            new WebhookCampaign("1234", 452, 1_362_194_475_194L),
            reason,
            null));
  }

  @Test
  void forwardsWebhookEventsToAMetricsSink() {
    List<DeliveryEvent> accepted = new ArrayList<>();
    MetricsSink sink =
        new MetricsSink() {
          @Override
          public void accept(DeliveryEvent event) {
            accepted.add(event);
          }

          @Override
          public void report(MetricsSnapshot snapshot) {
            throw new AssertionError("not used");
          }
        };
    assertThat(DelivyrMetrics.forward(event("e1", WebhookEventType.MESSAGE_DELIVERED, null), sink))
        .isTrue();
    WebhookEvent anonymous =
        new WebhookEvent(
            "e2",
            WebhookEventType.MESSAGE_DELIVERED,
            Instant.parse("2026-11-23T10:00:00Z"),
            new WebhookEventData("msg_2", null, null, null, null, null));
    assertThat(DelivyrMetrics.forward(anonymous, sink)).isFalse();
    assertThat(accepted).extracting(DeliveryEvent::eventId).containsExactly("e1");
  }
}
