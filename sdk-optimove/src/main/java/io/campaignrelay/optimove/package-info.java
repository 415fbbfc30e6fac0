/**
 * Typed client for the Optimove API that a channel integration (an SMS vendor) uses, and its
 * adapters to the Campaign Relay engine's ports.
 *
 * <ul>
 *   <li>{@link io.campaignrelay.optimove.OptimoveClient}: templates, event listeners, campaign
 *       targets (lazily paged), promotions, attributes, metrics and the integration check;
 *   <li>{@link io.campaignrelay.optimove.EngagementMetricsClient}: the signed External Vendors
 *       Campaign Engagement Metrics endpoint;
 *   <li>{@link io.campaignrelay.optimove.OptimoveEvents}: typed parsing of what Optimove POSTs to a
 *       listener URL (event types 1, 2, 3, 4, 5, 11, 13, 14);
 *   <li>{@link io.campaignrelay.optimove.OptimoveTargetSource}, {@link
 *       io.campaignrelay.optimove.OptimoveTemplatePublisher}, {@link
 *       io.campaignrelay.optimove.OptimoveMetricsSink}: the engine's target source, template
 *       publisher and metrics sink.
 * </ul>
 *
 * <pre>{@code
 * OptimoveClient optimove = OptimoveClient.builder()
 *     .endpoint("https://api5.optimove.net/")
 *     .credential(Secret.of(System.getenv("OPTIMOVE_API_KEY")))
 *     .buildClient();
 * CampaignTargetQuery query = CampaignTargetQuery.builder()
 *     .campaignId(1234).channelId(452)
 *     .customerAttributes(List.of("MOBILE_NUMBER", "FIRST_NAME"))
 *     .build();
 * try (Stream<CustomerSendDetail> targets =
 *     optimove.listCustomerSendDetails(query).stream()) {
 *   targets.forEach(t -> send(t.attributes().valueAt(0).orElseThrow(), t.attributes()));
 * }
 * }</pre>
 */
package io.campaignrelay.optimove;
