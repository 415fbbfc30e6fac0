package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.delivyr.models.CampaignReference;
import io.campaignrelay.delivyr.models.SendMessageRequest;
import java.io.IOException;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exact request bytes of the modelled contract ({@code delivyr-api.md}): every message, alone
 * or in a batch, carries its own {@code idempotencyKey}; the batch header key stays.
 */
class DelivyrWireContractTest {

  MockWebServer server;
  DelivyrClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    client = TestClients.delivyr(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  void enqueue(int code, String body) {
    server.enqueue(
        new MockResponse.Builder()
            .code(code)
            .addHeader("Content-Type", "application/json")
            .body(body)
            .build());
  }

  static OutboundMessage engineMessage(String customer, String phone) {
    return OutboundMessage.of(
        DelivyrMessageChannelTest.CAMPAIGN,
        CustomerId.of(customer),
        PhoneNumber.ofE164(phone),
        TemplateId.of("42"),
        "Hi " + customer);
  }

  @Test
  void theChannelSendsEachMessagesEngineKeyInTheBatchBody() throws Exception {
    OutboundMessage a = engineMessage("C1", "+447700900001");
    OutboundMessage b = engineMessage("C2", "+447700900002");
    String ka = a.idempotencyKey().value();
    String kb = b.idempotencyKey().value();
    enqueue(
        200,
        "{\"results\":[{\"clientReference\":\""
            + ka
            + "\",\"id\":\"m1\",\"status\":\"queued\",\"rejection\":null,\"replayed\":false},"
            + "{\"clientReference\":\""
            + kb
            + "\",\"id\":\"m2\",\"status\":\"queued\",\"rejection\":null,\"replayed\":true}]}");

    DelivyrMessageChannel.create(client, ExecutionMode.LIVE).dispatch(List.of(a, b));

    RecordedRequest r = server.takeRequest();
    assertThat(r.getTarget()).isEqualTo("/messages/batch");
    String campaign =
        "{\"optimoveCampaignId\":\"1234\",\"channelId\":452,\"optimoveTemplateId\":42}";
    assertThat(r.getBody().utf8())
        .isEqualTo(
            "{\"messages\":["
                + "{\"to\":\"+447700900001\",\"customerId\":\"C1\",\"body\":\"Hi C1\","
                + "\"variables\":{},\"campaign\":"
                + campaign
                + ",\"testMode\":false,\"clientReference\":\""
                + ka
                + "\",\"idempotencyKey\":\""
                + ka
                + "\"},"
                + "{\"to\":\"+447700900002\",\"customerId\":\"C2\",\"body\":\"Hi C2\","
                + "\"variables\":{},\"campaign\":"
                + campaign
                + ",\"testMode\":false,\"clientReference\":\""
                + kb
                + "\",\"idempotencyKey\":\""
                + kb
                + "\"}]}");
    // the batch header key is an optimisation over the members' keys, in order
    assertThat(r.getHeaders().get("Idempotency-Key")).startsWith("cr1-b-").hasSize(54);
  }

  @Test
  void aSingleMessageCarriesTheSameKeyInItsBodyAndItsHeader() throws Exception {
    enqueue(
        201,
        "{\"id\":\"msg_1\",\"status\":\"queued\",\"segments\":1,\"encoding\":\"GSM-7\","
            + "\"testMode\":false,\"rejection\":null,\"replayed\":false}");

    client.sendMessage(
        SendMessageRequest.builder()
            .to("+447700900123")
            .customerId("C1")
            .body("Hello")
            .campaign(new CampaignReference("1234", 452, 5))
            .testMode(false)
            .idempotencyKey("cr1-0123456789abcdef0123456789abcdef")
            .build());

    RecordedRequest r = server.takeRequest();
    assertThat(r.getTarget()).isEqualTo("/messages");
    assertThat(r.getHeaders().get("Idempotency-Key"))
        .isEqualTo("cr1-0123456789abcdef0123456789abcdef");
    assertThat(r.getBody().utf8())
        .isEqualTo(
            "{\"to\":\"+447700900123\",\"customerId\":\"C1\",\"body\":\"Hello\",\"variables\":{},"
                + "\"campaign\":{\"optimoveCampaignId\":\"1234\",\"channelId\":452,"
                + "\"optimoveTemplateId\":5},\"testMode\":false,"
                + "\"idempotencyKey\":\"cr1-0123456789abcdef0123456789abcdef\"}");
  }

  @Test
  void aDerivedMessageKeyIsSentInTheBodyToo() throws Exception {
    enqueue(
        200, "{\"results\":[{\"clientReference\":\"r1\",\"id\":\"m1\",\"status\":\"queued\"}]}");
    client.sendBatch(
        List.of(
            SendMessageRequest.builder()
                .to("+447700900123")
                .customerId("C1")
                .body("Hello")
                .campaign(new CampaignReference("1234", 452, 5))
                .clientReference("r1")
                .build()));
    String body = server.takeRequest().getBody().utf8();
    assertThat(body)
        .matches(".*\"clientReference\":\"r1\",\"idempotencyKey\":\"cr1-m-[0-9a-f]{48}\"}]}$");
  }

  @Test
  void readsReplayedFromBatchRowsAndSingleAnswers() {
    enqueue(
        200,
        "{\"results\":[{\"clientReference\":\"r1\",\"id\":\"m1\",\"status\":\"queued\","
            + "\"rejection\":null,\"replayed\":true},"
            + "{\"clientReference\":\"r2\",\"id\":\"m2\",\"status\":\"queued\"}]}");
    var result =
        client.sendBatch(
            List.of(
                SendMessageRequest.builder()
                    .to("+447700900001")
                    .body("a")
                    .clientReference("r1")
                    .build(),
                SendMessageRequest.builder()
                    .to("+447700900002")
                    .body("b")
                    .clientReference("r2")
                    .build()));
    assertThat(result.results())
        .extracting(io.campaignrelay.delivyr.models.BatchItemResult::replayed)
        .containsExactly(true, false);
    enqueue(201, "{\"id\":\"m1\",\"status\":\"queued\",\"testMode\":false,\"replayed\":true}");
    assertThat(
            client
                .sendMessage(SendMessageRequest.builder().to("+447700900001").body("a").build())
                .replayed())
        .isTrue();
  }

  @Test
  void twoMessagesWithOneKeyInABatchAreRefusedBeforeAnyCall() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                client.sendBatch(
                    List.of(
                        SendMessageRequest.builder()
                            .to("+447700900001")
                            .body("a")
                            .idempotencyKey("same")
                            .clientReference("r1")
                            .build(),
                        SendMessageRequest.builder()
                            .to("+447700900002")
                            .body("b")
                            .idempotencyKey("same")
                            .clientReference("r2")
                            .build())))
        .isInstanceOf(io.campaignrelay.core.ConfigurationException.class)
        .hasMessageContaining("idempotencyKey");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void theMessageLogIsFilteredByCampaignAndIdempotencyKey() throws Exception {
    enqueue(
        200,
        "{\"data\":[{\"id\":\"m1\",\"to\":\"+447700900001\",\"status\":\"rejected\","
            + "\"testMode\":false,\"clicks\":0,\"idempotencyKey\":\"cr1-abc\","
            + "\"rejection\":{\"reason\":\"opted_out\",\"detail\":\"STOP\"}}],"
            + "\"nextCursor\":null}");
    var entries =
        client
            .listMessages(
                io.campaignrelay.delivyr.models.MessageListOptions.forMessage("1234", "cr1-abc"))
            .stream()
            .toList();
    assertThat(server.takeRequest().getTarget())
        .isEqualTo("/messages?campaignId=1234&idempotencyKey=cr1-abc");
    assertThat(entries)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.idempotencyKey()).isEqualTo("cr1-abc");
              assertThat(e.rejection().reason())
                  .isEqualTo(io.campaignrelay.delivyr.models.RejectionReason.OPTED_OUT);
            });
  }

  @Test
  void sendAllCountsMessagesTheAnswerLeftOutAsUnknown() {
    enqueue(
        200,
        "{\"results\":[{\"clientReference\":\"r1\",\"id\":\"m1\",\"status\":\"queued\"},"
            + "{\"clientReference\":\"r1\",\"id\":\"m1\",\"status\":\"queued\"},"
            + "{\"clientReference\":\"stranger\",\"id\":\"m9\",\"status\":\"queued\"}]}");
    List<io.campaignrelay.delivyr.models.BatchItemResult> seen = new java.util.ArrayList<>();
    var summary =
        client.sendAll(
            java.util.stream.Stream.of(
                SendMessageRequest.builder()
                    .to("+447700900001")
                    .body("a")
                    .clientReference("r1")
                    .build(),
                SendMessageRequest.builder()
                    .to("+447700900002")
                    .body("b")
                    .clientReference("r2")
                    .build(),
                SendMessageRequest.builder().to("+447700900003").body("c").build()),
            seen::add);
    assertThat(summary.messages()).isEqualTo(3);
    assertThat(summary.accepted()).isEqualTo(1);
    assertThat(summary.rejected()).isZero();
    assertThat(summary.unknown()).isEqualTo(2);
    assertThat(seen)
        .extracting(io.campaignrelay.delivyr.models.BatchItemResult::id)
        .containsExactly("m1");
  }
}
