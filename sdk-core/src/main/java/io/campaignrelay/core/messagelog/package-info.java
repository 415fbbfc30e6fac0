/**
 * The message log: every message handled, LOGGED in TEST mode (never sent), DISPATCHED or REJECTED
 * in LIVE mode. The engine ({@link io.campaignrelay.core.execution.CampaignExecutor}) is where the
 * two modes differ: in TEST it appends LOGGED entries here and never calls a channel.
 */
package io.campaignrelay.core.messagelog;
