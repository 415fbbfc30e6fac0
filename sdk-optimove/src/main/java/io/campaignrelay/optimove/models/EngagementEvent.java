package io.campaignrelay.optimove.models;

import io.campaignrelay.core.metrics.EngagementMetric;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event for Optimove's External Vendors Campaign Engagement Metrics endpoint: {@code {"event",
 * "category": "metric", "timestamp" (UTC), "customer" or "visitor", "context"}}. The allowed {@code
 * event} names and {@code context} keys are UNKNOWN (cut off in the only copy of the
 * documentation); the SDK uses the Optimove terms of the SMS-channel guide ({@code Delivered},
 * {@code Clicked}, {@code Dropped}, {@code Bounced}, {@code Unsubscribed}...) and rejects {@code
 * Sent}, which the guide says is not an allowed value. Values in {@code context} are strings,
 * numbers or booleans. Optimove rejects events older than 7 days; the client checks before sending.
 *
 * @param event the event name, e.g. {@code "Delivered"}
 * @param timestamp when it happened
 * @param customer the customer id, or null when {@code visitor} is given
 * @param visitor the visitor id, or null when {@code customer} is given
 * @param context extra attributes (INFERRED: campaign, channel and template identifiers)
 */
public record EngagementEvent(
    String event, Instant timestamp, String customer, String visitor, Map<String, Object> context) {

  /** The {@code category} every engagement event carries. */
  public static final String CATEGORY = "metric";

  /**
   * Copies the context, keeping its order.
   *
   * @param event the event name
   * @param timestamp the time
   * @param customer the customer
   * @param visitor the visitor
   * @param context the context
   */
  public EngagementEvent {
    Map<String, Object> c = new LinkedHashMap<>();
    if (context != null) {
      c.putAll(context);
    }
    context = Collections.unmodifiableMap(c);
  }

  /**
   * An event of a customer.
   *
   * @param metric the metric; not {@link EngagementMetric#SENT}
   * @param customer the customer id
   * @param timestamp when it happened
   * @param context the context, or null
   * @return the event named by the metric's display name
   */
  public static EngagementEvent forCustomer(
      EngagementMetric metric, String customer, Instant timestamp, Map<String, Object> context) {
    Objects.requireNonNull(metric, "metric");
    return new EngagementEvent(metric.displayName(), timestamp, customer, null, context);
  }

  /** Prints the event and time; identifiers and context are left out. */
  @Override
  public String toString() {
    return "EngagementEvent[" + event + " at " + timestamp + ", context=" + context.keySet() + "]";
  }
}
