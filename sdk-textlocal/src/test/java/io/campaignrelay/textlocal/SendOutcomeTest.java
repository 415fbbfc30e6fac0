package io.campaignrelay.textlocal;

import static io.campaignrelay.textlocal.TextLocalServer.API_KEY;
import static io.campaignrelay.textlocal.TextLocalServer.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.CampaignExecutionException;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.ExecutionReport;
import io.campaignrelay.core.execution.InMemoryExecutionJournal;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.execution.RecipientState;
import io.campaignrelay.core.execution.ReconcileResult;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.template.ApprovalState;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.textlocal.models.BulkMessage;
import io.campaignrelay.textlocal.models.BulkSendOptions;
import io.campaignrelay.textlocal.models.SendRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The send decision on TextLocal's own paths: an unreadable answer is outcome-unknown, a failure
 * envelope is a refusal only for documented codes, and an answer that leaves messages out leaves
 * them uncertain.
 */
class SendOutcomeTest {

  private static final SendRequest SEND =
      SendRequest.builder()
          .numbers(List.of(PhoneNumber.ofE164("+447123456789")))
          .message("Hello")
          .build();

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

  private static Campaign campaign(long id) {
    return Campaign.builder()
        .kind(CampaignKind.SCHEDULED)
        .id(CampaignId.scheduled(id))
        .channel(ChannelId.SCHEDULED_SMS)
        .templateId(TemplateId.of("123"))
        .sendTime(NOW.minusSeconds(60))
        .build();
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
        CustomerAttributes.builder().add("PHONE", "+4477" + String.format("%08d", i)).build());
  }

  private static MockResponse answer(String contentType, String body) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", contentType)
        .body(body)
        .build();
  }

  /** The 2xx bodies that cannot be read as TextLocal's answer to a send. */
  private static MockResponse unreadable(String kind) {
    return switch (kind) {
      case "empty" -> answer("application/json", "");
      case "truncated" -> answer("application/json", "{\"batch_id\":12,\"messages\":[{\"id\":");
      case "html" -> answer("text/html", "<html><body>502 Bad Gateway</body></html>");
      case "malformed" -> answer("application/json", "{status: success}");
      case "array" -> answer("application/json", "[]");
      case "no-status" -> answer("application/json", "{\"batch_id\":12}");
      case "no-content" -> new MockResponse.Builder().code(204).build();
      default -> throw new IllegalArgumentException(kind);
    };
  }

  @ParameterizedTest(name = "send, {0} answer")
  @ValueSource(
      strings = {"empty", "truncated", "html", "malformed", "array", "no-status", "no-content"})
  void anUnreadableAnswerToASendIsOutcomeUnknownAndNotResent(String kind) {
    tl.enqueue(unreadable(kind));
    tl.enqueue("{\"status\":\"success\"}");
    ApiConnectionException e =
        catchThrowableOfType(ApiConnectionException.class, () -> client.send(SEND));
    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.getMessage()).contains("POST send/", "outcome is unknown").doesNotContain(API_KEY);
    assertThat(SendOutcomes.definitelyNotSent(e)).isFalse();
    assertThat(tl.requestCount()).isEqualTo(1);
  }

  @ParameterizedTest(name = "bulk_json, {0} answer")
  @ValueSource(
      strings = {"empty", "truncated", "html", "malformed", "array", "no-status", "no-content"})
  void anUnreadableAnswerToABulkSendIsOutcomeUnknownAndNotResent(String kind) {
    tl.enqueue(unreadable(kind));
    tl.enqueue("{\"status\":\"success\"}");
    Throwable e =
        catchThrowable(
            () ->
                client.sendBulk(
                    List.of(BulkMessage.of(PhoneNumber.ofE164("+447123456789"), "Hi")),
                    BulkSendOptions.defaults()));
    assertThat(e).isInstanceOf(ApiConnectionException.class);
    assertThat(((ApiConnectionException) e).outcomeUnknown()).isTrue();
    assertThat(tl.requestCount()).isEqualTo(1);
  }

  /**
   * A server written for this test: reads one request, answers 200 with a Content-Length larger
   * than the body it writes (or a chunked body without its last chunk), then closes the socket.
   */
  private static final class CutBodyServer implements AutoCloseable {
    final ServerSocket socket;
    final AtomicInteger requests = new AtomicInteger();
    final Thread thread;

    CutBodyServer(boolean chunked) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      thread =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket s = socket.accept()) {
                    readRequest(s.getInputStream());
                    requests.incrementAndGet();
                    OutputStream out = s.getOutputStream();
                    String head =
                        chunked
                            ? "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n10\r\n{\"batch_id\":77,\"\r\n"
                            : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 400\r\n\r\n{\"batch_id\":77,\"messages\":[";
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                  } catch (IOException e) {
                    // closed
                  }
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    }

    private static void readRequest(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        head.write(b);
        String h = head.toString(StandardCharsets.US_ASCII);
        if (h.endsWith("\r\n\r\n")) {
          int at = h.toLowerCase().indexOf("content-length:");
          int length =
              at < 0 ? 0 : Integer.parseInt(h.substring(at + 15, h.indexOf("\r\n", at)).trim());
          in.readNBytes(length);
          return;
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @ParameterizedTest(name = "chunked={0}")
  @ValueSource(booleans = {false, true})
  void aBodyCutMidwayIsOutcomeUnknownAndNotResent(boolean chunked) throws Exception {
    try (CutBodyServer cut = new CutBodyServer(chunked)) {
      TextLocalClient c =
          TextLocalClient.builder()
              .clientOptions(tl.options().toBuilder().endpoint(cut.url()).build())
              .credential(TextLocalCredential.apiKey(API_KEY))
              .buildClient();
      ApiConnectionException e =
          catchThrowableOfType(ApiConnectionException.class, () -> c.send(SEND));
      assertThat(e.outcomeUnknown()).isTrue();
      assertThat(cut.requests.get()).isEqualTo(1);
    }
  }

  private static String failure(String errors) {
    return "{\"errors\":[" + errors + "],\"status\":\"failure\"}";
  }

  @ParameterizedTest(name = "code {0}")
  @ValueSource(ints = {1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 15, 32, 33, 34, 43, 44, 51, 191, 192})
  void aDocumentedSendErrorIsAPositiveRefusal(int code) {
    tl.enqueue(failure("{\"code\":" + code + ",\"message\":\"m\"}"));
    TextLocalApiException e =
        catchThrowableOfType(TextLocalApiException.class, () -> client.send(SEND));
    assertThat(e.requestRefused()).isTrue();
    assertThat(SendOutcomes.definitelyNotSent(e)).isTrue();
  }

  @Test
  void invalidLoginIsAPositiveRefusal() {
    tl.enqueue(failure("{\"code\":3,\"message\":\"Invalid login details.\"}"));
    TextLocalAuthenticationException e =
        catchThrowableOfType(TextLocalAuthenticationException.class, () -> client.send(SEND));
    assertThat(e.requestRefused()).isTrue();
  }

  @Test
  void anUnlistedCodeOrAFailureWithoutErrorsIsNotARefusal() {
    tl.enqueue(failure("{\"code\":987,\"message\":\"Brand new failure\"}"));
    tl.enqueue(failure("{\"code\":7,\"message\":\"m\"},{\"code\":987,\"message\":\"n\"}"));
    tl.enqueue("{\"status\":\"failure\"}");
    tl.enqueue(failure("{\"code\":56,\"message\":\"Invalid number(s) specified.\"}"));
    tl.enqueue("{\"errors\":[{\"code\":7,\"message\":\"m\"}],\"status\":\"success\"}");
    for (int i = 0; i < 5; i++) {
      ApiServiceException e =
          catchThrowableOfType(ApiServiceException.class, () -> client.send(SEND));
      assertThat(e.requestRefused()).as("answer %d", i).isFalse();
      assertThat(SendOutcomes.definitelyNotSent(e)).isFalse();
    }
  }

  @Test
  void aServerErrorOnAChunkedSendIsNotReportedAsNotSent() {
    tl.enqueue("{\"num_messages\":10000,\"batch_id\":100,\"status\":\"success\"}");
    tl.enqueue(503, "{}");
    List<PhoneNumber> numbers = new ArrayList<>();
    for (int i = 0; i < 10_001; i++) {
      numbers.add(PhoneNumber.ofE164("+4477" + String.format("%08d", i)));
    }
    PartialSendException e =
        catchThrowableOfType(
            PartialSendException.class,
            () -> client.sendInChunks(SEND.toBuilder().numbers(numbers).build()));
    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.getMessage()).contains("unknown outcome").doesNotContain("none was sent");
  }

  @Test
  void aRefusedChunkIsReportedAsNotSent() {
    tl.enqueue("{\"num_messages\":10000,\"batch_id\":100,\"status\":\"success\"}");
    tl.enqueue(failure("{\"code\":7,\"message\":\"Insufficient credits.\"}"));
    List<PhoneNumber> numbers = new ArrayList<>();
    for (int i = 0; i < 10_001; i++) {
      numbers.add(PhoneNumber.ofE164("+4477" + String.format("%08d", i)));
    }
    PartialSendException e =
        catchThrowableOfType(
            PartialSendException.class,
            () -> client.sendInChunks(SEND.toBuilder().numbers(numbers).build()));
    assertThat(e.outcomeUnknown()).isFalse();
    assertThat(e.getMessage()).contains("none was sent");
  }

  // ------------------------------------------------------------ through the channel and the engine

  @Test
  void messagesTheAnswerLeavesOutGetNoResult() {
    TextLocalMessageChannel channel = TextLocalMessageChannel.create(client);
    Campaign c = campaign(700);
    List<OutboundMessage> batch = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      batch.add(
          OutboundMessage.of(
              c,
              CustomerId.of("C" + i),
              PhoneNumber.ofE164("+4477" + String.format("%08d", i)),
              TemplateId.of("123"),
              "Hi " + i));
    }
    StringBuilder listed = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      listed
          .append(i > 0 ? "," : "")
          .append("{\"id\":\"9")
          .append(i)
          .append("\",\"recipient\":")
          .append(batch.get(i).to().digits())
          .append('}');
    }
    tl.enqueue(
        "{\"messages\":[{\"batch_id\":70,\"num_messages\":8,\"messages\":["
            + listed
            + "]}],\"status\":\"success\"}");

    List<DispatchResult> results = channel.dispatch(batch);

    assertThat(results).hasSize(6).allMatch(DispatchResult::isAccepted);
    assertThat(results)
        .extracting(DispatchResult::idempotencyKey)
        .doesNotContain(batch.get(6).idempotencyKey(), batch.get(7).idempotencyKey());
  }

  private CampaignExecutor executor(InMemoryExecutionJournal journal, int recipients) {
    return CampaignExecutor.builder()
        .targetSource(camp -> IntStream.range(0, recipients).mapToObj(SendOutcomeTest::recipient))
        .channel(TextLocalMessageChannel.create(client))
        .journal(journal)
        .clock(TextLocalServer.CLOCK)
        .build();
  }

  @Test
  void anEngineRunWhoseAnswerLeftTwoOutCountsThemUncertainAndKeepsThemPending() throws Exception {
    Campaign c = campaign(701);
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    tl.enqueue(
        // lists the first six of the eight messages only
        answer(
            "application/json",
            "{\"messages\":[{\"batch_id\":71,\"messages\":["
                + String.join(
                    ",",
                    IntStream.range(0, 6)
                        .mapToObj(
                            i ->
                                "{\"id\":\""
                                    + i
                                    + "\",\"recipient\":4477"
                                    + String.format("%08d", i)
                                    + "}")
                        .toList())
                + "]}],\"status\":\"success\"}"));

    ExecutionReport report = executor(journal, 8).execute(c, template("Hi"), ExecutionMode.LIVE);

    assertThat(report.dispatched()).isEqualTo(6);
    assertThat(report.uncertain()).isEqualTo(2);
    assertThat(journal.entry(c.id(), CustomerId.of("C6")).orElseThrow().state())
        .isEqualTo(RecipientState.PENDING);
    assertThat(journal.entry(c.id(), CustomerId.of("C7")).orElseThrow().state())
        .isEqualTo(RecipientState.PENDING);
    // One send; the run then asked TextLocal's records about the two (none scripted here, so the
    // records could not tell) and sent nothing more.
    int requests = tl.requestCount();
    assertThat(tl.take().getTarget()).contains("bulk_json");
    for (int i = 1; i < requests; i++) {
      assertThat(tl.take().getTarget()).doesNotContain("bulk_json").doesNotContain("/send/");
    }
    assertThat(report.reconciled()).containsEntry(ReconcileResult.Status.UNKNOWN, 2L);
  }

  @Test
  void anEngineRunWhoseAnswerWasUnreadableKeepsTheBatchPendingAndTheRerunSendsNothing()
      throws Exception {
    Campaign c = campaign(702);
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    tl.enqueue(unreadable("html"));
    Throwable first =
        catchThrowable(() -> executor(journal, 8).execute(c, template("Hi"), ExecutionMode.LIVE));
    assertThat(first).isInstanceOf(CampaignExecutionException.class);
    assertThat(first.getMessage()).doesNotContain("nothing of that batch was sent");
    assertThat(journal.entry(c.id(), CustomerId.of("C0")).orElseThrow().state())
        .isEqualTo(RecipientState.PENDING);

    tl.enqueueAcceptAll("72"); // would be a duplicate if the engine sent again
    ExecutionReport rerun = executor(journal, 8).execute(c, template("Hi"), ExecutionMode.LIVE);

    assertThat(rerun.dispatched()).isZero();
    assertThat(rerun.uncertain()).isEqualTo(8);
    assertThat(bulkJsonCalls()).isEqualTo(1);
  }

  /** How many bulk_json calls the server received (other commands, e.g. reconciliation, aside). */
  private int bulkJsonCalls() throws InterruptedException {
    int n = 0;
    for (int i = tl.requestCount(); i > 0; i--) {
      if (tl.take().getTarget().equals("/bulk_json/")) {
        n++;
      }
    }
    return n;
  }

  @Test
  void anEngineRunRefusedWithADocumentedCodeIsSentOnceOnTheRerun() {
    Campaign c = campaign(703);
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    tl.enqueue(failure("{\"code\":43,\"message\":\"Invalid sender name.\"}"));
    assertThat(
            catchThrowable(
                () -> executor(journal, 3).execute(c, template("Hi"), ExecutionMode.LIVE)))
        .isInstanceOf(CampaignExecutionException.class);
    assertThat(journal.entry(c.id(), CustomerId.of("C0")).orElseThrow().state())
        .isEqualTo(RecipientState.FAILED);

    tl.enqueueAcceptAll("73");
    ExecutionReport rerun = executor(journal, 3).execute(c, template("Hi"), ExecutionMode.LIVE);
    assertThat(rerun.dispatched()).isEqualTo(3);
    assertThat(rerun.uncertain()).isZero();
    assertThat(tl.requestCount()).isEqualTo(2);
  }
}
