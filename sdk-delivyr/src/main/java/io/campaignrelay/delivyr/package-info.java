/** Typed client for the Delivyr SMS API and its Optimove execution channel. */
package io.campaignrelay.delivyr;
