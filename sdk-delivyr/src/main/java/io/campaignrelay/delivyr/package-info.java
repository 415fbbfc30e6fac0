/**
 * Delivyr's SMS API and its Optimove integration.
 *
 * <ul>
 *   <li>{@link io.campaignrelay.delivyr.DelivyrClient}: every resource of the modelled contract
 *       (templates, messages and batches with idempotency keys, the Message Log, events, opt-outs,
 *       the Optimove integration and its find-attributes dry check);
 *   <li>{@link io.campaignrelay.delivyr.OptimoveIntegrationSettings}: the guide's settings with
 *       every rule checked at once;
 *   <li>{@link io.campaignrelay.delivyr.TemplateIdMapping}: Delivyr ids to Optimove TemplateIDs and
 *       names; {@link io.campaignrelay.delivyr.DelivyrTemplateSync}: templates to channels 452 and
 *       250; {@link io.campaignrelay.delivyr.DefaultUrlRule}: which templates get the default URL;
 *   <li>{@link io.campaignrelay.delivyr.DelivyrMessageChannel}: the engine's transport (LIVE sends,
 *       TEST only logs); {@link io.campaignrelay.delivyr.TriggeredMessageBuilder}: event-11
 *       payloads to messages;
 *   <li>{@link io.campaignrelay.delivyr.DelivyrWebhook}: signed webhook verification; {@link
 *       io.campaignrelay.delivyr.DelivyrMetrics}: the guide's metrics table; webhook events go to
 *       Optimove through sdk-optimove's {@code OptimoveMetricsSink} ({@link
 *       io.campaignrelay.delivyr.DelivyrMetrics#forward}), the one writer of engagement events.
 * </ul>
 */
package io.campaignrelay.delivyr;
