package io.campaignrelay.textlocal;

import static io.campaignrelay.textlocal.TextLocalServer.API_KEY;
import static io.campaignrelay.textlocal.TextLocalServer.CLOCK;
import static io.campaignrelay.textlocal.TextLocalServer.NOW;
import static io.campaignrelay.textlocal.TextLocalServer.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.CampaignExecutionException;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.execution.ExecutionReport;
import io.campaignrelay.core.execution.InMemoryExecutionJournal;
import io.campaignrelay.core.execution.JournalEntry;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.execution.RecipientState;
import io.campaignrelay.core.messagelog.InMemoryMessageLog;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.core.template.ApprovalState;
import io.campaignrelay.core.template.Template;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TextLocalMessageChannel}: the bulk_json contract and runs through core's engine. */
class MessageChannelTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TextLocalServer tl;
  private TextLocalClient client;
  private TextLocalMessageChannel channel;

  @BeforeEach
  void start() throws Exception {
    tl = new TextLocalServer();
    client = tl.client();
    channel = TextLocalMessageChannel.builder().client(client).sender("Shop").build();
  }

  @AfterEach
  void stop() throws Exception {
    tl.close();
  }

  private static Campaign campaign(long id, Instant sendTime) {
    return Campaign.builder()
        .kind(CampaignKind.SCHEDULED)
        .id(CampaignId.scheduled(id))
        .channel(ChannelId.SCHEDULED_SMS)
        .templateId(TemplateId.of("123"))
        .sendTime(sendTime)
        .build();
  }

  private static OutboundMessage message(Campaign c, String customer, String e164, String text) {
    return OutboundMessage.of(
        c, CustomerId.of(customer), PhoneNumber.ofE164(e164), TemplateId.of("123"), text);
  }

  private static Template template(String body) {
    return Template.builder()
        .id(TemplateId.of("123"))
        .name("Offer")
        .body(body)
        .approvalState(ApprovalState.APPROVED)
        .build();
  }

  private static Recipient recipient(int i) {
    return Recipient.of(
        CustomerId.of("C" + i),
        CustomerAttributes.builder()
            .add("PHONE", "+4477" + String.format("%08d", i))
            .add("FIRST_NAME", "N" + i)
            .build());
  }

  private static String accepted(String batchId, OutboundMessage m, String id) {
    return "{\"batch_id\":"
        + batchId
        + ",\"num_parts\":1,\"unique_id\":\""
        + m.idempotencyKey().value()
        + "\",\"messages\":[{\"id\":\""
        + id
        + "\",\"recipient\":"
        + m.to().digits()
        + "}]}";
  }

  @Test
  void capabilities() {
    assertThat(channel.name()).isEqualTo("textlocal");
    assertThat(channel.maxBatchSize()).isEqualTo(500);
    assertThat(channel.deduplicatesByIdempotencyKey()).isFalse();
    assertThat(channel.sender()).contains("Shop");
    assertThat(channel.toString()).doesNotContain(API_KEY).contains("Shop");
    assertThat(channel.toBuilder().sender(null).build().sender()).isEmpty();
  }

  @Test
  void builderListsEveryProblem() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> TextLocalMessageChannel.builder().sender("MuchTooLongSender").build());
    assertThat(e.problems()).extracting(p -> p.field()).containsExactly("client", "sender");
  }

  @Test
  void batchGoesOutAsOneBulkJsonCallWithExactFields() throws Exception {
    Instant sendAt = NOW.plusSeconds(3_600);
    Campaign c = campaign(501, sendAt);
    OutboundMessage ann = message(c, "C1", "+447700000001", "Hi Ann & co, 20% off");
    OutboundMessage bob = message(c, "C2", "+447700000002", "Hi Bob");
    OutboundMessage bad = message(c, "C3", "+447700000003", "Hi Cy");
    tl.enqueue(
        "{\"test_mode\":false,\"batch_id\":777,\"total_cost\":2,\"balance_post_send\":98,"
            + "\"messages\":["
            + accepted("777", ann, "m-1")
            + ","
            + accepted("777", bob, "m-2")
            + "],\"messages_not_sent\":[{\"unique_id\":\""
            + bad.idempotencyKey().value()
            + "\",\"number\":\"447700000003\",\"message\":\"Hi Cy\","
            + "\"error\":{\"code\":32,\"message\":\"Invalid number format.\"}}],"
            + "\"status\":\"success\"}");

    List<DispatchResult> results = channel.dispatch(List.of(ann, bob, bad));

    RecordedRequest r = tl.take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo("/bulk_json/");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
    Map<String, String> f = form(r);
    assertThat(f).containsOnlyKeys("apikey", "data").containsEntry("apikey", API_KEY);
    JsonNode data = JSON.readTree(f.get("data"));
    assertThat(data.path("sender").asText()).isEqualTo("Shop");
    assertThat(data.path("custom").asText()).isEqualTo("optimove-campaign-501");
    assertThat(data.path("scheduled").asLong()).isEqualTo(sendAt.getEpochSecond());
    assertThat(data.has("test")).isFalse();
    assertThat(data.has("unicode")).isFalse();
    JsonNode messages = data.path("messages");
    assertThat(messages.size()).isEqualTo(3);
    assertThat(messages.get(0).path("number").asText()).isEqualTo("447700000001");
    assertThat(messages.get(0).path("text").asText()).isEqualTo("Hi Ann & co, 20% off");
    assertThat(messages.get(0).path("unique_id").asText()).isEqualTo(ann.idempotencyKey().value());
    assertThat(messages.get(2).path("number").asText()).isEqualTo("447700000003");

    assertThat(results)
        .containsExactlyInAnyOrder(
            DispatchResult.accepted(ann.idempotencyKey(), "m-1", "777"),
            DispatchResult.accepted(bob.idempotencyKey(), "m-2", "777"),
            DispatchResult.rejected(
                bad.idempotencyKey(),
                RejectionReason.INVALID_PHONE_FORMAT,
                "TextLocal error 32: Invalid number format."));
    assertThat(tl.requestCount()).isEqualTo(1);
  }

  @Test
  void answersWithoutUniqueIdsAreMatchedByNumber() throws Exception {
    Campaign c = campaign(502, NOW.minusSeconds(60));
    OutboundMessage a = message(c, "C1", "+447700000001", "A");
    OutboundMessage b = message(c, "C2", "+447700000002", "B");
    OutboundMessage d = message(c, "C3", "+447700000003", "D");
    OutboundMessage e = message(c, "C4", "+447700000004", "E");
    tl.enqueue(
        """
        {"messages":[{"batch_id":9,"num_messages":2,
                      "messages":[{"id":11,"recipient":447700000002},
                                  {"id":10,"recipient":447700000001}]}],
         "messages_not_sent":[{"number":"447700000003","message":"D",
                               "error":{"code":80,"message":"Number is on the opt-out list"}}],
         "status":"success"}
        """);

    List<DispatchResult> results = channel.dispatch(List.of(a, b, d, e));

    JsonNode data = JSON.readTree(form(tl.take()).get("data"));
    assertThat(data.has("scheduled")).isFalse(); // the send time has passed: send now
    assertThat(results)
        .containsExactlyInAnyOrder(
            DispatchResult.accepted(a.idempotencyKey(), "10", "9"),
            DispatchResult.accepted(b.idempotencyKey(), "11", "9"),
            DispatchResult.rejected(
                d.idempotencyKey(),
                RejectionReason.OPTED_OUT,
                "TextLocal error 80: Number is on the opt-out list"));
    // e is mentioned nowhere in the answer: no result, so the engine keeps it PENDING (uncertain)
    assertThat(results)
        .extracting(DispatchResult::idempotencyKey)
        .doesNotContain(e.idempotencyKey());
  }

  @Test
  void sameNumberTwiceIsMatchedOncePerMessage() {
    Campaign c = campaign(503, NOW.minusSeconds(60));
    OutboundMessage a = message(c, "C1", "+447700000001", "for C1");
    OutboundMessage b = message(c, "C2", "+447700000001", "for C2");
    tl.enqueue(
        """
        {"messages":[{"batch_id":9,"messages":[{"id":1,"recipient":447700000001},
                                               {"id":2,"recipient":447700000001}]}],
         "status":"success"}
        """);
    assertThat(channel.dispatch(List.of(a, b)))
        .containsExactlyInAnyOrder(
            DispatchResult.accepted(a.idempotencyKey(), "1", "9"),
            DispatchResult.accepted(b.idempotencyKey(), "2", "9"));
  }

  @Test
  void tooLongTextIsRejectedLocallyAndTheRestIsSent() throws Exception {
    Campaign c = campaign(504, NOW.minusSeconds(60));
    OutboundMessage ok = message(c, "C1", "+447700000001", "short");
    OutboundMessage tooLong = message(c, "C2", "+447700000002", "x".repeat(766));
    tl.enqueue("{\"messages\":[" + accepted("5", ok, "m-5") + "],\"status\":\"success\"}");

    List<DispatchResult> results = channel.dispatch(List.of(ok, tooLong));

    assertThat(JSON.readTree(form(tl.take()).get("data")).path("messages").size()).isEqualTo(1);
    DispatchResult rejected =
        results.stream().filter(d -> !d.isAccepted()).findFirst().orElseThrow();
    assertThat(rejected.idempotencyKey()).isEqualTo(tooLong.idempotencyKey());
    assertThat(rejected.rejectionReason()).contains(RejectionReason.OTHER);
    assertThat(rejected.detail().orElseThrow()).contains("766 GSM characters", "765");
    assertThat(results).contains(DispatchResult.accepted(ok.idempotencyKey(), "m-5", "5"));

    // nothing sendable: no call at all
    assertThat(channel.dispatch(List.of(tooLong))).hasSize(1);
    assertThat(tl.requestCount()).isEqualTo(1);
  }

  @Test
  void failureEnvelopeFailsTheWholeBatch() {
    Campaign c = campaign(505, NOW.minusSeconds(60));
    tl.enqueue(
        "{\"errors\":[{\"code\":7,\"message\":\"Insufficient credits.\"}],\"status\":\"failure\"}");
    TextLocalApiException e =
        catchThrowableOfType(
            TextLocalApiException.class,
            () -> channel.dispatch(List.of(message(c, "C1", "+447700000001", "x"))));
    assertThat(e.errorCode().code()).isEqualTo(7);
  }

  @Test
  void clientTestModeMakesEverySendATextLocalTestSend() throws Exception {
    TextLocalClient testClient =
        TextLocalClient.builder()
            .clientOptions(tl.options())
            .credential(TextLocalCredential.apiKey(API_KEY))
            .testMode(true)
            .buildClient();
    tl.enqueue("{\"test_mode\":true,\"messages\":[],\"status\":\"success\"}");
    Campaign c = campaign(506, NOW.minusSeconds(60));
    TextLocalMessageChannel.create(testClient)
        .dispatch(List.of(message(c, "C1", "+447700000001", "x")));
    JsonNode data = JSON.readTree(form(tl.take()).get("data"));
    assertThat(data.path("test").asBoolean()).isTrue();
    assertThat(data.has("sender")).isFalse();
  }

  @Test
  void engineLiveSendsThroughBulkJsonInBatchesOf500() throws Exception {
    Instant sendAt = NOW.plusSeconds(600);
    Campaign c = campaign(600, sendAt);
    tl.enqueueAcceptAll("71");
    tl.enqueueAcceptAll("72");
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    InMemoryMessageLog log = new InMemoryMessageLog();
    CampaignExecutor executor =
        CampaignExecutor.builder()
            .targetSource(camp -> IntStream.range(0, 601).mapToObj(MessageChannelTest::recipient))
            .channel(channel)
            .journal(journal)
            .messageLog(log)
            .clock(CLOCK)
            .build();

    ExecutionReport report = executor.execute(c, template("Hi [%FIRST_NAME%]"), ExecutionMode.LIVE);

    assertThat(tl.requestCount()).isEqualTo(2);
    // The two calls were in flight together and may have reached TextLocal in either order.
    JsonNode a = JSON.readTree(form(tl.take()).get("data"));
    JsonNode b = JSON.readTree(form(tl.take()).get("data"));
    JsonNode first = a.path("messages").size() == 500 ? a : b;
    JsonNode second = first == a ? b : a;
    assertThat(first.path("messages").size()).isEqualTo(500);
    assertThat(second.path("messages").size()).isEqualTo(101);
    assertThat(first.path("messages").get(3).path("text").asText()).isEqualTo("Hi N3");
    assertThat(first.path("custom").asText()).isEqualTo("optimove-campaign-600");
    assertThat(second.path("scheduled").asLong()).isEqualTo(sendAt.getEpochSecond());
    assertThat(report.mode()).isEqualTo(ExecutionMode.LIVE);
    assertThat(report.channel()).isEqualTo("textlocal");
    assertThat(report.dispatched()).isEqualTo(601);
    assertThat(report.batchIds()).containsExactlyInAnyOrder("71", "72");
    assertThat(log.size()).isZero();
    assertThat(journal.entry(c.id(), CustomerId.of("C0")).orElseThrow().state())
        .isEqualTo(RecipientState.DISPATCHED);
  }

  @Test
  void engineTestModeMakesNoRequestAtAll() {
    Campaign c = campaign(601, NOW.plusSeconds(600));
    InMemoryMessageLog log = new InMemoryMessageLog();
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    ExecutionReport report =
        CampaignExecutor.builder()
            .targetSource(camp -> IntStream.range(0, 700).mapToObj(MessageChannelTest::recipient))
            .channel(channel)
            .journal(journal)
            .messageLog(log)
            .clock(CLOCK)
            .build()
            .execute(c, template("Hi [%FIRST_NAME%]"), ExecutionMode.TEST);

    assertThat(tl.requestCount()).isZero();
    assertThat(report.logged()).isEqualTo(700);
    assertThat(report.dispatched()).isZero();
    assertThat(log.size()).isEqualTo(700);
    assertThat(log.all().get(5).text()).contains("Hi N5");
    assertThat(journal.size()).isZero();
  }

  @Test
  void aBatchTextLocalRefusedIsSentOnTheRerunAndNothingIsSentTwice() throws Exception {
    Campaign c = campaign(602, NOW.minusSeconds(60));
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    List<JournalEntry> uncertain = new ArrayList<>();
    CampaignExecutor executor =
        CampaignExecutor.builder()
            .targetSource(camp -> IntStream.range(0, 4).mapToObj(MessageChannelTest::recipient))
            .channel(channel)
            .journal(journal)
            .batchSize(2)
            .clock(CLOCK)
            .listener(
                new ExecutionListener() {
                  @Override
                  public void onUncertain(JournalEntry entry) {
                    uncertain.add(entry);
                  }
                })
            .build();
    tl.enqueueAcceptAll("1");
    tl.enqueue(
        "{\"errors\":[{\"code\":7,\"message\":\"Insufficient credits.\"}],\"status\":\"failure\"}");
    assertThatThrownBy(() -> executor.execute(c, template("Hi"), ExecutionMode.LIVE))
        .isInstanceOf(CampaignExecutionException.class)
        .hasMessageContaining("textlocal");
    tl.take();
    tl.take();

    tl.enqueueAcceptAll("2");
    ExecutionReport resumed = executor.execute(c, template("Hi"), ExecutionMode.LIVE);

    // Code 7 is a documented refusal (nothing of that batch was sent): the re-run sends it, once.
    assertThat(resumed.skipped()).isEqualTo(2);
    assertThat(resumed.uncertain()).isZero();
    assertThat(resumed.dispatched()).isEqualTo(2);
    assertThat(uncertain).isEmpty();
    assertThat(resumed.batchIds()).containsExactly("2");
    assertThat(tl.requestCount()).isEqualTo(3); // the refused batch was sent once more
  }
}
