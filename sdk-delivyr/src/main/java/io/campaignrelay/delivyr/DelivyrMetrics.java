package io.campaignrelay.delivyr;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.execution.MetricsSink;
import io.campaignrelay.core.metrics.DeliveryEvent;
import io.campaignrelay.core.metrics.DeliveryOutcome;
import io.campaignrelay.core.metrics.EngagementMetric;
import io.campaignrelay.core.metrics.MetricsMapping;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.delivyr.models.MessageEventType;
import io.campaignrelay.delivyr.models.MessageStatus;
import io.campaignrelay.delivyr.models.WebhookEvent;
import io.campaignrelay.delivyr.models.WebhookEventType;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Delivyr's reported-metrics table, exactly as its guide gives it, and the conversion of Delivyr's
 * events into Campaign Relay delivery outcomes.
 *
 * <table>
 *   <caption>Optimove metric and the Delivyr term reported as it</caption>
 *   <tr><th>Optimove</th><th>Delivyr</th><th>Note</th></tr>
 *   <tr><td>Delivered</td><td>Delivered</td><td>confirmed received</td></tr>
 *   <tr><td>Opened</td><td>not reported</td><td>not available</td></tr>
 *   <tr><td>Clicked</td><td>Click</td><td>one event reported per click</td></tr>
 *   <tr><td>Sent</td><td>not reported</td><td>not an allowed value; Sent = Targeted - Dropped</td></tr>
 *   <tr><td>Dropped</td><td>Rejected</td><td>opted out, bad phone format, cannot receive SMS</td></tr>
 *   <tr><td>Bounced</td><td>Undelivered</td><td>landline/VOIP, prepaid without credit, offline</td></tr>
 *   <tr><td>Unsubscribed</td><td>Opt Out</td><td>the user texted STOP</td></tr>
 *   <tr><td>Spam Reported</td><td>not reported</td><td></td></tr>
 * </table>
 *
 * <p>Delivyr statuses that are not outcomes ({@code queued}, {@code sent}: still on the way; {@code
 * logged}: testing mode, never sent) are not reported.
 */
public final class DelivyrMetrics {

  /** Each webhook type and the history entry it announces: one table serves both. */
  private static final Map<WebhookEventType, MessageEventType> WEBHOOK_TO_HISTORY =
      Map.of(
          WebhookEventType.MESSAGE_DELIVERED, MessageEventType.DELIVERED,
          WebhookEventType.MESSAGE_UNDELIVERED, MessageEventType.UNDELIVERED,
          WebhookEventType.MESSAGE_REJECTED, MessageEventType.REJECTED,
          WebhookEventType.MESSAGE_CLICKED, MessageEventType.CLICK,
          WebhookEventType.CONTACT_OPTED_OUT, MessageEventType.OPT_OUT);

  private static final MetricsMapping MAPPING = MetricsMapping.engagementDefault();

  private DelivyrMetrics() {}

  /**
   * The mapping of the guide's table.
   *
   * @return the mapping (Delivered, Click, Rejected, Undelivered, Opt Out reported; Opened, Sent,
   *     Spam Reported never)
   */
  public static MetricsMapping mapping() {
    return MAPPING;
  }

  /**
   * The Optimove metric an outcome is reported as.
   *
   * @param outcome the outcome
   * @return the metric, or empty when the table does not report it
   */
  public static Optional<EngagementMetric> metricOf(DeliveryOutcome outcome) {
    return MAPPING.map(outcome).metric();
  }

  /**
   * The outcome of a webhook event type.
   *
   * @param type the event type
   * @param reason the event's reason (for rejections), or null
   * @return delivered, undelivered, rejected with its reason, clicked or opted out; an unknown type
   *     is an unknown outcome keeping the raw type
   */
  public static DeliveryOutcome outcomeOf(WebhookEventType type, String reason) {
    Objects.requireNonNull(type, "type");
    MessageEventType same = WEBHOOK_TO_HISTORY.get(type);
    return same == null ? DeliveryOutcome.unknown(type.value()) : outcomeOf(same, reason);
  }

  /**
   * The outcome of an entry of a message's event history ({@code GET messages/{id}/events}).
   *
   * @param type the event type
   * @param detail the event's detail (the rejection reason for rejections), or null
   * @return the outcome; an unknown type is an unknown outcome keeping the raw type
   */
  public static DeliveryOutcome outcomeOf(MessageEventType type, String detail) {
    Objects.requireNonNull(type, "type");
    if (MessageEventType.DELIVERED.equals(type)) {
      return DeliveryOutcome.DELIVERED;
    }
    if (MessageEventType.UNDELIVERED.equals(type)) {
      return DeliveryOutcome.UNDELIVERED;
    }
    if (MessageEventType.REJECTED.equals(type)) {
      return DeliveryOutcome.rejected(RejectionReason.fromString(detail), detail);
    }
    if (MessageEventType.CLICK.equals(type)) {
      return DeliveryOutcome.CLICKED;
    }
    if (MessageEventType.OPT_OUT.equals(type)) {
      return DeliveryOutcome.OPTED_OUT;
    }
    return DeliveryOutcome.unknown(type.value());
  }

  /**
   * The outcome a Message Log status stands for.
   *
   * @param status the status
   * @return delivered, undelivered or rejected; pending for queued and sent; unknown (never
   *     reported) for logged and unknown statuses
   */
  public static DeliveryOutcome outcomeOf(MessageStatus status) {
    Objects.requireNonNull(status, "status");
    if (MessageStatus.DELIVERED.equals(status)) {
      return DeliveryOutcome.DELIVERED;
    }
    if (MessageStatus.UNDELIVERED.equals(status)) {
      return DeliveryOutcome.UNDELIVERED;
    }
    if (MessageStatus.REJECTED.equals(status)) {
      return DeliveryOutcome.rejected(RejectionReason.OTHER);
    }
    if (MessageStatus.QUEUED.equals(status) || MessageStatus.SENT.equals(status)) {
      return DeliveryOutcome.PENDING;
    }
    return DeliveryOutcome.unknown(status.value());
  }

  /**
   * The delivery event of a verified webhook event, for {@code CampaignMetrics} or a {@code
   * MetricsSink}. Each click is its own event (its own webhook id), so every click counts.
   *
   * @param event the verified webhook event
   * @return the event, or empty when it names no campaign or no customer (e.g. an opt-out texted
   *     outside any campaign)
   */
  public static Optional<DeliveryEvent> deliveryEventOf(WebhookEvent event) {
    Objects.requireNonNull(event, "event");
    String customer = event.data().customerId();
    String campaign =
        event.data().campaign() == null ? null : event.data().campaign().optimoveCampaignId();
    if (customer == null || customer.isBlank() || campaign == null || campaign.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new DeliveryEvent(
            event.id(),
            CampaignId.of(campaign),
            CustomerId.of(customer),
            outcomeOf(event.type(), event.data().reason()),
            event.createdAt()));
  }

  /**
   * Hands a verified webhook event to a metrics sink (for example sdk-optimove's {@code
   * OptimoveMetricsSink} built with {@link #mapping()}), when it names a campaign and a customer.
   *
   * @param event the verified webhook event
   * @param sink the sink
   * @return true if the event was handed over
   */
  public static boolean forward(WebhookEvent event, MetricsSink sink) {
    Objects.requireNonNull(sink, "sink");
    Optional<DeliveryEvent> e = deliveryEventOf(event);
    e.ifPresent(sink::accept);
    return e.isPresent();
  }

  /**
   * Optimove's "Sent", which is never reported: Sent = Targeted - Dropped.
   *
   * @param targeted the customers the campaign targeted
   * @param dropped the messages rejected (reported as Dropped)
   * @return targeted minus dropped
   * @throws ConfigurationException if a count is negative or dropped exceeds targeted
   */
  public static long sent(long targeted, long dropped) {
    if (targeted < 0 || dropped < 0 || dropped > targeted) {
      throw new ConfigurationException(
          "Sent = Targeted - Dropped",
          ConfigurationProblem.of(
              "dropped",
              dropped + " of " + targeted + " targeted",
              "give counts of zero or more with dropped at most targeted"));
    }
    return targeted - dropped;
  }
}
