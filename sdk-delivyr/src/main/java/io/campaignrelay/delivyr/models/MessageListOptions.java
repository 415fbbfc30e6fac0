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
 * @param idempotencyKey only the message sent with this idempotency key (how a client reconciles a
 *     message whose outcome it does not know), or null
 */
public record MessageListOptions(
    String campaignId,
    MessageStatus status,
    Instant since,
    Instant until,
    Integer pageSize,
    String idempotencyKey) {

  /**
   * Filters without an idempotency key.
   *
   * @param campaignId only messages of this Optimove campaign, or null
   * @param status only messages with this status, or null
   * @param since only messages created at or after this instant, or null
   * @param until only messages created before this instant, or null
   * @param pageSize items per page, 1 to 1000, or null
   */
  public MessageListOptions(
      String campaignId, MessageStatus status, Instant since, Instant until, Integer pageSize) {
    this(campaignId, status, since, until, pageSize, null);
  }

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

  /**
   * The message of one campaign sent with one idempotency key (normally one entry, or none when
   * Delivyr never received it).
   *
   * @param campaignId the Optimove CampaignID
   * @param idempotencyKey the message's idempotency key
   * @return the options
   */
  public static MessageListOptions forMessage(String campaignId, String idempotencyKey) {
    return new MessageListOptions(campaignId, null, null, null, null, idempotencyKey);
  }

  static void checkPageSize(Integer pageSize) {
    if (pageSize != null && (pageSize < 1 || pageSize > 1000)) {
      throw new ConfigurationException(
          "Delivyr list options", TemplateListOptions.pageSizeProblem(pageSize));
    }
  }
}
