/**
 * Stateful in-process fakes of Optimove, TextLocal and Delivyr on MockWebServer. Exports its root
 * package; {@code io.campaignrelay.testkit.implementation} stays internal.
 */
module io.campaignrelay.testkit {
  // The fakes take and return core's types and hand out their MockWebServers and URLs.
  requires transitive io.campaignrelay.core;
  requires transitive mockwebserver3;

  exports io.campaignrelay.testkit;
}
