package io.campaignrelay.optimove.models;

import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.optimove.implementation.OptimoveTimes;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * One recipient of a campaign on a channel, from GetCustomerSendDetailsByChannel.
 *
 * @param customerId the customer's {@code CustomerID}
 * @param templateId the template to send ({@code TemplateID}); 0 if Optimove omitted it
 * @param scheduledTimeText the send time exactly as sent ({@code ScheduledTime}, also accepted as
 *     {@code ScheduleTime}), or null
 * @param attributes the requested attributes, matched by position to the requested names
 */
public record CustomerSendDetail(
    String customerId, long templateId, String scheduledTimeText, CustomerAttributes attributes) {

  /**
   * Validates the components.
   *
   * @param customerId the customer id
   * @param templateId the template id
   * @param scheduledTimeText the time text
   * @param attributes the attributes
   */
  public CustomerSendDetail {
    Objects.requireNonNull(attributes, "attributes");
  }

  /**
   * The send time as a wall-clock value ({@code "YYYY-MM-DD HH:MM:SS"}; zone UNKNOWN, INFERRED to
   * be the tenant's local time).
   *
   * @return the time, or empty if absent or unreadable
   */
  public Optional<LocalDateTime> scheduledTime() {
    return OptimoveTimes.localDateTime(scheduledTimeText);
  }
}
