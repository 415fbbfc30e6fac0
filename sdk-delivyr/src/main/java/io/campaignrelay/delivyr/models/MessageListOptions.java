package io.campaignrelay.delivyr.models;

import io.campaignrelay.core.ConfigurationException;
import java.time.Instant;

/**
 * Filters of the Message Log ({@code GET messages}). Every component is optional (null).
 *
 * @param campaignId only messages of this Optimove campaign
 * @param status only messages with this status, e.g. {@link MessageStatus#LOGGED}
 * @param since only messages created at or after this instant
 * @param until only messages created before this instant
 * @param pageSize items per page, 1 to 1000 (Delivyr's default is 100), or null
 */
public record MessageListOptions(
    String campaignId, MessageStatus status, Instant since, Instant until, Integer pageSize) {

  /**
   * Validates the page size and the time range.
   *
   * @throws ConfigurationException if the page size is outside 1 to 1000 or since is after until
   */
  public MessageListOptions {
    checkPageSize(pageSize);
    if (since != null && until != null && since.isAfter(until)) {
      throw new ConfigurationException(
          "Message Log filter",
          io.campaignrelay.core.ConfigurationProblem.of(
              "since", since, "must not be after until (" + until + ")"));
    }
  }

  /**
   * Every message.
   *
   * @return the options
   */
  public static MessageListOptions all() {
    return new MessageListOptions(null, null, null, null, null);
  }

  /**
   * The messages of one campaign.
   *
   * @param campaignId the Optimove CampaignID
   * @return the options
   */
  public static MessageListOptions forCampaign(String campaignId) {
    return new MessageListOptions(campaignId, null, null, null, null);
  }

  static void checkPageSize(Integer pageSize) {
    if (pageSize != null && (pageSize < 1 || pageSize > 1000)) {
      throw new ConfigurationException(
          "Delivyr list options", TemplateListOptions.pageSizeProblem(pageSize));
    }
  }
}
