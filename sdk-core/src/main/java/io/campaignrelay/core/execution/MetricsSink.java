package io.campaignrelay.core.execution;

import io.campaignrelay.core.metrics.DeliveryEvent;
import io.campaignrelay.core.metrics.MetricsSnapshot;

/**
 * Port: where delivery and engagement results go (for example the marketing platform's engagement
 * metrics API). Vendors that push events (receipts, clicks, opt-outs) feed {@link
 * #accept(DeliveryEvent)}; vendors polled for aggregate counters feed {@link
 * #report(MetricsSnapshot)}. Implementations must be thread-safe and tolerate a repeated event.
 */
public interface MetricsSink {

  /**
   * Receives one event.
   *
   * @param event the event
   */
  void accept(DeliveryEvent event);

  /**
   * Receives a campaign's aggregated counts ("Sent" is never among them: it is derived).
   *
   * @param snapshot the counts
   */
  void report(MetricsSnapshot snapshot);
}
