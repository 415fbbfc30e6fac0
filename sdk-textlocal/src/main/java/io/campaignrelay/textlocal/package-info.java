/** Typed client for the TextLocal SMS API and Optimove's TextLocal campaign flow. */
package io.campaignrelay.textlocal;
