package io.campaignrelay.textlocal;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.metrics.RejectionReason;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the TextLocal flow did for one campaign, recorded in a {@link CampaignLedger} so that
 * metrics can be pulled for its batches and its temporary group deleted later.
 *
 * @param campaignId the campaign
 * @param route how it was sent
 * @param groupId the customers' contact group (where CustomerIds were resolved)
 * @param temporaryGroupId the campaign's temporary group (same-text route), or null
 * @param temporaryGroupDeleted whether the temporary group has been deleted
 * @param customTag the {@code custom} value sent with every batch (echoed in receipts)
 * @param sendTime when TextLocal sends (the campaign's send time, or the run time when that had
 *     passed)
 * @param targeted customers in the campaign's target list
 * @param submitted recipients handed to TextLocal
 * @param droppedByReason customers dropped before sending, by reason
 * @param batchIds every batch id TextLocal returned, in order
 * @param testMode whether TextLocal ran the sends in test mode (nothing sent; ids not real)
 */
public record CampaignDispatch(
    CampaignId campaignId,
    Route route,
    String groupId,
    String temporaryGroupId,
    boolean temporaryGroupDeleted,
    String customTag,
    Instant sendTime,
    long targeted,
    long submitted,
    Map<RejectionReason, Long> droppedByReason,
    List<String> batchIds,
    boolean testMode) {

  /** How a campaign was sent. */
  public enum Route {
    /** Same text for everyone: a temporary contact group sent with {@code group_id}. */
    TEMPORARY_GROUP,
    /** Personalised text: {@code bulk_json}, 500 messages per call. */
    BULK_JSON
  }

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a required component is null
   */
  public CampaignDispatch {
    Objects.requireNonNull(campaignId, "campaignId");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(sendTime, "sendTime");
    EnumMap<RejectionReason, Long> copy = new EnumMap<>(RejectionReason.class);
    copy.putAll(droppedByReason);
    droppedByReason = java.util.Collections.unmodifiableMap(copy);
    batchIds = List.copyOf(batchIds);
  }

  /**
   * Customers dropped before sending, all reasons.
   *
   * @return the count
   */
  public long dropped() {
    return droppedByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * A copy marking the temporary group deleted.
   *
   * @return the copy
   */
  public CampaignDispatch withTemporaryGroupDeleted() {
    return new CampaignDispatch(
        campaignId,
        route,
        groupId,
        temporaryGroupId,
        true,
        customTag,
        sendTime,
        targeted,
        submitted,
        droppedByReason,
        batchIds,
        testMode);
  }
}
