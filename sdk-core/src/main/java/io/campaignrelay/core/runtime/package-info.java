/**
 * The runtime's ports: what lets an integration run itself. Every action of a vendor guide is a job
 * with a {@link io.campaignrelay.core.runtime.JobKey key} derived from what it is about, run by a
 * {@link io.campaignrelay.core.runtime.Scheduler} (one-off at an instant, or daily at a local
 * time), idempotent by key and re-runnable. The state a runtime keeps beside the engine's journal:
 * a {@link io.campaignrelay.core.runtime.CampaignLedger} (what was sent when, which metric days are
 * done), {@link io.campaignrelay.core.runtime.ProcessedIds} (inbound events and webhooks already
 * handled, with expiry), {@link io.campaignrelay.core.runtime.CampaignClaims} (a lease, so one
 * instance executes a campaign) and the scheduler's {@link io.campaignrelay.core.runtime.JobStore}.
 * Each has an in-memory implementation and, except claims, a file one; sdk-jdbc provides database
 * ones. Inbound HTTP is framework-neutral: {@link io.campaignrelay.core.runtime.InboundRequest} in,
 * {@link io.campaignrelay.core.runtime.InboundResponse} out.
 */
package io.campaignrelay.core.runtime;
