package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.IdempotencyKey;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.metrics.DeliveryOutcome;
import io.campaignrelay.core.metrics.EngagementMetric;
import io.campaignrelay.core.metrics.RejectionReason;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DelivyrMessageChannelTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Campaign CAMPAIGN =
      Campaign.builder()
          .kind(CampaignKind.SCHEDULED)
          .id(CampaignId.scheduled(1234))
          .channel(ChannelId.SCHEDULED_SMS)
          .templateId(TemplateId.of("HDS7F3Y2"))
          .sendTime(Instant.parse("2026-11-23T10:00:00Z"))
          .build();

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

  static OutboundMessage message(String customer, String phone) {
    return OutboundMessage.of(
        CAMPAIGN,
        CustomerId.of(customer),
        PhoneNumber.ofE164(phone),
        TemplateId.of("HDS7F3Y2"),
        "Hi " + customer + ", 20% off today");
  }

  static String ref(String customer) {
    return IdempotencyKey.derive(CAMPAIGN.id(), CustomerId.of(customer)).value();
  }

  void enqueueResults(String json) {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(json)
            .build());
  }

  @Test
  void describesItselfForTheEngine() {
    DelivyrMessageChannel channel = DelivyrMessageChannel.create(client);
    assertThat(channel.name()).isEqualTo("delivyr");
    assertThat(channel.maxBatchSize()).isEqualTo(1000);
    assertThat(channel.deduplicatesByIdempotencyKey()).isTrue();
    assertThat(channel.mode()).isEqualTo(ExecutionMode.TEST);
    assertThat(channel.toString()).doesNotContain("dlv-SECRET");
  }

  @Test
  void liveModeSendsOneBatchAndMapsRejectionsToDroppedWithTheirReason() throws Exception {
    enqueueResults(
        "{\"results\":["
            + "{\"clientReference\":\""
            + ref("C1")
            + "\",\"id\":\"m1\",\"status\":\"queued\"},"
            + "{\"clientReference\":\""
            + ref("C2")
            + "\",\"id\":null,\"status\":\"rejected\","
            + "\"rejection\":{\"reason\":\"opted_out\",\"detail\":\"texted STOP\"}},"
            + "{\"clientReference\":\""
            + ref("C3")
            + "\",\"status\":\"rejected\","
            + "\"rejection\":{\"reason\":\"cannot_receive_sms\"}},"
            + "{\"clientReference\":\""
            + ref("C4")
            + "\",\"status\":\"rejected\","
            + "\"rejection\":{\"reason\":\"invalid_phone_format\"}}]}");
    DelivyrMessageChannel channel = DelivyrMessageChannel.create(client, ExecutionMode.LIVE);
    List<DispatchResult> results =
        channel.dispatch(
            List.of(
                message("C1", "+447700900001"),
                message("C2", "+447700900002"),
                message("C3", "+447700900003"),
                message("C4", "+447700900004")));

    assertThat(results).hasSize(4);
    assertThat(results.get(0).isAccepted()).isTrue();
    assertThat(results.get(0).vendorMessageId()).contains("m1");
    assertThat(results.get(1).rejectionReason()).contains(RejectionReason.OPTED_OUT);
    assertThat(results.get(1).detail())
        .hasValueSatisfying(d -> assertThat(d).contains("texted STOP"));
    assertThat(results.get(2).rejectionReason()).contains(RejectionReason.CANNOT_RECEIVE_SMS);
    assertThat(results.get(3).rejectionReason()).contains(RejectionReason.INVALID_PHONE_FORMAT);
    for (DispatchResult r : results.subList(1, 4)) {
      DeliveryOutcome outcome = DeliveryOutcome.rejected(r.rejectionReason().orElseThrow());
      assertThat(DelivyrMetrics.metricOf(outcome)).contains(EngagementMetric.DROPPED);
    }

    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/messages/batch");
    assertThat(request.getHeaders().get("Idempotency-Key")).startsWith("cr1-b-");
    JsonNode messages = JSON.readTree(request.getBody().utf8()).get("messages");
    assertThat(messages).hasSize(4);
    JsonNode first = messages.get(0);
    assertThat(first.get("to").asText()).isEqualTo("+447700900001");
    assertThat(first.get("customerId").asText()).isEqualTo("C1");
    assertThat(first.get("body").asText()).isEqualTo("Hi C1, 20% off today");
    assertThat(first.get("testMode").asBoolean()).isFalse();
    assertThat(first.get("clientReference").asText()).isEqualTo(ref("C1"));
    assertThat(first.get("campaign").get("optimoveCampaignId").asText()).isEqualTo("1234");
    assertThat(first.get("campaign").get("channelId").asInt()).isEqualTo(452);
    assertThat(first.get("campaign").get("optimoveTemplateId").asLong())
        .isEqualTo(TemplateIdMapping.toOptimoveTemplateId("HDS7F3Y2"));
  }

  @Test
  void testModeOnlyLogsAndTheSameBatchAlwaysCarriesTheSameKey() throws Exception {
    String logged =
        "{\"results\":[{\"clientReference\":\""
            + ref("C1")
            + "\",\"id\":\"m1\",\"status\":\"logged\"}]}";
    enqueueResults(logged);
    enqueueResults(logged);
    DelivyrMessageChannel channel = DelivyrMessageChannel.create(client);
    assertThat(channel.dispatch(List.of(message("C1", "+447700900001"))).get(0).isAccepted())
        .isTrue();
    channel.dispatch(List.of(message("C1", "+447700900001")));
    RecordedRequest a = server.takeRequest();
    RecordedRequest b = server.takeRequest();
    assertThat(JSON.readTree(a.getBody().utf8()).get("messages").get(0).get("testMode").asBoolean())
        .isTrue();
    assertThat(a.getHeaders().get("Idempotency-Key"))
        .isEqualTo(b.getHeaders().get("Idempotency-Key"));
    assertThat(
            DelivyrMessageChannel.isLoggedOnly(
                io.campaignrelay.delivyr.models.MessageStatus.LOGGED))
        .isTrue();
  }

  @Test
  void aMessageTheAnswerLeavesOutIsLeftOutOfTheResultsSoTheEngineKeepsItPending() {
    enqueueResults(
        "{\"results\":[{\"clientReference\":\""
            + ref("C1")
            + "\",\"id\":\"m1\",\"status\":\"queued\"}]}");
    DelivyrMessageChannel channel = DelivyrMessageChannel.create(client, ExecutionMode.LIVE);
    List<DispatchResult> results =
        channel.dispatch(List.of(message("C1", "+447700900001"), message("C2", "+447700900002")));
    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.idempotencyKey().value()).isEqualTo(ref("C1"));
              assertThat(r.isAccepted()).isTrue();
            });
  }

  @Test
  void emptyBatchesMakeNoCall() {
    assertThat(DelivyrMessageChannel.create(client).dispatch(List.of())).isEmpty();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void templateIdsBecomeOptimoveTemplateIds() {
    assertThat(DelivyrMessageChannel.optimoveTemplateId(TemplateId.of("2698724035425")))
        .isEqualTo(2_698_724_035_425L);
    assertThat(DelivyrMessageChannel.optimoveTemplateId(TemplateId.of("YFRYM0RL")))
        .isEqualTo(2_698_724_035_425L);
    assertThatThrownBy(() -> DelivyrMessageChannel.optimoveTemplateId(TemplateId.of("promo-1")))
        .isInstanceOf(ConfigurationException.class);
  }
}
