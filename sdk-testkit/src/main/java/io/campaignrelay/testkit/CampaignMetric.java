package io.campaignrelay.testkit;

/**
 * One row received by {@code UpdateCampaignMetrics}.
 *
 * @param channelId the ChannelID
 * @param campaignId the CampaignID
 * @param templateId the TemplateID
 * @param metricId the MetricID
 * @param metricValue the MetricValue
 */
public record CampaignMetric(
    int channelId, long campaignId, long templateId, int metricId, long metricValue) {}
