/** Opted-out phone numbers: the {@link io.campaignrelay.core.optout.OptOutList} port. */
package io.campaignrelay.core.optout;
