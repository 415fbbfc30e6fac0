/**
 * The engine's ports and the values they exchange: {@link
 * io.campaignrelay.core.execution.TargetSource} (recipients, lazily paged), {@link
 * io.campaignrelay.core.execution.MessageChannel} (the transport), {@link
 * io.campaignrelay.core.execution.MetricsSink} (results), {@link
 * io.campaignrelay.core.execution.TemplatePublisher} (templates to the marketing platform), and
 * {@link io.campaignrelay.core.execution.ExecutionJournal} (resumable per-recipient state). Vendor
 * and platform modules implement them; the engine calls them.
 */
package io.campaignrelay.core.execution;
