package io.campaignrelay.optimove.models;

import io.campaignrelay.optimove.implementation.OptimoveTimes;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * Event 5: a scheduled campaign with conditional promotion activation is on hold until {@code
 * ClearanceRequiredBy}. Registered without a ChannelID. The exact payload was not retrievable;
 * {@code CampaignID}, {@code TimeStamp} and {@code ClearanceRequiredBy} are read if present
 * (INFERRED).
 *
 * @param timeStampText the {@code TimeStamp} as sent, or null
 * @param campaignId the {@code CampaignID}, 0 if absent
 * @param clearanceRequiredByText the {@code ClearanceRequiredBy} as sent, or null
 */
public record PromoClearanceEvent(
    String timeStampText, long campaignId, String clearanceRequiredByText)
    implements OptimoveEvent {

  @Override
  public EventType eventType() {
    return EventType.PROMO_CLEARANCE_REQUIRED;
  }

  /**
   * The time stamp as a wall-clock value (zone UNKNOWN).
   *
   * @return the time, or empty if absent or unreadable
   */
  public Optional<LocalDateTime> timeStamp() {
    return OptimoveTimes.localDateTime(timeStampText);
  }

  /**
   * The clearance deadline as a wall-clock value (zone UNKNOWN).
   *
   * @return the time, or empty if absent or unreadable
   */
  public Optional<LocalDateTime> clearanceRequiredBy() {
    return OptimoveTimes.localDateTime(clearanceRequiredByText);
  }
}
