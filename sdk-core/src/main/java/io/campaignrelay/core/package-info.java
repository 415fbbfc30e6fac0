/**
 * Vendor-neutral campaign domain shared by every Campaign Relay client: identifiers ({@link
 * io.campaignrelay.core.CustomerId}, {@link io.campaignrelay.core.CampaignId}, {@link
 * io.campaignrelay.core.ChannelId}, {@link io.campaignrelay.core.TemplateId}), {@link
 * io.campaignrelay.core.PhoneNumber} with a pluggable {@link
 * io.campaignrelay.core.PhoneNumberParser}, ordered {@link
 * io.campaignrelay.core.CustomerAttributes}, {@link io.campaignrelay.core.Campaign}, the {@link
 * io.campaignrelay.core.ExecutionMode} (TEST by default), and the root exceptions.
 *
 * <p>Phone numbers can be described before sending: a parser's {@link
 * io.campaignrelay.core.PhoneNumberParser#describe(String)} gives {@link
 * io.campaignrelay.core.PhoneNumberDetails} (a {@link io.campaignrelay.core.PhoneNumberType} and a
 * region, filled in by a numbering-plan parser such as sdk-phonenumber's), an {@link
 * io.campaignrelay.core.SmsCapabilityRule} decides whether such a number can receive SMS, and a
 * {@link io.campaignrelay.core.DestinationPolicy} allows destinations by region or prefix, refusing
 * premium-rate and unknown-country numbers.
 *
 * <p>Sub-packages: {@code template} (templates, rendering, prefixes), {@code sms} (length and
 * opt-out keywords), {@code metrics} (outcomes, engagement metrics, polling), {@code messagelog},
 * {@code optout}, {@code execution} (the engine's ports) and {@code http} (the HTTP plumbing).
 */
package io.campaignrelay.core;
