package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.http.spi.HttpPipeline;
import io.campaignrelay.delivyr.implementation.BatchBody;
import io.campaignrelay.delivyr.implementation.Wire;
import io.campaignrelay.delivyr.models.CampaignReference;
import io.campaignrelay.delivyr.models.SendMessageRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The batch body is streamed with a {@code JsonGenerator}; it must be byte for byte what Jackson
 * data-binding of {@link Wire.Batch} wrote before (same order, nulls left out, same escaping).
 */
class BatchBodyTest {

  static final ObjectMapper MAPPER = HttpPipeline.defaultObjectMapper();

  static List<SendMessageRequest> mixedMessages() {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("FIRST_NAME", "Zoë \"Z\" <b>&</b>");
    variables.put("EMPTY", "");
    CampaignReference scheduled = new CampaignReference("1234", 452, 7);
    CampaignReference triggered = new CampaignReference("2.38", 250, 9);
    return List.of(
        SendMessageRequest.builder()
            .to("+447700900001")
            .customerId("C1")
            .templateId("HDS7F3Y2")
            .variables(variables)
            .campaign(scheduled)
            .clientReference("r1")
            .build(),
        SendMessageRequest.builder()
            .to("+447700900002")
            .body("Line 1\nLine 2\t\u0001 \uD83D\uDE00 zażółć \\ / end")
            .testMode(false)
            .idempotencyKey("k2")
            .build(),
        SendMessageRequest.builder()
            .to("+447700900003")
            .customerId("C3")
            .body("triggered")
            .campaign(triggered)
            .clientReference("r3")
            .build(),
        SendMessageRequest.builder()
            .to("+447700900004")
            .customerId("C4")
            .body("equal reference, other instance")
            .campaign(new CampaignReference("1234", 452, 7))
            .clientReference("r4")
            .build(),
        SendMessageRequest.builder()
            .to("+447700900005")
            .customerId("C5")
            .body("the triggered reference again")
            .campaign(triggered)
            .clientReference("r5")
            .build());
  }

  /** What the client sent before: each request copied into a record and data-bound. */
  static byte[] dataBound(
      List<SendMessageRequest> messages, List<String> references, List<String> keys)
      throws IOException {
    return dataBound(MAPPER, messages, references, keys);
  }

  static byte[] dataBound(
      ObjectMapper mapper,
      List<SendMessageRequest> messages,
      List<String> references,
      List<String> keys)
      throws IOException {
    List<Wire.Message> wire = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      SendMessageRequest m = messages.get(i);
      Wire.Campaign campaign =
          m.campaign()
              .map(
                  c ->
                      new Wire.Campaign(
                          c.optimoveCampaignId(), c.channelId(), c.optimoveTemplateId()))
              .orElse(null);
      wire.add(
          new Wire.Message(
              m.to(),
              m.customerId().orElse(null),
              m.templateId().orElse(null),
              m.body().orElse(null),
              m.variables(),
              campaign,
              m.testMode(),
              references.get(i),
              keys.get(i)));
    }
    return mapper.writeValueAsBytes(new Wire.Batch(wire));
  }

  static byte[] streamed(
      List<SendMessageRequest> messages, List<String> references, List<String> keys)
      throws IOException {
    return streamed(MAPPER, messages, references, keys);
  }

  static byte[] streamed(
      ObjectMapper mapper,
      List<SendMessageRequest> messages,
      List<String> references,
      List<String> keys)
      throws IOException {
    Buffer sink = new Buffer();
    okhttp3.RequestBody body = BatchBody.write(mapper.getFactory(), messages, references, keys);
    body.writeTo(sink);
    assertThat(sink.size()).isEqualTo(body.contentLength());
    return sink.readByteArray();
  }

  @Test
  void aMapperThatEscapesOtherwiseGetsItsOwnBytes() throws IOException {
    List<SendMessageRequest> messages = mixedMessages();
    List<String> references = List.of("r1", "k2", "r3", "r4", "r5");
    List<String> keys = List.of("cr1-m-1", "k2", "cr1-m-3", "cr1-\"4\"", "cr1-m-5");
    for (com.fasterxml.jackson.core.json.JsonWriteFeature f :
        new com.fasterxml.jackson.core.json.JsonWriteFeature[] {
          com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII,
          com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_FORWARD_SLASHES,
          com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8
        }) {
      ObjectMapper other =
          MAPPER.copyWith(com.fasterxml.jackson.core.JsonFactory.builder().enable(f).build());
      byte[] expected = dataBound(other, messages, references, keys);
      assertThat(expected).as(f.name()).isNotEqualTo(dataBound(messages, references, keys));
      assertThat(streamed(other, messages, references, keys)).as(f.name()).isEqualTo(expected);
    }
  }

  @Test
  void aFullBatchOfOrdinaryAndOddTextsIsByteForByteTheDataBoundOne() throws IOException {
    List<SendMessageRequest> messages = new ArrayList<>();
    List<String> references = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    CampaignReference[] campaigns = {
      new CampaignReference("1234", 452, 7), new CampaignReference("2.38", 1, 2)
    };
    for (int i = 0; i < 1000; i++) {
      SendMessageRequest.Builder b =
          SendMessageRequest.builder()
              .to("+4477" + (10_000_000 + i))
              .customerId(i % 7 == 0 ? "Zoë-" + i : "C" + i)
              .testMode(i % 2 == 0);
      if (i % 5 == 0) {
        b.templateId("HDS7F3Y2")
            .variable("NAME", "Zoë \"" + i + "\" \uD83D\uDE00")
            .variable("E", "");
      } else {
        b.body(
            i % 3 == 0
                ? "Hi \u0001\t\\ / \uD83D " + "long text ".repeat(i % 40) + i
                : "Hi C" + i + ", your offer is live: 20% off");
      }
      if (i % 11 != 0) {
        b.campaign(campaigns[(i / 100) % 2]);
      }
      messages.add(b.build());
      references.add("cr1-" + i);
      keys.add("cr1-" + i);
    }
    assertThat(streamed(messages, references, keys))
        .isEqualTo(dataBound(messages, references, keys));
    // a plain-ASCII batch
    List<SendMessageRequest> plain = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      plain.add(
          SendMessageRequest.builder()
              .to("+4477" + (10_000_000 + i))
              .customerId("C" + i)
              .body("Hi C" + i)
              .campaign(campaigns[0])
              .build());
    }
    okhttp3.RequestBody body = BatchBody.write(MAPPER.getFactory(), plain, keys, keys);
    assertThat(body.contentLength()).isEqualTo(dataBound(plain, keys, keys).length);
    assertThat(streamed(plain, keys, keys)).isEqualTo(dataBound(plain, keys, keys));
  }

  @Test
  void streamedBodyIsByteForByteTheDataBoundOne() throws IOException {
    List<SendMessageRequest> messages = mixedMessages();
    List<String> references = List.of("r1", "k2", "r3", "r4", "r5");
    List<String> keys = List.of("cr1-m-1", "k2", "cr1-m-3", "cr1-\"4\"", "cr1-m-5");

    byte[] expected = dataBound(messages, references, keys);

    assertThat(
            new String(
                streamed(messages, references, keys), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(new String(expected, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(streamed(messages, references, keys)).isEqualTo(expected);
    assertThat(new String(expected, java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"clientReference\":\"k2\",\"idempotencyKey\":\"k2\"}");
    assertThat(BatchBody.write(MAPPER.getFactory(), messages, references, keys).contentType())
        .hasToString("application/json; charset=UTF-8");
  }

  @Test
  void clientSendsTheStreamedBodyWithTheJsonContentType() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .addHeader("Content-Type", "application/json")
              .body(
                  "{\"results\":[{\"clientReference\":\"r1\",\"id\":\"m1\",\"status\":\"queued\"}]}")
              .build());
      List<SendMessageRequest> one = mixedMessages().subList(0, 1);

      TestClients.delivyr(server).sendBatch(one);

      RecordedRequest r = server.takeRequest();
      assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=UTF-8");
      assertThat(r.getBody().toByteArray())
          .isEqualTo(
              dataBound(
                  one,
                  List.of("r1"),
                  List.of(
                      io.campaignrelay.delivyr.implementation.IdempotencyKeys.forMessage(
                          one.get(0)))));
    }
  }

  @Test
  void channelReusesTheReferenceOnlyWhileCampaignAndTemplateStayTheSame() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      List<OutboundMessage> batch =
          List.of(
              message("C1", "+447700900001", "HDS7F3Y2"),
              message("C2", "+447700900002", "HDS7F3Y2"),
              message("C3", "+447700900003", "42"),
              message("C4", "+447700900004", "HDS7F3Y2"));
      StringBuilder results = new StringBuilder("{\"results\":[");
      for (int i = 0; i < batch.size(); i++) {
        results
            .append(i == 0 ? "" : ",")
            .append("{\"clientReference\":\"")
            .append(batch.get(i).idempotencyKey().value())
            .append("\",\"id\":\"m")
            .append(i)
            .append("\",\"status\":\"queued\"}");
      }
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .addHeader("Content-Type", "application/json")
              .body(results.append("]}").toString())
              .build());

      DelivyrMessageChannel.create(TestClients.delivyr(server), ExecutionMode.LIVE).dispatch(batch);

      JsonNode messages = MAPPER.readTree(server.takeRequest().getBody().utf8()).get("messages");
      long delivyrTemplate = TemplateIdMapping.toOptimoveTemplateId("HDS7F3Y2");
      assertThat(messages)
          .extracting(m -> m.get("campaign").get("optimoveTemplateId").asLong())
          .containsExactly(delivyrTemplate, delivyrTemplate, 42L, delivyrTemplate);
      assertThat(messages)
          .extracting(m -> m.get("campaign").get("optimoveCampaignId").asText())
          .containsOnly("1234");
      assertThat(messages).extracting(m -> m.get("testMode").asBoolean()).containsOnly(false);
    }
  }

  private static OutboundMessage message(String customer, String phone, String template) {
    return OutboundMessage.of(
        DelivyrMessageChannelTest.CAMPAIGN,
        CustomerId.of(customer),
        PhoneNumber.ofE164(phone),
        TemplateId.of(template),
        "Hi " + customer);
  }
}
