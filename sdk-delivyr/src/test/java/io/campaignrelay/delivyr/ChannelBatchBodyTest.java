package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.delivyr.models.SendMessageRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The channel writes its batch body straight from the engine's messages; the request must be byte
 * for byte the one {@link DelivyrClient#sendBatch} sends for the same messages made requests by
 * {@link DelivyrMessageChannel#toRequest}: body, batch key, content type.
 */
class ChannelBatchBodyTest {

  static final Campaign SCHEDULED =
      Campaign.builder()
          .kind(CampaignKind.SCHEDULED)
          .id(CampaignId.scheduled(1234))
          .channel(ChannelId.SCHEDULED_SMS)
          .templateId(TemplateId.of("HDS7F3Y2"))
          .sendTime(Instant.parse("2026-11-23T10:00:00Z"))
          .build();
  static final Campaign TRIGGERED =
      Campaign.builder()
          .kind(CampaignKind.TRIGGERED)
          .id(CampaignId.triggered("2.38"))
          .channel(ChannelId.TRIGGERED_SMS)
          .templateId(TemplateId.of("77"))
          .sendTime(Instant.parse("2026-11-23T10:05:00Z"))
          .build();

  static final String[] TEXTS = {
    "Hi Ann, 20% off today",
    "Zoë \"Z\" <b>&</b> \\ / end",
    "Line 1\nLine 2\t\u0001\u001f \uD83D\uDE00 zażółć",
    "€ \u0800 \u07ff \u2028 \uffff",
    "lone \ud83d surrogate \ude00 too",
  };

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

  static List<OutboundMessage> batch(long seed, int n) {
    Random random = new Random(seed);
    List<OutboundMessage> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // mostly one campaign and template, with runs of another, as a window of the engine may hold
      boolean other = random.nextInt(10) == 0;
      Campaign c = other ? TRIGGERED : SCHEDULED;
      TemplateId t =
          other ? TemplateId.of("77") : TemplateId.of(random.nextInt(8) == 0 ? "HDS7F3Y3" : "12");
      batch.add(
          OutboundMessage.of(
              c,
              CustomerId.of("C-" + seed + "-" + i + (random.nextBoolean() ? "é" : "")),
              PhoneNumber.ofE164("+4477009" + String.format("%05d", i)),
              t,
              TEXTS[random.nextInt(TEXTS.length)] + " #" + i));
    }
    return batch;
  }

  void enqueueEmptyAnswer() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body("{\"results\":[]}")
            .build());
  }

  @Test
  void theChannelsBodyIsTheBodyOfTheSameMessagesAsRequests() throws Exception {
    for (ExecutionMode mode : ExecutionMode.values()) {
      for (int n : new int[] {1, 7, 1000}) {
        List<OutboundMessage> batch = batch(n * 31L + mode.ordinal(), n);
        enqueueEmptyAnswer();
        enqueueEmptyAnswer();
        DelivyrMessageChannel channel = DelivyrMessageChannel.create(client, mode);
        // an answer that lists nobody leaves every outcome unknown: the channel says so by failing
        assertThatThrownBy(() -> channel.dispatch(batch)).hasMessageContaining("unknown");
        List<SendMessageRequest> requests = new ArrayList<>();
        for (OutboundMessage m : batch) {
          requests.add(DelivyrMessageChannel.toRequest(m, mode));
        }
        client.sendBatch(requests);
        RecordedRequest fast = server.takeRequest();
        RecordedRequest reference = server.takeRequest();
        assertThat(fast.getBody().utf8()).isEqualTo(reference.getBody().utf8());
        assertThat(fast.getBody()).isEqualTo(reference.getBody());
        assertThat(fast.getHeaders().get("Idempotency-Key"))
            .isNotBlank()
            .isEqualTo(reference.getHeaders().get("Idempotency-Key"));
        assertThat(fast.getHeaders().get("Content-Type"))
            .isEqualTo(reference.getHeaders().get("Content-Type"));
        assertThat(fast.getTarget()).isEqualTo(reference.getTarget());
      }
    }
  }

  @Test
  void aKeyTwiceInOneBatchIsRefusedBeforeAnythingIsSent() {
    List<OutboundMessage> batch = new ArrayList<>(batch(5, 300));
    batch.add(batch.get(123));
    DelivyrMessageChannel channel = DelivyrMessageChannel.create(client, ExecutionMode.LIVE);
    assertThatThrownBy(() -> channel.dispatch(batch))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(batch.get(123).idempotencyKey().value())
        .hasMessageContaining("its own idempotency key");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void moreThanAThousandMessagesAreRefusedBeforeAnythingIsSent() {
    List<OutboundMessage> batch = batch(9, 1001);
    DelivyrMessageChannel channel = DelivyrMessageChannel.create(client, ExecutionMode.LIVE);
    assertThatThrownBy(() -> channel.dispatch(batch))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("1001 messages")
        .hasMessageContaining("send 1 to 1000 messages per batch");
    assertThat(server.getRequestCount()).isZero();
  }
}
