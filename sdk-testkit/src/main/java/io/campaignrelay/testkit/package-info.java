/** Stateful in-process fakes of Optimove, TextLocal and Delivyr for offline tests and demos. */
package io.campaignrelay.testkit;
