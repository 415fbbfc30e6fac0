/**
 * Delivery outcomes and engagement metrics: the open set of {@link
 * io.campaignrelay.core.metrics.DeliveryOutcome}s, the platform's {@link
 * io.campaignrelay.core.metrics.EngagementMetric}s, the per-vendor {@link
 * io.campaignrelay.core.metrics.MetricsMapping}, aggregation in {@link
 * io.campaignrelay.core.metrics.CampaignMetrics} (Sent = Targeted - Dropped, never reported) and
 * the {@link io.campaignrelay.core.metrics.MetricsPollingPlan}.
 */
package io.campaignrelay.core.metrics;
