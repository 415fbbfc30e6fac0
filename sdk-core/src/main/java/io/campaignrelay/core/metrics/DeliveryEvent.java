package io.campaignrelay.core.metrics;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.implementation.Texts;
import java.time.Instant;
import java.util.Objects;

/**
 * One delivery or engagement event a vendor reported for one customer of one campaign: a receipt, a
 * click, an opt-out. The event id identifies the event so that a repeat (a webhook retried, a poll
 * overlapping the previous one) is counted once by {@link CampaignMetrics}.
 *
 * @param eventId the vendor's event id, or one derived from the event's content; not blank
 * @param campaignId the campaign
 * @param customerId the customer
 * @param outcome what happened
 * @param occurredAt when it happened
 */
public record DeliveryEvent(
    String eventId,
    CampaignId campaignId,
    CustomerId customerId,
    DeliveryOutcome outcome,
    Instant occurredAt) {

  /**
   * Validates the event.
   *
   * @throws ConfigurationException if the event id is blank
   * @throws NullPointerException if another component is null
   */
  public DeliveryEvent {
    if (eventId == null || eventId.isBlank()) {
      throw new ConfigurationException(
          "delivery event",
          ConfigurationProblem.of(
              "eventId",
              Texts.printable(eventId),
              "is blank: give the vendor's event id, or derive one from message id + type +"
                  + " time so that a repeated event can be recognised"));
    }
    Objects.requireNonNull(campaignId, "campaignId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }
}
