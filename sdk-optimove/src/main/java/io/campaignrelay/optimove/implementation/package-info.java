/**
 * Internals of the Optimove client: the Retrofit interfaces, wire rows, response tolerance, paging
 * and signing. Not a public API: it may change in any release.
 */
package io.campaignrelay.optimove.implementation;
