package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.CampaignExecutionException;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.InMemoryExecutionJournal;
import io.campaignrelay.core.execution.JournalEntry;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.execution.RecipientState;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.RetryOptions;
import io.campaignrelay.core.template.ApprovalState;
import io.campaignrelay.core.template.Template;
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
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which Delivyr answers mean "nothing of the batch was sent" and which leave the outcome unknown.
 * Only Delivyr's documented refusals of the whole request (400 with its error body, 401, 403, 429)
 * are refusals; a 409 (a batch key still in flight), a 5xx, an answer that leaves messages out or
 * cannot be read may have texted people, and the engine must keep such a batch pending.
 */
class DelivyrOutcomeUnknownTest {

  static final Campaign CAMPAIGN = DelivyrMessageChannelTest.CAMPAIGN;

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

  static DelivyrClient client(String endpoint) {
    return DelivyrClient.builder()
        .endpoint(endpoint)
        .credential(Secret.of("dlv-SECRET"))
        .retryOptions(RetryOptions.none())
        .clientOptions(ClientOptions.builder().sleeper(d -> {}).build())
        .buildClient();
  }

  DelivyrMessageChannel channel() {
    return DelivyrMessageChannel.create(client(server.url("/").toString()), ExecutionMode.LIVE);
  }

  /** Answers every request with the same status, headers and body. */
  void answerAlways(int status, String contentType, String body) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", contentType)
                .addHeader("Retry-After", "1")
                .body(body)
                .build();
          }
        });
  }

  static String phone(int i) {
    return String.format("+4477009%05d", i);
  }

  static List<OutboundMessage> batch(int n) {
    List<OutboundMessage> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          OutboundMessage.of(
              CAMPAIGN,
              CustomerId.of("C" + i),
              PhoneNumber.ofE164(phone(i)),
              TemplateId.of("HDS7F3Y2"),
              "Hi C" + i));
    }
    return out;
  }

  /** The engine's rule: a failure proves nothing was sent only when it is a positive refusal. */
  static boolean refused(Throwable t) {
    if (t instanceof ApiConnectionException c) {
      return !c.outcomeUnknown();
    }
    return t instanceof ApiServiceException s && s.requestRefused();
  }

  static void assertOutcomeUnknown(Throwable t) {
    assertThat(t).isNotNull();
    assertThat(t).isInstanceOfAny(ApiServiceException.class, ApiConnectionException.class);
    assertThat(refused(t)).as("refused: %s", t).isFalse();
    assertThat(t.getMessage())
        .doesNotContainIgnoringCase("nothing was sent")
        .doesNotContainIgnoringCase("not sent")
        .doesNotContain("dlv-SECRET");
  }

  // ------------------------------------------------------------------ refusals of the whole batch

  @Test
  void documentedRefusalsOfTheWholeBatchMeanNothingWasSent() {
    String[][] cases = {
      {
        "400",
        "{\"error\":{\"code\":\"invalid_request\",\"message\":\"bad\",\"field\":\"messages\"}}"
      },
      {"401", "{\"error\":{\"code\":\"unauthorized\",\"message\":\"Missing or invalid API key\"}}"},
      {"403", "{\"error\":{\"code\":\"forbidden\",\"message\":\"This API key lacks the scope\"}}"},
      {"429", "{\"error\":{\"code\":\"rate_limited\",\"message\":\"Too many requests\"}}"},
    };
    for (String[] c : cases) {
      answerAlways(Integer.parseInt(c[0]), "application/json", c[1]);
      Throwable t = catchThrowable(() -> channel().dispatch(batch(3)));
      assertThat(t).as(c[0]).isInstanceOf(ApiServiceException.class);
      assertThat(((ApiServiceException) t).statusCode()).isEqualTo(Integer.parseInt(c[0]));
      assertThat(((ApiServiceException) t).requestRefused()).as(c[0]).isTrue();
    }
  }

  // ------------------------------------------------------------------ outcome unknown

  @Test
  void aKeyInFlight409IsOutcomeUnknown() {
    answerAlways(
        409,
        "application/json",
        "{\"error\":{\"code\":\"idempotency_key_in_use\",\"message\":\"A request with this"
            + " Idempotency-Key is still being processed\"}}");
    Throwable t = catchThrowable(() -> channel().dispatch(batch(3)));
    assertOutcomeUnknown(t);
    assertThat(((ApiServiceException) t).statusCode()).isEqualTo(409);
  }

  @Test
  void serverErrorsAndUnparsedErrorPagesAreOutcomeUnknown() {
    answerAlways(500, "application/json", "{\"error\":{\"code\":\"server_error\"}}");
    assertOutcomeUnknown(catchThrowable(() -> channel().dispatch(batch(2))));
    answerAlways(502, "text/html", "<html><body>Bad gateway</body></html>");
    assertOutcomeUnknown(catchThrowable(() -> channel().dispatch(batch(2))));
    // a 400 that is not Delivyr's error body (a proxy's page) does not prove a refusal
    answerAlways(400, "text/html", "<html><body>Bad request</body></html>");
    assertOutcomeUnknown(catchThrowable(() -> channel().dispatch(batch(2))));
  }

  @Test
  void anAnswerListingNoneOfTheBatchIsOutcomeUnknownAndSaysSo() {
    answerAlways(200, "application/json", "{\"results\":[]}");
    Throwable t = catchThrowable(() -> channel().dispatch(batch(4)));
    assertOutcomeUnknown(t);
    assertThat(((ApiServiceException) t).vendorCode()).contains("incomplete_batch_result");
    assertThat(t.getMessage()).contains("none of the 4 messages").contains("may have been sent");
    answerAlways(200, "application/json", "{}");
    assertOutcomeUnknown(catchThrowable(() -> channel().dispatch(batch(1))));
  }

  @Test
  void unlistedUnreadableAndContradictoryRowsAreLeftOutNotCountedAsSentOrFailed() {
    List<OutboundMessage> batch = batch(5);
    String k0 = batch.get(0).idempotencyKey().value();
    String k1 = batch.get(1).idempotencyKey().value();
    String k2 = batch.get(2).idempotencyKey().value();
    String k3 = batch.get(3).idempotencyKey().value();
    answerAlways(
        200,
        "application/json",
        "{\"results\":["
            + "{\"clientReference\":\""
            + k0
            + "\",\"id\":\"m0\",\"status\":\"queued\"},"
            + "{\"clientReference\":\""
            + k1
            + "\",\"id\":null,\"status\":null},"
            + "{\"clientReference\":\""
            + k2
            + "\",\"id\":\"m2\",\"status\":\"queued\"},"
            + "{\"clientReference\":\""
            + k2
            + "\",\"id\":null,\"status\":\"rejected\","
            + "\"rejection\":{\"reason\":\"opted_out\"}},"
            + "{\"clientReference\":\""
            + k3
            + "\",\"id\":\"m3\",\"status\":\"rejected\","
            + "\"rejection\":{\"reason\":\"opted_out\"},\"replayed\":true},"
            + "{\"clientReference\":\"someone-else\",\"id\":\"mx\",\"status\":\"queued\"}]}");

    List<DispatchResult> results = channel().dispatch(batch);

    assertThat(results)
        .extracting(r -> r.idempotencyKey().value())
        .containsExactlyInAnyOrder(k0, k3);
    assertThat(results.get(0).isAccepted()).isTrue();
    assertThat(results.get(1).isAccepted()).isFalse();
  }

  @Test
  void anAnswerCutMidBodyIsOutcomeUnknown() throws Exception {
    String full = "{\"results\":[{\"clientReference\":\"x\",\"id\":\"m0\",\"status\":\"queued\"}]}";
    // a 200 whose body is truncated JSON (complete HTTP message, unreadable JSON)
    answerAlways(200, "application/json", full.substring(0, 30));
    assertOutcomeUnknown(catchThrowable(() -> channel().dispatch(batch(1))));
    // an empty 200
    answerAlways(200, "application/json", "");
    assertOutcomeUnknown(catchThrowable(() -> channel().dispatch(batch(1))));
    // a 200 HTML page
    answerAlways(200, "text/html", "<html><body>OK</body></html>");
    assertOutcomeUnknown(catchThrowable(() -> channel().dispatch(batch(1))));
  }

  @Test
  void aConnectionClosedMidBodyIsOutcomeUnknown() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    try (ServerSocket socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket s = socket.accept()) {
                    readRequest(s.getInputStream());
                    requests.incrementAndGet();
                    OutputStream out = s.getOutputStream();
                    out.write(
                        ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 400\r\n\r\n{\"results\":[{\"clientRef")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      t.setDaemon(true);
      t.start();
      DelivyrMessageChannel channel =
          DelivyrMessageChannel.create(
              client("http://127.0.0.1:" + socket.getLocalPort() + "/"), ExecutionMode.LIVE);

      Throwable thrown = catchThrowable(() -> channel.dispatch(batch(2)));

      assertOutcomeUnknown(thrown);
      assertThat(requests.get()).isPositive();
    }
  }

  /** Reads one HTTP request (headers and a Content-Length body) so the client sees it arrive. */
  static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      head.append((char) c);
      if (head.toString().endsWith("\r\n\r\n")) {
        break;
      }
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.readNBytes(length);
  }

  // ------------------------------------------------------------------ through the engine

  CampaignExecutor executor(InMemoryExecutionJournal journal) {
    return CampaignExecutor.builder()
        .targetSource(
            c ->
                IntStream.range(0, 6)
                    .mapToObj(
                        i ->
                            Recipient.of(
                                CustomerId.of("C" + i),
                                CustomerAttributes.builder()
                                    .add("PHONE", phone(i))
                                    .add("FIRST_NAME", "Ann")
                                    .build())))
        .channel(channel())
        .journal(journal)
        .batchSize(6)
        .build();
  }

  static Template template() {
    return Template.builder()
        .id(TemplateId.of("HDS7F3Y2"))
        .name("Promo")
        .body("Hi [%FIRST_NAME%]")
        .approvalState(ApprovalState.APPROVED)
        .build();
  }

  @Test
  void theEngineKeepsABatchPendingAfterA409AndRecordsFailedOnlyAfterARefusal() {
    answerAlways(
        409,
        "application/json",
        "{\"error\":{\"code\":\"idempotency_key_in_use\",\"message\":\"still processing\"}}");
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    Throwable t =
        catchThrowable(() -> executor(journal).execute(CAMPAIGN, template(), ExecutionMode.LIVE));
    assertThat(t).isInstanceOf(CampaignExecutionException.class);
    assertThat(t.getMessage()).doesNotContain("nothing of that batch was sent");
    assertThat(journal.pending(CAMPAIGN.id()))
        .hasSize(6)
        .extracting(JournalEntry::state)
        .containsOnly(RecipientState.PENDING);

    answerAlways(
        400,
        "application/json",
        "{\"error\":{\"code\":\"invalid_request\",\"message\":\"bad\",\"field\":\"messages\"}}");
    InMemoryExecutionJournal refusedJournal = InMemoryExecutionJournal.create();
    catchThrowable(
        () -> executor(refusedJournal).execute(CAMPAIGN, template(), ExecutionMode.LIVE));
    assertThat(refusedJournal.pending(CAMPAIGN.id())).isEmpty();
    assertThat(refusedJournal.entry(CAMPAIGN.id(), CustomerId.of("C0")))
        .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(RecipientState.FAILED));
  }

  @Test
  void messagesTheAnswerLeftOutAreSettledFromTheMessageLogBeforeTheRunEnds() {
    List<String> lookups = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String key = request.getUrl().queryParameter("idempotencyKey");
            if ("GET".equals(request.getMethod()) && key != null) {
              // the Message Log: Delivyr has every message of the batch
              lookups.add(key);
              return new MockResponse.Builder()
                  .code(200)
                  .addHeader("Content-Type", "application/json")
                  .body(
                      "{\"data\":[{\"id\":\"log-"
                          + lookups.size()
                          + "\",\"idempotencyKey\":\""
                          + key
                          + "\",\"status\":\"sent\"}],\"nextCursor\":null}")
                  .build();
            }
            // the batch answer lists only the first two messages of the batch
            StringBuilder rows = new StringBuilder("{\"results\":[");
            for (int i = 0; i < 2; i++) {
              String k =
                  io.campaignrelay.core.execution.IdempotencyKey.derive(
                          CAMPAIGN.id(), CustomerId.of("C" + i))
                      .value();
              rows.append(i == 0 ? "" : ",")
                  .append("{\"clientReference\":\"")
                  .append(k)
                  .append("\",\"id\":\"m")
                  .append(i)
                  .append("\",\"status\":\"queued\"}");
            }
            return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(rows.append("]}").toString())
                .build();
          }
        });
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    var report = executor(journal).execute(CAMPAIGN, template(), ExecutionMode.LIVE);
    assertThat(report.dispatched()).isEqualTo(6);
    assertThat(report.reconciled())
        .containsEntry(io.campaignrelay.core.execution.ReconcileResult.Status.SENT, 4L);
    assertThat(report.uncertain()).isZero();
    assertThat(lookups).hasSize(4);
    assertThat(journal.pending(CAMPAIGN.id())).isEmpty();
  }
}
