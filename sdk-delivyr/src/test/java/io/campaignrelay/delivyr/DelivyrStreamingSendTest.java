package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignrelay.delivyr.models.CampaignReference;
import io.campaignrelay.delivyr.models.RejectionReason;
import io.campaignrelay.delivyr.models.SendMessageRequest;
import io.campaignrelay.delivyr.models.SendSummary;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DelivyrStreamingSendTest {

  static final ObjectMapper JSON = new ObjectMapper();

  MockWebServer server;
  DelivyrClient client;
  final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  final List<String> keys = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            try {
              JsonNode messages = JSON.readTree(r.getBody().utf8()).get("messages");
              batchSizes.add(messages.size());
              keys.add(r.getHeaders().get("Idempotency-Key"));
              ObjectNode out = JSON.createObjectNode();
              ArrayNode results = out.putArray("results");
              for (JsonNode m : messages) {
                ObjectNode row = results.addObject();
                row.put("clientReference", m.get("clientReference").asText());
                if (m.get("customerId").asText().endsWith("7")) {
                  row.put("status", "rejected");
                  row.putObject("rejection").put("reason", "opted_out");
                } else {
                  row.put("id", "m-" + m.get("customerId").asText());
                  row.put("status", m.get("testMode").asBoolean() ? "logged" : "queued");
                }
              }
              return new MockResponse.Builder()
                  .code(200)
                  .addHeader("Content-Type", "application/json")
                  .body(JSON.writeValueAsString(out))
                  .build();
            } catch (IOException e) {
              return new MockResponse.Builder().code(500).build();
            }
          }
        });
    server.start();
    client = TestClients.delivyr(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void streamsACampaignInBatchesOf1000HoldingOneBatchAtATime() {
    CampaignReference campaign = new CampaignReference("1234", 452, 5);
    AtomicLong produced = new AtomicLong();
    AtomicLong consumed = new AtomicLong();
    AtomicLong maxInFlight = new AtomicLong();
    Stream<SendMessageRequest> source =
        IntStream.range(0, 2_500)
            .mapToObj(
                i -> {
                  long inFlight = produced.incrementAndGet() - consumed.get();
                  maxInFlight.accumulateAndGet(inFlight, Math::max);
                  return SendMessageRequest.builder()
                      .to("+4477009" + String.format("%05d", i))
                      .customerId("C" + i)
                      .body("Hello")
                      .campaign(campaign)
                      .build();
                });
    SendSummary summary = client.sendAll(source, r -> consumed.incrementAndGet());

    assertThat(batchSizes).containsExactly(1000, 1000, 500);
    assertThat(summary.messages()).isEqualTo(2_500);
    assertThat(summary.batches()).isEqualTo(3);
    assertThat(summary.rejected()).isEqualTo(250);
    assertThat(summary.accepted()).isEqualTo(2_250);
    assertThat(summary.rejectedByReason()).containsEntry(RejectionReason.OPTED_OUT, 250L);
    assertThat(consumed.get()).isEqualTo(2_500);
    assertThat(maxInFlight.get()).isLessThanOrEqualTo(1_000);
    assertThat(keys).doesNotHaveDuplicates().allSatisfy(k -> assertThat(k).startsWith("cr1-b-"));
  }

  @Test
  void theSameCampaignStreamedAgainCarriesTheSameBatchKeys() {
    CampaignReference campaign = new CampaignReference("1234", 452, 5);
    for (int run = 0; run < 2; run++) {
      client.sendAll(
          IntStream.range(0, 1_200)
              .mapToObj(
                  i ->
                      SendMessageRequest.builder()
                          .to("+4477009" + String.format("%05d", i))
                          .customerId("C" + i)
                          .body("Hello")
                          .campaign(campaign)
                          .build()),
          r -> {});
    }
    assertThat(keys).hasSize(4);
    assertThat(keys.subList(2, 4)).isEqualTo(keys.subList(0, 2));
  }

  @Test
  void anEmptySourceMakesNoCall() {
    SendSummary summary = client.sendAll(Stream.empty(), r -> {});
    assertThat(summary.messages()).isZero();
    assertThat(summary.batches()).isZero();
    assertThat(server.getRequestCount()).isZero();
  }
}
