/**
 * Vendor-neutral campaign domain, execution engine and the HTTP plumbing shared by every Campaign
 * Relay client.
 */
package io.campaignrelay.core;
