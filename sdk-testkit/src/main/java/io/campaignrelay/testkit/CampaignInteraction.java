package io.campaignrelay.testkit;

import java.time.LocalDate;
import java.util.List;

/**
 * One call received by {@code UpdateCampaignInteractions}.
 *
 * @param campaignId the CampaignID
 * @param channelId the ChannelID
 * @param interactionDate the InteractionDate
 * @param templateId the TemplateID
 * @param eventId the EventID
 * @param recipientGroupId the RecipientGroupID (default 1)
 * @param customerIds the CustomerIDs
 */
public record CampaignInteraction(
    long campaignId,
    int channelId,
    LocalDate interactionDate,
    long templateId,
    int eventId,
    int recipientGroupId,
    List<String> customerIds) {

  /**
   * Copies the id list.
   *
   * @param campaignId the CampaignID
   * @param channelId the ChannelID
   * @param interactionDate the date
   * @param templateId the TemplateID
   * @param eventId the EventID
   * @param recipientGroupId the RecipientGroupID
   * @param customerIds the ids
   */
  public CampaignInteraction {
    customerIds = List.copyOf(customerIds);
  }
}
