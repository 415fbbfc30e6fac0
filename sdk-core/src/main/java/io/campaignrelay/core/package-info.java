/**
 * Vendor-neutral campaign domain shared by every Campaign Relay client: identifiers ({@link
 * io.campaignrelay.core.CustomerId}, {@link io.campaignrelay.core.CampaignId}, {@link
 * io.campaignrelay.core.ChannelId}, {@link io.campaignrelay.core.TemplateId}), {@link
 * io.campaignrelay.core.PhoneNumber} with a pluggable {@link
 * io.campaignrelay.core.PhoneNumberParser}, ordered {@link
 * io.campaignrelay.core.CustomerAttributes}, {@link io.campaignrelay.core.Campaign}, lazily paged
 * {@link io.campaignrelay.core.Segment}s, the {@link io.campaignrelay.core.ExecutionMode} (TEST by
 * default), and the root exceptions.
 *
 * <p>Sub-packages: {@code template} (templates, rendering, prefixes), {@code sms} (length and
 * opt-out keywords), {@code metrics} (outcomes, engagement metrics, polling), {@code messagelog},
 * {@code optout}, {@code execution} (the engine's ports) and {@code http} (the HTTP plumbing).
 */
package io.campaignrelay.core;
