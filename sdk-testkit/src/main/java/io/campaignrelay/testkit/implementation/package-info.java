/**
 * Internals of the testkit: request parsing, seeding, fault application and the dispatchers. Not a
 * public API; may change without notice.
 */
package io.campaignrelay.testkit.implementation;
