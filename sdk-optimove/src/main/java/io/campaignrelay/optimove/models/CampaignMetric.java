package io.campaignrelay.optimove.models;

import java.util.Objects;

/**
 * One aggregate count for UpdateCampaignMetrics. Whether Optimove adds the value to its total or
 * replaces it is UNKNOWN; one published integration sends 1 per delivery event (increments).
 *
 * @param channelId the positive channel id
 * @param campaignId the positive campaign id
 * @param templateId the template id, zero or more
 * @param metricId the metric
 * @param metricValue the count, zero or more
 */
public record CampaignMetric(
    int channelId, long campaignId, long templateId, MetricId metricId, long metricValue) {

  /**
   * Checks the metric is present.
   *
   * @param channelId the channel
   * @param campaignId the campaign
   * @param templateId the template
   * @param metricId the metric
   * @param metricValue the value
   */
  public CampaignMetric {
    Objects.requireNonNull(metricId, "metricId");
  }
}
