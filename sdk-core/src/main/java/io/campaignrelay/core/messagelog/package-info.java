/**
 * The message log: every message handled, LOGGED in TEST mode (never sent), DISPATCHED or REJECTED
 * in LIVE mode. {@link io.campaignrelay.core.messagelog.SendGate} is where the two modes differ.
 */
package io.campaignrelay.core.messagelog;
