/** Typed client for the Optimove API that a channel integration uses. */
package io.campaignrelay.optimove;
