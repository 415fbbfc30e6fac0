package io.campaignrelay.core.execution;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import java.time.Instant;
import java.util.Objects;

/**
 * One recipient's state in a campaign run.
 *
 * @param campaignId the campaign
 * @param customerId the customer
 * @param state the state
 * @param idempotencyKey the message's key (derived from campaign + customer)
 * @param at when the state was recorded
 * @param detail why (a drop or rejection reason, a vendor message id); empty when none
 */
public record JournalEntry(
    CampaignId campaignId,
    CustomerId customerId,
    RecipientState state,
    IdempotencyKey idempotencyKey,
    Instant at,
    String detail) {

  /**
   * Validates the entry.
   *
   * @throws NullPointerException if a component is null (use an empty detail for none)
   */
  public JournalEntry {
    Objects.requireNonNull(campaignId, "campaignId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * An entry with the key derived from campaign + customer.
   *
   * @param campaignId the campaign
   * @param customerId the customer
   * @param state the state
   * @param at when
   * @param detail why, or empty
   * @return the entry
   */
  public static JournalEntry of(
      CampaignId campaignId,
      CustomerId customerId,
      RecipientState state,
      Instant at,
      String detail) {
    return new JournalEntry(
        campaignId,
        customerId,
        state,
        IdempotencyKey.derive(campaignId, customerId),
        at,
        detail == null ? "" : detail);
  }
}
