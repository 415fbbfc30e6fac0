package io.campaignrelay.optimove.models;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.campaignrelay.optimove.implementation.OptimoveTimes;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * A row of actions/GetExecutedCampaignChannelDetails ({@code {SendID, TemplateID, ScheduledTime,
 * ListID?}}).
 *
 * @param sendId the send id as text
 * @param templateId the template id, or null
 * @param scheduledTimeText the scheduled time exactly as sent, or null
 * @param listId the list id, or null
 */
public record ExecutedCampaignChannelDetail(
    @JsonProperty("SendID") String sendId,
    @JsonProperty("TemplateID") Long templateId,
    @JsonProperty("ScheduledTime") @JsonAlias("ScheduleTime") String scheduledTimeText,
    @JsonProperty("ListID") String listId) {

  /**
   * The scheduled time as a wall-clock value (zone UNKNOWN, INFERRED tenant-local).
   *
   * @return the time, or empty if absent or unreadable
   */
  public Optional<LocalDateTime> scheduledTime() {
    return OptimoveTimes.localDateTime(scheduledTimeText);
  }
}
