package io.campaignrelay.examples;

import io.campaignrelay.core.metrics.DeliveryOutcome;
import io.campaignrelay.core.metrics.EngagementMetric;
import io.campaignrelay.core.metrics.MetricsMapping;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.delivyr.DelivyrMetrics;

/**
 * Example: map delivery outcomes to Optimove's engagement metrics with the SMS-channel guide's
 * table: Delivered to Delivered, Click to Clicked (one per click), Rejected to Dropped, Undelivered
 * to Bounced, Opt Out to Unsubscribed; Opened, Sent and Spam Reported are never reported, and Sent
 * is derived as Targeted - Dropped.
 */
public final class MapMetrics {

  private MapMetrics() {}

  /**
   * Runs the example.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    MetricsMapping mapping = DelivyrMetrics.mapping();
    for (DeliveryOutcome.Kind kind : DeliveryOutcome.Kind.values()) {
      MetricsMapping.Target target = mapping.map(kind);
      System.out.printf(
          "%-12s -> %s%n",
          kind,
          target
              .metric()
              .map(EngagementMetric::displayName)
              .orElse("not reported: " + target.reason().orElse("")));
    }
    for (EngagementMetric metric : EngagementMetric.values()) {
      mapping
          .notReportedReason(metric)
          .ifPresent(
              why -> System.out.printf("%-14s never reported: %s%n", metric.displayName(), why));
    }
    System.out.println(
        "an opted-out recipient is "
            + mapping
                .map(DeliveryOutcome.rejected(RejectionReason.OPTED_OUT))
                .metric()
                .orElseThrow()
                .displayName());
    long targeted = 10_000;
    long dropped = 183;
    System.out.println(
        "Sent = Targeted - Dropped = "
            + targeted
            + " - "
            + dropped
            + " = "
            + DelivyrMetrics.sent(targeted, dropped));
  }
}
