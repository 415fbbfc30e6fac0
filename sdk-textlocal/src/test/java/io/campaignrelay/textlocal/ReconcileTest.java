package io.campaignrelay.textlocal;

import static io.campaignrelay.textlocal.TextLocalServer.API_KEY;
import static io.campaignrelay.textlocal.TextLocalServer.NOW;
import static io.campaignrelay.textlocal.TextLocalServer.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.IdempotencyKey;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.execution.ReconcileResult;
import io.campaignrelay.core.execution.ReconcileResult.Status;
import io.campaignrelay.core.metrics.RejectionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TextLocalMessageChannel#reconcile(List)} against a server written for these tests: it
 * keeps a message history and batch reports and answers {@code get_history_api} by offset and
 * {@code status_batch} by id, as TextLocal's documentation describes them.
 */
class ReconcileTest {

  private static final Instant SEND_TIME = NOW.minus(Duration.ofHours(2));

  /** The documented {@code status_batch} sample (api.textlocal.in/docs/messagereporting). */
  private static final String DOCUMENTED_BATCH =
      "{\"batch_id\":136546495,\"num_messages\":2,\"num_delivered\":2,\"num_undelivered\":0,"
          + "\"num_expired\":0,\"num_unknown\":0,\"num_invalid\":0,\"messages\":[{\"recipient\":"
          + "918123456789,\"status\":\"D\"},{\"recipient\":918987654321,\"status\":\"D\"}],"
          + "\"status\":\"success\"}";

  private TextLocalServer tl;
  private TextLocalClient client;

  /** History entries (JSON objects), oldest first. */
  private final List<String> history = new ArrayList<>();

  private final Map<String, String> batches = new ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private Function<Integer, MockResponse> historyFault = start -> null;
  private boolean reportTotal = true;

  @BeforeEach
  void start() throws Exception {
    tl = new TextLocalServer();
    client = tl.client();
    tl.server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            synchronized (requests) {
              requests.add(r);
            }
            Map<String, String> f = form(r);
            if (r.getTarget().equals("/get_history_api/")) {
              int start = Integer.parseInt(f.get("start"));
              MockResponse fault = historyFault.apply(start);
              if (fault != null) {
                return fault;
              }
              int limit = Integer.parseInt(f.get("limit"));
              List<String> page =
                  history.subList(
                      Math.min(start, history.size()), Math.min(start + limit, history.size()));
              return json(
                  "{\"start\":"
                      + start
                      + ",\"limit\":"
                      + limit
                      + (reportTotal ? ",\"total\":" + history.size() : "")
                      + ",\"messages\":["
                      + String.join(",", page)
                      + "],\"status\":\"success\"}");
            }
            if (r.getTarget().equals("/status_batch/")) {
              String b = batches.get(f.get("batch_id"));
              return json(
                  b != null
                      ? b
                      : "{\"errors\":[{\"code\":2,\"message\":\"Unrecognised command\"}],"
                          + "\"status\":\"failure\"}");
            }
            return new MockResponse.Builder().code(404).body("not TextLocal").build();
          }
        });
  }

  @AfterEach
  void stop() throws Exception {
    tl.close();
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
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

  private static String entry(String id, String number, String status, String tag, String text) {
    return "{\"id\":\""
        + id
        + "\",\"number\":"
        + number
        + ",\"sender\":\"Shop\",\"status\":\""
        + status
        + "\""
        + (tag == null ? "" : ",\"customID\":\"" + tag + "\"")
        + (text == null ? "" : ",\"content\":\"" + text + "\"")
        + ",\"datetime\":\"2026-11-23 08:30:00\"}";
  }

  private static Map<IdempotencyKey, ReconcileResult> byKey(List<ReconcileResult> results) {
    return results.stream()
        .collect(Collectors.toMap(ReconcileResult::idempotencyKey, Function.identity()));
  }

  private List<String> targets() {
    synchronized (requests) {
      return requests.stream().map(RecordedRequest::getTarget).toList();
    }
  }

  @Test
  void historyByTagAndNumberDecidesSentRejectedOrUnknown() {
    Campaign c = campaign(800, SEND_TIME);
    OutboundMessage sent = message(c, "C1", "+447700000001", "Hi Ann");
    OutboundMessage invalid = message(c, "C2", "+447700000002", "Hi Bob");
    OutboundMessage otherCampaign = message(c, "C3", "+447700000003", "Hi Cy");
    OutboundMessage absent = message(c, "C4", "+447700000004", "Hi Di");
    history.add(entry("h-1", "447700000001", "D", "optimove-campaign-800", "Hi Ann"));
    history.add(entry("h-2", "447700000002", "I", "optimove-campaign-800", null));
    history.add(entry("h-3", "447700000003", "D", "optimove-campaign-799", "Hi Cy"));
    TextLocalMessageChannel channel = TextLocalMessageChannel.create(client);

    Map<IdempotencyKey, ReconcileResult> r =
        byKey(channel.reconcile(List.of(sent, invalid, otherCampaign, absent)));

    assertThat(r).hasSize(4);
    assertThat(r.get(sent.idempotencyKey()).status()).isEqualTo(Status.SENT);
    assertThat(r.get(sent.idempotencyKey()).vendorMessageId()).contains("h-1");
    assertThat(r.get(invalid.idempotencyKey()).status()).isEqualTo(Status.REJECTED);
    assertThat(r.get(invalid.idempotencyKey()).rejectionReason())
        .contains(RejectionReason.INVALID_PHONE_FORMAT);
    assertThat(r.get(otherCampaign.idempotencyKey()).status()).isEqualTo(Status.UNKNOWN);
    // off by default: absence from the history proves nothing
    assertThat(r.get(absent.idempotencyKey()).status()).isEqualTo(Status.UNKNOWN);
    assertThat(r.get(absent.idempotencyKey()).detail()).contains("optimove-campaign-800");
    assertThat(channel.infersNotSentFromHistory()).isFalse();

    assertThat(targets()).containsExactly("/get_history_api/");
    Map<String, String> f = form(requests.get(0));
    assertThat(f)
        .containsOnlyKeys("apikey", "min_time", "max_time", "sort_order", "start", "limit")
        .containsEntry("apikey", API_KEY)
        .containsEntry(
            "min_time", Long.toString(SEND_TIME.minus(Duration.ofDays(3)).getEpochSecond()))
        .containsEntry("max_time", Long.toString(NOW.getEpochSecond()))
        .containsEntry("sort_order", "asc")
        .containsEntry("start", "0")
        .containsEntry("limit", "1000");
    assertThat(requests.get(0).getMethod()).isEqualTo("POST");
  }

  @Test
  void everyHistoryPageIsReadAndEachEntryVouchesForOneMessage() {
    Campaign c = campaign(801, SEND_TIME);
    for (int i = 0; i < 1500; i++) {
      history.add(
          entry("x" + i, "4479" + String.format("%08d", i), "D", "optimove-campaign-1", null));
    }
    history.add(entry("h-9", "447700000009", "P", "optimove-campaign-801", null));
    OutboundMessage first = message(c, "C1", "+447700000009", "Hi");
    OutboundMessage sameNumber = message(c, "C2", "+447700000009", "Hi");

    List<ReconcileResult> results =
        TextLocalMessageChannel.create(client).reconcile(List.of(first, sameNumber));

    assertThat(results)
        .extracting(ReconcileResult::status)
        .containsExactly(Status.SENT, Status.UNKNOWN);
    assertThat(results.get(0).vendorMessageId()).contains("h-9");
    assertThat(requests).extracting(q -> form(q).get("start")).containsExactly("0", "1000");
  }

  @Test
  void theDocumentedBatchReportOfAKnownBatchProvesItsRecipientsSent() {
    batches.put("136546495", DOCUMENTED_BATCH);
    Campaign c = campaign(802, SEND_TIME);
    OutboundMessage a = message(c, "C1", "+918123456789", "Namaste");
    OutboundMessage b = message(c, "C2", "+918987654321", "Namaste");
    OutboundMessage notInBatch = message(c, "C3", "+918000000000", "Namaste");
    TextLocalMessageChannel channel =
        TextLocalMessageChannel.builder()
            .client(client)
            .knownBatchIds(id -> id.equals(c.id()) ? List.of("136546495") : List.of())
            .build();

    Map<IdempotencyKey, ReconcileResult> r = byKey(channel.reconcile(List.of(a, b, notInBatch)));

    assertThat(r.get(a.idempotencyKey()).status()).isEqualTo(Status.SENT);
    assertThat(r.get(b.idempotencyKey()).status()).isEqualTo(Status.SENT);
    assertThat(r.get(notInBatch.idempotencyKey()).status()).isEqualTo(Status.UNKNOWN);
    assertThat(targets()).containsExactly("/get_history_api/", "/status_batch/");
    assertThat(form(requests.get(1)))
        .containsOnlyKeys("apikey", "batch_id")
        .containsEntry("batch_id", "136546495");
  }

  @Test
  void receiptsTaggedWithTheCampaignCount() {
    Campaign c = campaign(803, SEND_TIME);
    OutboundMessage delivered = message(c, "C1", "+447700000001", "Hi");
    OutboundMessage invalid = message(c, "C2", "+447700000002", "Hi");
    OutboundMessage other = message(c, "C3", "+447700000003", "Hi");
    List<String> askedFor = new ArrayList<>();
    ReceiptSource receipts =
        tag -> {
          askedFor.add(tag);
          return List.of(
              DeliveryReceipts.parse(
                  "number=447700000001&status=D&customID=optimove-campaign-803"
                      + "&datetime=2026-11-23+08%3A31%3A00"),
              DeliveryReceipts.parse("number=447700000002&status=I&customID=optimove-campaign-803"),
              DeliveryReceipts.parse("number=447700000003&status=D&customID=optimove-campaign-9"));
        };

    Map<IdempotencyKey, ReconcileResult> r =
        byKey(
            TextLocalMessageChannel.builder()
                .client(client)
                .receiptSource(receipts)
                .build()
                .reconcile(List.of(delivered, invalid, other)));

    assertThat(askedFor).containsExactly("optimove-campaign-803");
    assertThat(r.get(delivered.idempotencyKey()).status()).isEqualTo(Status.SENT);
    assertThat(r.get(invalid.idempotencyKey()).status()).isEqualTo(Status.REJECTED);
    assertThat(r.get(other.idempotencyKey()).status()).isEqualTo(Status.UNKNOWN);
  }

  private TextLocalMessageChannel inferring() {
    return TextLocalMessageChannel.builder().client(client).inferNotSentFromHistory(true).build();
  }

  @Test
  void notSentOnlyWhenTurnedOnAndTheHistoryWasReadToItsEnd() {
    Campaign c = campaign(804, SEND_TIME);
    OutboundMessage absent = message(c, "C1", "+447700000001", "Hi Ann");
    OutboundMessage untagged = message(c, "C2", "+447700000002", "Hi Bob");
    OutboundMessage reworded = message(c, "C3", "+447700000003", "Hi Cy");
    OutboundMessage found = message(c, "C4", "+447700000004", "Hi Di");
    history.add(entry("u-1", "447700000002", "D", null, "Hi Bob"));
    history.add(entry("t-1", "447700000003", "D", "optimove-campaign-804", "Hello Cy"));
    history.add(entry("t-2", "447700000004", "D", "optimove-campaign-804", "Hi%20Di"));

    Map<IdempotencyKey, ReconcileResult> r =
        byKey(inferring().reconcile(List.of(absent, untagged, reworded, found)));

    assertThat(r.get(absent.idempotencyKey()).status()).isEqualTo(Status.NOT_SENT);
    assertThat(r.get(absent.idempotencyKey()).detail()).contains("INFERRED");
    // an untagged entry for the number may be this message without its tag echoed
    assertThat(r.get(untagged.idempotencyKey()).status()).isEqualTo(Status.UNKNOWN);
    // a tagged entry with another text is not this message, but blocks "never arrived"
    assertThat(r.get(reworded.idempotencyKey()).status()).isEqualTo(Status.UNKNOWN);
    // the history may keep the text URL-encoded
    assertThat(r.get(found.idempotencyKey()).status()).isEqualTo(Status.SENT);
    assertThat(r.get(found.idempotencyKey()).vendorMessageId()).contains("t-2");
  }

  @Test
  void anIncompleteHistoryNeverGivesNotSent() {
    Campaign c = campaign(805, SEND_TIME);
    OutboundMessage m = message(c, "C1", "+447700000001", "Hi");
    for (int i = 0; i < 1001; i++) {
      history.add(
          entry("x" + i, "4479" + String.format("%08d", i), "D", "optimove-campaign-1", null));
    }

    // the second page fails
    historyFault =
        start -> start > 0 ? new MockResponse.Builder().code(500).body("{}").build() : null;
    assertThat(inferring().reconcile(List.of(m)).get(0).status()).isEqualTo(Status.UNKNOWN);

    // the second page is cut
    historyFault =
        start ->
            start > 0
                ? new MockResponse.Builder()
                    .code(200)
                    .body("{\"start\":1000,\"messages\":[")
                    .build()
                : null;
    ReconcileResult cut = inferring().reconcile(List.of(m)).get(0);
    assertThat(cut.status()).isEqualTo(Status.UNKNOWN);
    assertThat(cut.detail()).contains("get_history_api could not be read");
  }

  @Test
  void aHistoryThatRepeatsItsPagesStopsAndStaysUnknown() {
    Campaign c = campaign(806, SEND_TIME);
    OutboundMessage m = message(c, "C1", "+447700000001", "Hi");
    reportTotal = false;
    for (int i = 0; i < 1000; i++) {
      history.add(
          entry("x" + i, "4479" + String.format("%08d", i), "D", "optimove-campaign-1", null));
    }
    // ignores start: always the first page
    historyFault =
        start -> {
          List<String> page = history.subList(0, 1000);
          return json("{\"messages\":[" + String.join(",", page) + "],\"status\":\"success\"}");
        };

    ReconcileResult r = inferring().reconcile(List.of(m)).get(0);

    assertThat(r.status()).isEqualTo(Status.UNKNOWN);
    assertThat(r.detail()).contains("repeated a page");
    assertThat(targets()).hasSize(2);
  }

  @Test
  void aPageLimitCapsTheReadAndLeavesItIncomplete() {
    Campaign c = campaign(807, SEND_TIME);
    OutboundMessage m = message(c, "C1", "+447700000001", "Hi");
    for (int i = 0; i < 2500; i++) {
      history.add(
          entry("x" + i, "4479" + String.format("%08d", i), "D", "optimove-campaign-1", null));
    }
    TextLocalMessageChannel capped = inferring().toBuilder().reconcileMaxHistoryPages(2).build();

    ReconcileResult r = capped.reconcile(List.of(m)).get(0);

    assertThat(r.status()).isEqualTo(Status.UNKNOWN);
    assertThat(r.detail()).contains("more than 2 pages");
    assertThat(targets()).hasSize(2);
  }

  @Test
  void aCampaignScheduledAheadIsNotLookedUpAndStaysUnknown() {
    Campaign c = campaign(808, NOW.plus(Duration.ofDays(5)));
    OutboundMessage m = message(c, "C1", "+447700000001", "Hi");
    ReconcileResult r = inferring().reconcile(List.of(m)).get(0);
    assertThat(r.status()).isEqualTo(Status.UNKNOWN);
    assertThat(targets()).isEmpty();
  }

  @Test
  void anUnreadableKnownBatchBlocksNotSent() {
    Campaign c = campaign(809, SEND_TIME);
    OutboundMessage m = message(c, "C1", "+447700000001", "Hi");
    TextLocalMessageChannel channel =
        inferring().toBuilder().knownBatchIds(id -> List.of("404404")).build();
    ReconcileResult r = channel.reconcile(List.of(m)).get(0);
    assertThat(r.status()).isEqualTo(Status.UNKNOWN);
    assertThat(r.detail()).contains("status_batch 404404");
    assertThat(targets()).containsExactly("/get_history_api/", "/status_batch/");
  }

  @Test
  void messagesOfSeveralCampaignsAreLookedUpByTheirOwnTags() {
    Campaign a = campaign(810, SEND_TIME);
    Campaign b = campaign(811, SEND_TIME);
    OutboundMessage ma = message(a, "C1", "+447700000001", "Hi");
    OutboundMessage mb = message(b, "C1", "+447700000001", "Hi");
    history.add(entry("h-a", "447700000001", "D", "optimove-campaign-810", null));
    Map<IdempotencyKey, ReconcileResult> r =
        byKey(TextLocalMessageChannel.create(client).reconcile(List.of(ma, mb)));
    assertThat(r.get(ma.idempotencyKey()).status()).isEqualTo(Status.SENT);
    assertThat(r.get(mb.idempotencyKey()).status()).isEqualTo(Status.UNKNOWN);
    assertThat(targets()).containsExactly("/get_history_api/", "/get_history_api/");
    assertThat(TextLocalMessageChannel.create(client).reconcile(List.of())).isEmpty();
  }

  @Test
  void badReconcileSettingsAreListed() {
    ConfigurationException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ConfigurationException.class,
            () ->
                TextLocalMessageChannel.builder()
                    .client(client)
                    .reconcileLookback(Duration.ZERO)
                    .reconcileMaxHistoryPages(0)
                    .build());
    assertThat(e.problems())
        .extracting(p -> p.field())
        .containsExactly("reconcileLookback", "reconcileMaxHistoryPages");
  }
}
