package io.campaignrelay.optimove.models;

import java.util.List;

/**
 * A customer whose message was cancelled, from GetCanceledCampaignCustomers (Optimove keeps the
 * data for two hours after the event-4 notification).
 *
 * @param customerId the customer
 * @param actionId the action; 0 if omitted
 * @param promoCodes the promo codes, split from the comma-separated {@code PromoCode}
 */
public record CanceledCampaignCustomer(String customerId, long actionId, List<String> promoCodes) {

  /**
   * Copies the codes.
   *
   * @param customerId the customer
   * @param actionId the action
   * @param promoCodes the codes
   */
  public CanceledCampaignCustomer {
    promoCodes = promoCodes == null ? List.of() : List.copyOf(promoCodes);
  }
}
