package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.execution.ReconcileResult;
import io.campaignrelay.core.execution.ReconcileResult.Status;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.testkit.FakeDelivyr;
import io.campaignrelay.testkit.SimulatedClock;
import java.io.IOException;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation of messages whose outcome is unknown against Delivyr's Message Log: {@code GET
 * messages?campaignId=<Optimove CampaignID>&idempotencyKey=<key>}.
 */
class DelivyrReconcileTest {

  MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  DelivyrMessageChannel channel(ExecutionMode mode) {
    return DelivyrMessageChannel.create(
        DelivyrOutcomeUnknownTest.client(server.url("/v1/").toString()), mode);
  }

  void enqueue(int code, String body) {
    server.enqueue(
        new MockResponse.Builder()
            .code(code)
            .addHeader("Content-Type", "application/json")
            .body(body)
            .build());
  }

  static OutboundMessage message(int i) {
    return DelivyrOutcomeUnknownTest.batch(i + 1).get(i);
  }

  static String key(int i) {
    return message(i).idempotencyKey().value();
  }

  static String entry(String id, String key, String status, String rejection) {
    return "{\"id\":\""
        + id
        + "\",\"to\":\"+447700900001\",\"customerId\":\"C1\",\"body\":\"Hi\",\"status\":\""
        + status
        + "\",\"testMode\":"
        + status.equals("logged")
        + ",\"createdAt\":\"2026-11-23T10:00:00Z\",\"updatedAt\":\"2026-11-23T10:00:01Z\","
        + "\"clicks\":0"
        + (key == null ? "" : ",\"idempotencyKey\":\"" + key + "\"")
        + ",\"rejection\":"
        + (rejection == null ? "null" : rejection)
        + "}";
  }

  static String page(String nextCursor, String... entries) {
    return "{\"data\":["
        + String.join(",", entries)
        + "],\"nextCursor\":"
        + (nextCursor == null ? "null" : "\"" + nextCursor + "\"")
        + "}";
  }

  String expectedTarget(int i) {
    return "/v1/messages?campaignId=1234&idempotencyKey=" + key(i);
  }

  // ------------------------------------------------------------------ each verdict

  @Test
  void aMessageInTheLogThatWasNotRejectedIsSentWithDelivyrsId() throws Exception {
    enqueue(200, page(null, entry("msg_7", key(0), "delivered", null)));
    enqueue(200, page(null, entry("msg_8", key(1), "undelivered", null)));

    List<ReconcileResult> results =
        channel(ExecutionMode.LIVE).reconcile(List.of(message(0), message(1)));

    assertThat(results)
        .extracting(ReconcileResult::status)
        .containsExactly(Status.SENT, Status.SENT);
    assertThat(results.get(0).vendorMessageId()).contains("msg_7");
    assertThat(results.get(0).idempotencyKey()).isEqualTo(message(0).idempotencyKey());
    assertThat(results.get(1).vendorMessageId()).contains("msg_8");
    RecordedRequest first = server.takeRequest();
    assertThat(first.getMethod()).isEqualTo("GET");
    assertThat(first.getTarget()).isEqualTo(expectedTarget(0));
    assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer dlv-SECRET");
    assertThat(server.takeRequest().getTarget()).isEqualTo(expectedTarget(1));
  }

  @Test
  void aRejectedMessageIsRejectedWithTheMappedReason() throws Exception {
    enqueue(
        200,
        page(
            null,
            entry(
                "msg_1",
                key(0),
                "rejected",
                "{\"reason\":\"opted_out\",\"detail\":\"The recipient texted STOP\"}")));
    enqueue(200, page(null, entry("msg_2", key(1), "rejected", null)));

    List<ReconcileResult> results =
        channel(ExecutionMode.LIVE).reconcile(List.of(message(0), message(1)));

    assertThat(results.get(0).status()).isEqualTo(Status.REJECTED);
    assertThat(results.get(0).rejectionReason()).contains(RejectionReason.OPTED_OUT);
    assertThat(results.get(0).detail()).contains("opted_out").contains("texted STOP");
    assertThat(results.get(1).status()).isEqualTo(Status.REJECTED);
    assertThat(results.get(1).rejectionReason()).contains(RejectionReason.OTHER);
    assertThat(server.takeRequest().getTarget()).isEqualTo(expectedTarget(0));
  }

  @Test
  void aLoggedMessageInLiveModeIsUnknownBecauseTheIntegrationWasInTestingMode() throws Exception {
    enqueue(200, page(null, entry("msg_3", key(0), "logged", null)));
    ReconcileResult live = channel(ExecutionMode.LIVE).reconcile(List.of(message(0))).get(0);
    assertThat(live.status()).isEqualTo(Status.UNKNOWN);
    assertThat(live.detail()).contains("testing mode").contains("msg_3");
    assertThat(server.takeRequest().getTarget()).isEqualTo(expectedTarget(0));

    // a TEST channel asked for exactly that
    enqueue(200, page(null, entry("msg_3", key(0), "logged", null)));
    ReconcileResult test = channel(ExecutionMode.TEST).reconcile(List.of(message(0))).get(0);
    assertThat(test.status()).isEqualTo(Status.SENT);
    assertThat(test.vendorMessageId()).contains("msg_3");
  }

  @Test
  void aMessageTheLogDoesNotHoldIsNotSentOnlyWhenTheLookupAnswered() throws Exception {
    enqueue(200, page(null));
    ReconcileResult r = channel(ExecutionMode.LIVE).reconcile(List.of(message(0))).get(0);
    assertThat(r.status()).isEqualTo(Status.NOT_SENT);
    assertThat(r.detail()).contains("1234");
    assertThat(server.takeRequest().getTarget()).isEqualTo(expectedTarget(0));
  }

  @Test
  void aFailedLookupIsUnknownForThatMessageAndTheRestWithoutFurtherCalls() throws Exception {
    enqueue(200, page(null, entry("msg_1", key(0), "queued", null)));
    enqueue(500, "{\"error\":{\"code\":\"server_error\",\"message\":\"please retry\"}}");

    List<ReconcileResult> results =
        channel(ExecutionMode.LIVE).reconcile(List.of(message(0), message(1), message(2)));

    assertThat(results)
        .extracting(ReconcileResult::status)
        .containsExactly(Status.SENT, Status.UNKNOWN, Status.UNKNOWN);
    assertThat(results.get(1).detail()).contains("could not be read").contains("500");
    assertThat(results.get(2).detail()).contains("not looked up");
    assertThat(results).allSatisfy(x -> assertThat(x.detail()).doesNotContain("dlv-SECRET"));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aLookupWhoseConnectionBreaksOrWhosePageIsUnreadableIsUnknown() {
    server.enqueue(
        new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    assertThat(channel(ExecutionMode.LIVE).reconcile(List.of(message(0))).get(0).status())
        .isEqualTo(Status.UNKNOWN);
    enqueue(200, "{\"data\":[{\"id\":");
    assertThat(channel(ExecutionMode.LIVE).reconcile(List.of(message(0))).get(0).status())
        .isEqualTo(Status.UNKNOWN);
    enqueue(
        401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"Missing or invalid API key\"}}");
    assertThat(channel(ExecutionMode.LIVE).reconcile(List.of(message(0))).get(0).status())
        .isEqualTo(Status.UNKNOWN);
  }

  @Test
  void everyPageIsReadAndOnlyAnEntryWithTheKeyCounts() throws Exception {
    // page 1: another message (a server that filters loosely); page 2: empty, page 3: the message
    enqueue(200, page("c2", entry("msg_x", "someone-else", "delivered", null)));
    enqueue(200, page("c3"));
    enqueue(200, page(null, entry("msg_9", key(0), "sent", null)));

    ReconcileResult r = channel(ExecutionMode.LIVE).reconcile(List.of(message(0))).get(0);

    assertThat(r.status()).isEqualTo(Status.SENT);
    assertThat(r.vendorMessageId()).contains("msg_9");
    assertThat(server.takeRequest().getTarget()).isEqualTo(expectedTarget(0));
    assertThat(server.takeRequest().getTarget()).isEqualTo(expectedTarget(0) + "&cursor=c2");
    assertThat(server.takeRequest().getTarget()).isEqualTo(expectedTarget(0) + "&cursor=c3");

    // only other messages' entries: the key is provably absent
    enqueue(200, page(null, entry("msg_x", "someone-else", "delivered", null)));
    assertThat(channel(ExecutionMode.LIVE).reconcile(List.of(message(0))).get(0).status())
        .isEqualTo(Status.NOT_SENT);
  }

  @Test
  void entriesThatDoNotSayTheirKeyCannotProveAbsence() {
    // a log that ignores the filter and does not show keys: it cannot tell
    enqueue(200, page(null, entry("msg_x", null, "delivered", null)));
    ReconcileResult r = channel(ExecutionMode.LIVE).reconcile(List.of(message(0))).get(0);
    assertThat(r.status()).isEqualTo(Status.UNKNOWN);
    assertThat(r.detail()).contains("without their idempotency key");
  }

  @Test
  void aRejectedAndASentEntryOfTheSameKeyMeanSent() {
    enqueue(
        200,
        page(
            null,
            entry("msg_r", key(0), "rejected", "{\"reason\":\"cannot_receive_sms\"}"),
            entry("msg_s", key(0), "queued", null)));
    ReconcileResult r = channel(ExecutionMode.LIVE).reconcile(List.of(message(0))).get(0);
    assertThat(r.status()).isEqualTo(Status.SENT);
    assertThat(r.vendorMessageId()).contains("msg_s");
  }

  @Test
  void aLogThatIgnoresTheFilterIsGivenUpOnAfterAThousandEntries() {
    String[] others = new String[DelivyrMessageChannel.MAX_LOOKUP_ENTRIES + 1];
    for (int i = 0; i < others.length; i++) {
      others[i] = entry("msg_" + i, "other-" + i, "delivered", null);
    }
    enqueue(200, page("more", others));
    ReconcileResult r = channel(ExecutionMode.LIVE).reconcile(List.of(message(0))).get(0);
    assertThat(r.status()).isEqualTo(Status.UNKNOWN);
    assertThat(r.detail()).contains("ignore the filter");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anEmptyListMakesNoCall() {
    assertThat(channel(ExecutionMode.LIVE).reconcile(List.of())).isEmpty();
    assertThat(server.getRequestCount()).isZero();
  }

  // ------------------------------------------------------------------ against the testkit's fake

  @Test
  void reconcilesAgainstFakeDelivyrsMessageLog() {
    SimulatedClock clock = SimulatedClock.create();
    try (FakeDelivyr fake =
        FakeDelivyr.builder().clock(clock).seed(9).testingMode(false).outcomes(0, 0, 0).start()) {
      DelivyrMessageChannel channel =
          DelivyrMessageChannel.create(
              DelivyrClient.builder()
                  .endpoint(fake.baseUrl())
                  .credential(Secret.of(FakeDelivyr.DEFAULT_API_KEY))
                  .clientOptions(ClientOptions.builder().clock(clock).sleeper(clock::sleep).build())
                  .buildClient(),
              ExecutionMode.LIVE);
      OutboundMessage sent = fakeMessage(0);
      OutboundMessage optedOut = fakeMessage(1);
      OutboundMessage neverSent = fakeMessage(2);
      OutboundMessage loggedOnly = fakeMessage(3);
      fake.addOptOut(optedOut.to().e164());
      channel.dispatch(List.of(sent, optedOut));
      fake.testingMode(true);
      channel.dispatch(List.of(loggedOnly));
      fake.testingMode(false);
      clock.advanceDays(1);

      List<ReconcileResult> results =
          channel.reconcile(List.of(sent, optedOut, neverSent, loggedOnly));

      assertThat(results)
          .extracting(ReconcileResult::status)
          .containsExactly(Status.SENT, Status.REJECTED, Status.NOT_SENT, Status.UNKNOWN);
      assertThat(results.get(0).vendorMessageId()).isPresent();
      assertThat(results.get(1).rejectionReason()).contains(RejectionReason.OPTED_OUT);
      assertThat(results.get(3).detail()).contains("testing mode");
      assertThat(fake.sentMessages().count()).isEqualTo(1);
    }
  }

  static OutboundMessage fakeMessage(int i) {
    return OutboundMessage.of(
        DelivyrMessageChannelTest.CAMPAIGN,
        CustomerId.of("C" + i),
        PhoneNumber.ofE164(String.format("+4477009%05d", i)),
        TemplateId.of("42"),
        "Hi C" + i);
  }
}
