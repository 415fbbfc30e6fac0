/**
 * Internals of the TextLocal client: the Retrofit interface, auth, JSON writers. Not public API.
 */
package io.campaignrelay.textlocal.implementation;
