package io.campaignrelay.optimove.models;

import io.campaignrelay.optimove.implementation.OptimoveTimes;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A campaign notification: event 1 (processed for execution), 4 (cancelled) or 13 (executed on a
 * channel, with {@code ChannelID}). Payload {@code {"EventTypeID", "TimeStamp": "YYYY-MM-DD HH:MM",
 * "CampaignID", "ChannelID"?}}; the next step is to pull the targets of {@code CampaignID} on your
 * channel.
 *
 * @param eventType 1, 4 or 13
 * @param timeStampText the {@code TimeStamp} as sent, or null
 * @param campaignId the {@code CampaignID}
 * @param channelId the {@code ChannelID}, or null (events 1 and 4 usually have none)
 */
public record CampaignEvent(
    EventType eventType, String timeStampText, long campaignId, Integer channelId)
    implements OptimoveEvent {

  /**
   * Validates the components.
   *
   * @param eventType the type
   * @param timeStampText the time stamp
   * @param campaignId the campaign
   * @param channelId the channel
   */
  public CampaignEvent {
    Objects.requireNonNull(eventType, "eventType");
  }

  /**
   * The time stamp as a wall-clock value (zone UNKNOWN).
   *
   * @return the time, or empty if absent or unreadable
   */
  public Optional<LocalDateTime> timeStamp() {
    return OptimoveTimes.localDateTime(timeStampText);
  }
}
