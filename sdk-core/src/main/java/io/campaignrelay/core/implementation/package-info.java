/** Internal helpers of sdk-core. Not a public API: anything here may change in any release. */
package io.campaignrelay.core.implementation;
