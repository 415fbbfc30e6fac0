/** Runnable examples and the end-to-end demo of Campaign Relay. */
package io.campaignrelay.examples;
