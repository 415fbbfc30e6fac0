package io.campaignrelay.examples;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an offline demo run printed and proved, for tests.
 *
 * @param testTables the TEST tables, in print order
 * @param liveTables the LIVE tables, in print order
 * @param testModeSendCalls HTTP requests that reached a vendor's send endpoint during the TEST runs
 *     (TextLocal {@code send}/{@code bulk_json}, Delivyr {@code POST messages}/{@code
 *     messages/batch}), as counted at the transport
 * @param vendorMessagesAfterTest messages the fakes had sent, test-mode sent or logged when the
 *     TEST runs ended (TextLocal sent + test-mode, Delivyr sent + logged)
 * @param transport every request of the whole run, "METHOD /path" to count
 * @param wallClock how long the run took
 */
record DemoResult(
    List<CampaignTable> testTables,
    List<CampaignTable> liveTables,
    long testModeSendCalls,
    long vendorMessagesAfterTest,
    Map<String, Long> transport,
    Duration wallClock) {

  /** Copies the collections. */
  DemoResult {
    testTables = List.copyOf(testTables);
    liveTables = List.copyOf(liveTables);
    transport = Map.copyOf(transport);
  }
}
