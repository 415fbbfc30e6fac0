/**
 * Runnable examples and the end-to-end demo of Campaign Relay (not published).
 *
 * <ul>
 *   <li>{@link io.campaignrelay.examples.Demo}: README's first command; both flows, TEST then LIVE,
 *       over a simulated week against in-process fakes (or real endpoints from environment
 *       variables), with a metrics table per campaign;
 *   <li>{@link io.campaignrelay.examples.RunDelivyrIntegration}: the whole Delivyr integration on
 *       its runtime in TEST mode for a simulated day (under 40 lines of host code);
 *   <li>{@link io.campaignrelay.examples.RunTextLocalIntegration}: the whole TextLocal connector on
 *       its runtime in TEST mode for a simulated day and a half (under 40 lines of host code);
 *   <li>{@link io.campaignrelay.examples.SendOneSmsInTestMode}: one SMS priced but not delivered;
 *   <li>{@link io.campaignrelay.examples.SyncTemplates}: Delivyr's approved templates to Optimove's
 *       channels 452 and 250;
 *   <li>{@link io.campaignrelay.examples.PageCampaignTargets}: a campaign's targets streamed page
 *       by page;
 *   <li>{@link io.campaignrelay.examples.VerifyWebhook}: a Delivyr webhook verified, a tampered,
 *       replayed or stale one refused;
 *   <li>{@link io.campaignrelay.examples.MapMetrics}: delivery outcomes to Optimove's engagement
 *       metrics, the guide's table.
 * </ul>
 */
package io.campaignrelay.examples;
