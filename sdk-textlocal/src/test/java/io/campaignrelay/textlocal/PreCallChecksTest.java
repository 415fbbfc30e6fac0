package io.campaignrelay.textlocal;

import static io.campaignrelay.textlocal.TextLocalServer.NOW;
import static io.campaignrelay.textlocal.TextLocalServer.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.textlocal.models.BulkMessage;
import io.campaignrelay.textlocal.models.BulkSendOptions;
import io.campaignrelay.textlocal.models.BulkSendResult;
import io.campaignrelay.textlocal.models.ContactsCreated;
import io.campaignrelay.textlocal.models.NewContact;
import io.campaignrelay.textlocal.models.SendRequest;
import io.campaignrelay.textlocal.models.SendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks made before any call, and chunking at 10,000 / 1,500 / 500. */
class PreCallChecksTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TextLocalServer tl;
  private TextLocalClient client;

  @BeforeEach
  void start() throws Exception {
    tl = new TextLocalServer();
    client = tl.client();
  }

  @AfterEach
  void stop() throws Exception {
    tl.close();
  }

  static List<PhoneNumber> numbers(int n) {
    List<PhoneNumber> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      // zero-padded to 8 digits without String.format, which dominated this helper's CPU time
      out.add(PhoneNumber.ofE164("+4477" + Integer.toString(100_000_000 + i).substring(1)));
    }
    return out;
  }

  private static SendRequest.Builder to(int n) {
    return SendRequest.builder().numbers(numbers(n)).message("Hi");
  }

  @Test
  void tenThousandNumbersIsOneCallAndOneMoreIsRejectedBeforeAnyCall() {
    tl.enqueue("{\"num_messages\":10000,\"batch_id\":1,\"status\":\"success\"}");
    client.send(to(10_000).build());
    assertThat(tl.requestCount()).isEqualTo(1);

    ConfigurationException e =
        catchThrowableOfType(ConfigurationException.class, () -> client.send(to(10_001).build()));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("numbers");
              assertThat(p.value()).isEqualTo("10001 numbers");
              assertThat(p.fix()).contains("10000", "sendInChunks");
            });
    assertThat(tl.requestCount()).isEqualTo(1);
  }

  @Test
  void sendInChunksSplitsAt10000() throws Exception {
    for (int i = 0; i < 3; i++) {
      tl.enqueue("{\"num_messages\":1,\"batch_id\":" + (100 + i) + ",\"status\":\"success\"}");
    }
    List<SendResult> results = client.sendInChunks(to(25_000).build());
    assertThat(results).extracting(SendResult::batchId).containsExactly("100", "101", "102");
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sizes.add(form(tl.take()).get("numbers").split(",").length);
    }
    assertThat(sizes).containsExactly(10_000, 10_000, 5_000);
  }

  @Test
  void sendInChunksReportsAcceptedBatchesWhenALaterChunkFails() {
    tl.enqueue("{\"num_messages\":10000,\"batch_id\":100,\"status\":\"success\"}");
    tl.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    PartialSendException e =
        catchThrowableOfType(
            PartialSendException.class, () -> client.sendInChunks(to(25_000).build()));
    assertThat(e.batchIds()).containsExactly("100");
    assertThat(e.messagesAccepted()).isEqualTo(10_000);
    assertThat(e.recipientsNotAttempted()).isEqualTo(15_000);
    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.getCause()).isInstanceOf(ApiConnectionException.class);
    assertThat(tl.requestCount()).isEqualTo(2);
  }

  @Test
  void messageLengthLimitIs765GsmCharacters() throws Exception {
    tl.enqueue("{\"num_messages\":1,\"status\":\"success\"}");
    client.send(to(1).message("a".repeat(765)).build());
    assertThat(form(tl.take())).doesNotContainKey("unicode");

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> client.send(to(1).message("a".repeat(766)).build()));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("message");
              assertThat(p.value()).isEqualTo("766 GSM characters");
            });
    // extension characters count twice: 383 of them are 766 septets
    catchThrowableOfType(
        ConfigurationException.class, () -> client.send(to(1).message("{".repeat(383)).build()));
    assertThat(tl.requestCount()).isEqualTo(1);
  }

  @Test
  void ucs2TextSetsUnicodeAndIsLimitedToFiveParts() throws Exception {
    tl.enqueue("{\"num_messages\":1,\"status\":\"success\"}");
    client.send(to(1).message("ü€😀 ok").build());
    assertThat(form(tl.take())).containsEntry("unicode", "true");

    tl.enqueue("{\"num_messages\":1,\"status\":\"success\"}");
    client.send(to(1).message("ж".repeat(335)).build());
    assertThat(form(tl.take())).containsEntry("unicode", "true");

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> client.send(to(1).message("ж".repeat(336)).build()));
    assertThat(e.problems().get(0).fix()).contains("5 parts", "ж");
  }

  @Test
  void scheduleTimeMustBeInTheFutureAndEveryProblemIsListed() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                client.send(
                    to(10_001)
                        .message("b".repeat(800))
                        .scheduleTime(NOW.minusSeconds(1))
                        .validity(NOW.plusSeconds(73 * 3600))
                        .sender("AVeryLongSenderName")
                        .build()));
    assertThat(e.problems())
        .extracting(p -> p.field())
        .containsExactly("numbers", "message", "sender", "scheduleTime", "validity");
    assertThat(e.getMessage()).contains("5 problems");
    assertThat(tl.requestCount()).isZero();
  }

  @Test
  void scheduleTimeIsSentAsUnixSeconds() throws Exception {
    tl.enqueue("{\"num_messages\":1,\"status\":\"success\"}");
    client.send(to(1).scheduleTime(NOW.plusSeconds(1)).build());
    assertThat(form(tl.take()))
        .containsEntry("schedule_time", Long.toString(NOW.getEpochSecond() + 1));
  }

  @Test
  void requestShapeIsCheckedByTheBuilder() {
    ConfigurationException both =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> SendRequest.builder().numbers(numbers(1)).groupId("5").message("x").build());
    assertThat(both.problems().get(0).fix()).contains("error 34");
    ConfigurationException none =
        catchThrowableOfType(ConfigurationException.class, () -> SendRequest.builder().build());
    assertThat(none.problems()).extracting(p -> p.field()).containsExactly("message", "numbers");
  }

  @Test
  void clientWideTestModeMarksEverySend() throws Exception {
    TextLocalClient test =
        TextLocalClient.builder()
            .clientOptions(tl.options())
            .credential(TextLocalCredential.apiKey("k"))
            .testMode(true)
            .buildClient();
    tl.enqueue("{\"test_mode\":true,\"num_messages\":1,\"status\":\"success\"}");
    assertThat(test.send(to(1).build()).testMode()).isTrue();
    assertThat(form(tl.take())).containsEntry("test", "true");
    tl.enqueue("{\"test_mode\":true,\"status\":\"success\"}");
    test.sendBulk(List.of(BulkMessage.of(numbers(1).get(0), "x")), BulkSendOptions.defaults());
    assertThat(JSON.readTree(form(tl.take()).get("data")).path("test").asBoolean()).isTrue();
  }

  @Test
  void bulkJsonChunksAt500AndStreamsResults() throws Exception {
    for (int i = 0; i < 3; i++) {
      tl.enqueue(
          "{\"total_cost\":1.5,\"messages\":[{\"batch_id\":"
              + (700 + i)
              + "}],"
              + "\"warnings\":[{\"code\":3,\"message\":\"Invalid number.\"}],"
              + "\"status\":\"success\"}");
    }
    List<PhoneNumber> nums = numbers(1_201);
    Iterable<BulkMessage> messages =
        () ->
            IntStream.range(0, 1_201)
                .mapToObj(i -> BulkMessage.of(nums.get(i), "Hi #" + i))
                .iterator();
    List<BulkSendResult> seen = new ArrayList<>();
    BulkSendSummary s = client.sendBulkInChunks(messages, BulkSendOptions.defaults(), seen::add);

    assertThat(s.calls()).isEqualTo(3);
    assertThat(s.messagesSubmitted()).isEqualTo(1_201);
    assertThat(s.batchIds()).containsExactly("700", "701", "702");
    assertThat(s.totalCost()).isEqualByComparingTo("4.5");
    assertThat(s.warnings()).hasSize(3);
    assertThat(seen).hasSize(3);
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonNode data = JSON.readTree(form(tl.take()).get("data"));
      sizes.add(data.path("messages").size());
      if (i == 2) {
        assertThat(data.path("messages").get(200).path("text").asText()).isEqualTo("Hi #1200");
      }
    }
    assertThat(sizes).containsExactly(500, 500, 201);
  }

  @Test
  void bulkJsonRejects501MessagesAndAnOverlongText() {
    List<BulkMessage> tooMany = numbers(501).stream().map(n -> BulkMessage.of(n, "x")).toList();
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> client.sendBulk(tooMany, BulkSendOptions.defaults()));
    assertThat(e.problems().get(0).fix()).contains("500", "sendBulkInChunks");
    ConfigurationException e2 =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                client.sendBulk(
                    List.of(BulkMessage.of(numbers(1).get(0), "z".repeat(766))),
                    BulkSendOptions.defaults()));
    assertThat(e2.problems().get(0).field()).isEqualTo("messages[0].text");
    assertThat(tl.requestCount()).isZero();
  }

  @Test
  void bulkJsonSetsUnicodeWhenAnyTextNeedsUcs2() throws Exception {
    tl.enqueue("{\"status\":\"success\"}");
    List<PhoneNumber> n = numbers(2);
    client.sendBulk(
        List.of(BulkMessage.of(n.get(0), "plain"), BulkMessage.of(n.get(1), "ünïcödé ☃")),
        BulkSendOptions.defaults());
    JsonNode data = JSON.readTree(form(tl.take()).get("data"));
    assertThat(data.path("unicode").asBoolean()).isTrue();
    assertThat(data.path("messages").get(1).path("text").asText()).isEqualTo("ünïcödé ☃");
  }

  @Test
  void contactsBulkCreateChunksAt1500() throws Exception {
    for (int i = 0; i < 3; i++) {
      tl.enqueue("{\"group_id\":9,\"num_contacts\":1,\"status\":\"success\"}");
    }
    List<NewContact> contacts =
        numbers(3_001).stream().map(n -> NewContact.of(n, "F", "L")).toList();
    List<ContactsCreated> r = client.createContactsBulkInChunks("9", contacts);
    assertThat(r).hasSize(3);
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Map<String, String> f = form(tl.take());
      sizes.add(JSON.readTree(f.get("contacts")).size());
    }
    assertThat(sizes).containsExactly(1_500, 1_500, 1);
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                client.createContactsBulk(
                    "9", numbers(1_501).stream().map(n -> NewContact.of(n, null, null)).toList()));
    assertThat(e.problems().get(0).value()).isEqualTo("1501 contacts");
  }

  @Test
  void buildingWithoutCredentialListsTheProblemAndMakesNoCall() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> TextLocalClient.builder().clientOptions(tl.options()).buildClient());
    assertThat(e.problems()).extracting(p -> p.field()).containsExactly("credential");
    assertThat(tl.requestCount()).isZero();
  }

  @Test
  void hostsAreSelectable() {
    TextLocalCredential c = TextLocalCredential.apiKey("k");
    assertThat(TextLocalClient.builder().credential(c).buildClient().endpoint())
        .isEqualTo("https://api.txtlocal.com/");
    assertThat(
            TextLocalClient.builder()
                .credential(c)
                .endpoint(TextLocalClient.INDIA_ENDPOINT)
                .buildClient()
                .endpoint())
        .isEqualTo("https://api.textlocal.in/");
    assertThat(
            TextLocalClient.builder()
                .credential(c)
                .endpoint("https://proxy.example.com/tl")
                .buildClient()
                .endpoint())
        .isEqualTo("https://proxy.example.com/tl/");
  }
}
