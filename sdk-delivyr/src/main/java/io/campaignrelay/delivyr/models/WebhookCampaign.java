package io.campaignrelay.delivyr.models;

/**
 * The Optimove campaign a webhook event refers to, as sent with the message. Components Delivyr
 * left out are null.
 *
 * @param optimoveCampaignId the CampaignID (integer or dotted text), or null
 * @param channelId the Optimove channel (452 or 250), or null
 * @param optimoveTemplateId the Optimove TemplateID, or null
 */
public record WebhookCampaign(
    String optimoveCampaignId, Integer channelId, Long optimoveTemplateId) {}
