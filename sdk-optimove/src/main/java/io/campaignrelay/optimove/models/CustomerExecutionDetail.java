package io.campaignrelay.optimove.models;

import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.optimove.implementation.OptimoveTimes;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One recipient of a campaign, from GetCustomerExecutionDetailsByCampaign.
 *
 * @param customerId the customer's {@code CustomerID}
 * @param actionId the action ({@code ActionID}); 0 if Optimove omitted it
 * @param templateId the template ({@code TemplateID}); 0 if Optimove omitted it
 * @param promoCodes the promo codes, split from the comma-separated {@code PromoCode}; possibly
 *     empty
 * @param scheduledTimeText the send time exactly as sent ({@code ScheduleTime}, also accepted as
 *     {@code ScheduledTime}), or null
 * @param attributes the requested attributes, matched by position to the requested names
 */
public record CustomerExecutionDetail(
    String customerId,
    long actionId,
    long templateId,
    List<String> promoCodes,
    String scheduledTimeText,
    CustomerAttributes attributes) {

  /**
   * Validates and copies the components.
   *
   * @param customerId the customer id
   * @param actionId the action id
   * @param templateId the template id
   * @param promoCodes the promo codes
   * @param scheduledTimeText the time text
   * @param attributes the attributes
   */
  public CustomerExecutionDetail {
    promoCodes = promoCodes == null ? List.of() : List.copyOf(promoCodes);
    Objects.requireNonNull(attributes, "attributes");
  }

  /**
   * The send time as a wall-clock value (zone UNKNOWN, INFERRED tenant-local).
   *
   * @return the time, or empty if absent or unreadable
   */
  public Optional<LocalDateTime> scheduledTime() {
    return OptimoveTimes.localDateTime(scheduledTimeText);
  }
}
