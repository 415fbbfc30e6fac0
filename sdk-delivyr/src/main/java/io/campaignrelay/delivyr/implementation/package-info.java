/**
 * Internals of the Delivyr client: the Retrofit interface, wire bodies and helpers. Not a public
 * API: may change in any release.
 */
package io.campaignrelay.delivyr.implementation;
