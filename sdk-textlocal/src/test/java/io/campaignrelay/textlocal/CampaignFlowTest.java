package io.campaignrelay.textlocal;

import static io.campaignrelay.textlocal.TextLocalServer.NOW;
import static io.campaignrelay.textlocal.TextLocalServer.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.execution.ExecutionReport;
import io.campaignrelay.core.execution.InMemoryExecutionJournal;
import io.campaignrelay.core.execution.JournalEntry;
import io.campaignrelay.core.execution.MetricsSink;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.execution.RecipientState;
import io.campaignrelay.core.execution.ReconcileResult;
import io.campaignrelay.core.metrics.DeliveryEvent;
import io.campaignrelay.core.metrics.DeliveryOutcome;
import io.campaignrelay.core.metrics.EngagementMetric;
import io.campaignrelay.core.metrics.MetricsSnapshot;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.core.template.TemplateImport;
import io.campaignrelay.textlocal.models.CustomerContact;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Optimove TextLocal flow end to end against MockWebServer. */
class CampaignFlowTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TextLocalServer tl;
  private TextLocalClient client;
  private TextLocalIntegrationSettings settings;
  private TextLocalCampaignFlow flow;
  private final List<String> droppedLog = new ArrayList<>();
  private final ExecutionListener listener =
      new ExecutionListener() {
        @Override
        public void onDropped(CustomerId customerId, RejectionReason reason, String detail) {
          droppedLog.add(customerId + ":" + reason + ":" + detail);
        }
      };

  @BeforeEach
  void start() throws Exception {
    tl = new TextLocalServer();
    client = tl.client();
    settings =
        IntegrationSettingsTest.valid()
            .apiLoginUrl(tl.server.url("/").toString())
            .addGroup("200", "VIP_")
            .build();
    flow = TextLocalCampaignFlow.builder().client(client).settings(settings).build();
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

  private static Template template(String name, String body) {
    return Template.builder()
        .id(TemplateId.of("123"))
        .name(name)
        .body(body)
        .approvalState(io.campaignrelay.core.template.ApprovalState.APPROVED)
        .build();
  }

  private static Recipient customer(String id) {
    return Recipient.of(CustomerId.of(id), CustomerAttributes.empty());
  }

  private static String contactsPage(String... rows) {
    return "{\"group_id\":189455,\"num_contacts\":"
        + rows.length
        + ",\"contacts\":["
        + String.join(",", rows)
        + "],\"status\":\"success\"}";
  }

  private static String contact(String number, String first, String custom1) {
    return "{\"number\":\""
        + number
        + "\",\"first_name\":\""
        + first
        + "\",\"last_name\":\"L\","
        + "\"custom1\":\""
        + custom1
        + "\"}";
  }

  @Test
  void templateImportSplitsByPrefix() {
    tl.enqueue(
        """
        {"templates":[{"id":1,"title":"Welcome","body":"Hi"},
                      {"id":2,"title":"VIP_Offer","body":"Gold offer"},
                      {"id":3,"title":"vip_lower","body":"x"},
                      {"id":4,"title":"","body":"no name"}],"status":"success"}
        """);
    TextLocalTemplateSource source = new TextLocalTemplateSource(client, settings.routing());
    TemplateImport imported = source.importTemplates();
    assertThat(imported.templatesOf("200")).extracting(Template::name).containsExactly("VIP_Offer");
    assertThat(imported.templatesOf("189455"))
        .extracting(Template::name)
        .containsExactly("Welcome", "vip_lower");
    assertThat(imported.templatesOf("200").get(0).body()).isEqualTo("Gold offer");
  }

  @Test
  void contactSyncUpsertsInChunksWithCustomerIdInKeyField() throws Exception {
    for (int i = 0; i < 2; i++) {
      tl.enqueue("{\"group_id\":189455,\"num_contacts\":1500,\"status\":\"success\"}");
    }
    List<CustomerContact> customers =
        IntStream.range(0, 1_600)
            .mapToObj(
                i ->
                    new CustomerContact(
                        CustomerId.of("C" + i),
                        "First" + i,
                        "Last" + i,
                        PhoneNumber.ofE164("+4477" + String.format("%08d", i))))
            .toList();
    TextLocalContactSync.Report r = TextLocalContactSync.create(client, settings).sync(customers);
    assertThat(r.calls()).isEqualTo(2);
    assertThat(r.submitted()).isEqualTo(1_600);
    Map<String, String> f = form(tl.take());
    assertThat(f).containsEntry("group_id", "189455");
    JsonNode first = JSON.readTree(f.get("contacts"));
    assertThat(first.size()).isEqualTo(1_500);
    assertThat(first.get(7).path("custom1").asText()).isEqualTo("C7");
    assertThat(first.get(7).path("first_name").asText()).isEqualTo("First7");
    assertThat(first.get(7).path("number").asText()).isEqualTo("447700000007");
    assertThat(JSON.readTree(form(tl.take()).get("contacts")).size()).isEqualTo(100);
  }

  @Test
  void sameTextCampaignUsesATemporaryGroupScheduledAtSendTime() throws Exception {
    Instant sendAt = NOW.plus(Duration.ofHours(3));
    tl.enqueue(
        contactsPage(
            contact("447700000001", "Ann", "C1"),
            contact("447700000002", "Bob", "C2"),
            contact("12", "Bad", "C3")));
    tl.enqueue("{\"group\":{\"id\":999,\"name\":\"tmp\"},\"status\":\"success\"}");
    tl.enqueue("{\"group_id\":999,\"num_contacts\":2,\"status\":\"success\"}");
    tl.enqueue("{\"batch_id\":4242,\"num_messages\":2,\"status\":\"success\"}");

    CampaignDispatch d =
        flow.execute(
            campaign(77, sendAt),
            template("Welcome", "Our sale starts today!"),
            Stream.of(customer("C1"), customer("C2"), customer("C3"), customer("C4")),
            ExecutionMode.LIVE,
            listener);

    RecordedRequest contacts = tl.take();
    assertThat(contacts.getTarget()).isEqualTo("/get_contacts/");
    assertThat(form(contacts)).containsEntry("group_id", "189455");
    Map<String, String> group = form(tl.take());
    assertThat(group.get("name")).startsWith("optimove-campaign-77-");
    Map<String, String> bulk = form(tl.take());
    assertThat(bulk).containsEntry("group_id", "999");
    JsonNode added = JSON.readTree(bulk.get("contacts"));
    assertThat(added.size()).isEqualTo(2);
    assertThat(added.get(0).path("custom1").asText()).isEqualTo("C1");
    RecordedRequest sendReq = tl.take();
    assertThat(sendReq.getTarget()).isEqualTo("/send/");
    assertThat(form(sendReq))
        .containsEntry("group_id", "999")
        .containsEntry("message", "Our sale starts today!")
        .containsEntry("sender", "Shop")
        .containsEntry("custom", "optimove-campaign-77")
        .containsEntry("optouts", "true")
        .containsEntry("schedule_time", Long.toString(sendAt.getEpochSecond()))
        .doesNotContainKey("numbers");

    assertThat(d.route()).isEqualTo(CampaignDispatch.Route.TEMPORARY_GROUP);
    assertThat(d.temporaryGroupId()).isEqualTo("999");
    assertThat(d.batchIds()).containsExactly("4242");
    assertThat(d.targeted()).isEqualTo(4);
    assertThat(d.submitted()).isEqualTo(2);
    assertThat(d.droppedByReason())
        .containsEntry(RejectionReason.INVALID_PHONE_FORMAT, 1L)
        .containsEntry(RejectionReason.OTHER, 1L);
    assertThat(droppedLog).hasSize(2);
    assertThat(droppedLog.get(1)).startsWith("C4:OTHER:no contact with custom1=C4");
    assertThat(flow.ledger().find(CampaignId.scheduled(77))).contains(d);

    // the group is kept until send time + grace, then deleted
    assertThat(flow.cleanupTemporaryGroups()).isZero();
    TextLocalClient later =
        TextLocalClient.builder()
            .clientOptions(
                tl.options().toBuilder()
                    .clock(java.time.Clock.fixed(sendAt.plus(Duration.ofHours(7)), ZoneOffset.UTC))
                    .build())
            .credential(TextLocalCredential.apiKey("k"))
            .buildClient();
    TextLocalCampaignFlow laterFlow =
        TextLocalCampaignFlow.builder()
            .client(later)
            .settings(settings)
            .ledger(flow.ledger())
            .build();
    tl.enqueue("{\"status\":\"success\"}");
    assertThat(laterFlow.cleanupTemporaryGroups()).isEqualTo(1);
    assertThat(form(tl.take())).containsEntry("group_id", "999");
    assertThat(flow.ledger().find(CampaignId.scheduled(77)).orElseThrow().temporaryGroupDeleted())
        .isTrue();
    assertThat(laterFlow.cleanupTemporaryGroups()).isZero();
  }

  @Test
  void personalisedCampaignGoesThroughBulkJsonWithRenderedTexts() throws Exception {
    tl.enqueue(
        contactsPage(contact("447700000001", "Ann", "C1"), contact("447700000002", "Bob", "C2")));
    tl.enqueue(
        "{\"total_cost\":2,\"messages\":[{\"batch_id\":5151,\"num_messages\":2,"
            + "\"messages\":[{\"id\":\"81\",\"recipient\":447700000001},"
            + "{\"id\":\"82\",\"recipient\":447700000002}]}],"
            + "\"status\":\"success\"}");
    CampaignDispatch d =
        flow.execute(
            campaign(78, NOW.minusSeconds(60)),
            template("VIP_Offer", "Hi [%FIRST_NAME%], gold offer"),
            Stream.of(customer("C1"), customer("C2"), customer("C9")),
            ExecutionMode.LIVE,
            listener);

    assertThat(form(tl.take())).containsEntry("group_id", "200");
    RecordedRequest bulk = tl.take();
    assertThat(bulk.getTarget()).isEqualTo("/bulk_json/");
    JsonNode data = JSON.readTree(form(bulk).get("data"));
    assertThat(data.path("custom").asText()).isEqualTo("optimove-campaign-78");
    assertThat(data.path("sender").asText()).isEqualTo("Shop");
    assertThat(data.has("scheduled")).isFalse(); // the send time has passed: send now
    assertThat(data.path("messages").get(0).path("text").asText()).isEqualTo("Hi Ann, gold offer");
    assertThat(data.path("messages").get(1).path("number").asText()).isEqualTo("447700000002");
    assertThat(d.route()).isEqualTo(CampaignDispatch.Route.BULK_JSON);
    assertThat(d.groupId()).isEqualTo("200");
    assertThat(d.batchIds()).containsExactly("5151");
    assertThat(d.submitted()).isEqualTo(2);
    assertThat(d.dropped()).isEqualTo(1);
    assertThat(tl.requestCount()).isEqualTo(2);
  }

  @Test
  void personalisedCampaignChunksAt500() throws Exception {
    StringBuilder rows = new StringBuilder();
    List<Recipient> recipients = new ArrayList<>();
    for (int i = 0; i < 1_100; i++) {
      rows.append(i > 0 ? "," : "")
          .append(contact("4477" + String.format("%08d", i), "N" + i, "C" + i));
      recipients.add(customer("C" + i));
    }
    tl.enqueue("{\"num_contacts\":1100,\"contacts\":[" + rows + "],\"status\":\"success\"}");
    for (int i = 0; i < 3; i++) {
      tl.enqueueAcceptAll(Integer.toString(60 + i));
    }
    CampaignDispatch d =
        flow.execute(
            campaign(79, NOW.plusSeconds(600)),
            template("Welcome", "Hi [%FIRST_NAME%]"),
            recipients.stream(),
            ExecutionMode.LIVE,
            listener);
    tl.take();
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonNode data = JSON.readTree(form(tl.take()).get("data"));
      sizes.add(data.path("messages").size());
      assertThat(data.path("scheduled").asLong()).isEqualTo(NOW.getEpochSecond() + 600);
    }
    // Up to four bulk_json calls are in flight at once: they may reach TextLocal in any order.
    assertThat(sizes).containsExactlyInAnyOrder(500, 500, 100);
    assertThat(d.batchIds()).containsExactlyInAnyOrder("60", "61", "62");
  }

  @Test
  void testModeIsTheDefaultAndOnlyReadsContacts() throws Exception {
    tl.enqueue(
        contactsPage(
            contact("447700000001", "Ann", "C1"),
            contact("447700000002", "Bob", "C2"),
            contact("12", "Bad", "C3")));
    CampaignDispatch d =
        flow.execute(
            campaign(90, NOW.plusSeconds(600)),
            template("Welcome", "Hi [%FIRST_NAME%], gold offer"),
            Stream.of(customer("C1"), customer("C2"), customer("C3"), customer("C4")),
            listener);

    assertThat(tl.requestCount()).isEqualTo(1);
    assertThat(tl.take().getTarget()).isEqualTo("/get_contacts/");
    assertThat(d.testMode()).isTrue();
    assertThat(d.route()).isEqualTo(CampaignDispatch.Route.BULK_JSON);
    assertThat(d.targeted()).isEqualTo(4);
    assertThat(d.submitted()).isEqualTo(2);
    assertThat(d.batchIds()).isEmpty();
    assertThat(d.droppedByReason())
        .containsEntry(RejectionReason.INVALID_PHONE_FORMAT, 1L)
        .containsEntry(RejectionReason.OTHER, 1L);
    assertThat(droppedLog)
        .anySatisfy(l -> assertThat(l).startsWith("C4:OTHER:no contact with custom1=C4"))
        .anySatisfy(l -> assertThat(l).startsWith("C3:INVALID_PHONE_FORMAT:"));
    assertThat(flow.messageLog().byCampaign(CampaignId.scheduled(90)))
        .extracting(m -> m.text().orElse(""))
        .containsExactly("Hi Ann, gold offer", "Hi Bob, gold offer");
    assertThat(flow.ledger().all()).isEmpty(); // TEST runs drive no metrics and no clean-up
    assertThat(flow.journal()).isInstanceOf(InMemoryExecutionJournal.class);
    assertThat(((InMemoryExecutionJournal) flow.journal()).size()).isZero();
  }

  @Test
  void testModeSameTextCreatesNoTemporaryGroup() throws Exception {
    tl.enqueue(contactsPage(contact("447700000001", "Ann", "C1")));
    TextLocalCampaignRun run =
        flow.run(
            campaign(91, NOW.plusSeconds(600)),
            template("Welcome", "Our sale starts today!"),
            Stream.of(customer("C1")),
            ExecutionMode.TEST,
            listener);

    assertThat(tl.requestCount()).isEqualTo(1);
    assertThat(run.mode()).isEqualTo(ExecutionMode.TEST);
    assertThat(run.dispatch().route()).isEqualTo(CampaignDispatch.Route.TEMPORARY_GROUP);
    assertThat(run.dispatch().temporaryGroupId()).isNull();
    assertThat(run.report().orElseThrow().logged()).isEqualTo(1);
    assertThat(flow.messageLog().byCampaign(CampaignId.scheduled(91))).hasSize(1);
    assertThat(flow.cleanupTemporaryGroups()).isZero();
    assertThat(tl.requestCount()).isEqualTo(1);
  }

  @Test
  void liveSameTextRunHasNoEngineReport() {
    tl.enqueue(contactsPage(contact("447700000001", "Ann", "C1")));
    tl.enqueue("{\"group\":{\"id\":321},\"status\":\"success\"}");
    tl.enqueue("{\"num_contacts\":1,\"status\":\"success\"}");
    tl.enqueue("{\"batch_id\":11,\"num_messages\":1,\"status\":\"success\"}");
    TextLocalCampaignRun run =
        flow.run(
            campaign(92, NOW.plusSeconds(600)),
            template("Welcome", "Plain"),
            Stream.of(customer("C1")),
            ExecutionMode.LIVE,
            listener);
    assertThat(run.report()).isEmpty();
    assertThat(run.dispatch().batchIds()).containsExactly("11");
    assertThat(run.dispatch().testMode()).isFalse();
    assertThat(tl.requestCount()).isEqualTo(4);
  }

  @Test
  void liveRunJournalsAndResumesSendingOnlyTheBatchTextLocalRefused() throws Exception {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    // One bulk_json call at a time, so that the scripted answers meet the batches in order.
    TextLocalCampaignFlow journaled =
        TextLocalCampaignFlow.builder()
            .client(client)
            .settings(settings)
            .journal(journal)
            .channelDecorator(CampaignFlowTest::oneAtATime)
            .build();
    StringBuilder rows = new StringBuilder();
    List<Recipient> recipients = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      rows.append(i > 0 ? "," : "")
          .append(contact("4477" + String.format("%08d", i), "N" + i, "C" + i));
      recipients.add(customer("C" + i));
    }
    recipients.add(customer("NOPE"));
    String page = "{\"num_contacts\":600,\"contacts\":[" + rows + "],\"status\":\"success\"}";
    Campaign c = campaign(93, NOW.plusSeconds(600));
    Template t = template("Welcome", "Hi [%FIRST_NAME%]");
    tl.enqueue(page);
    tl.enqueueAcceptAll("301");
    tl.enqueue(
        "{\"errors\":[{\"code\":7,\"message\":\"Insufficient credits.\"}],\"status\":\"failure\"}");

    assertThatThrownBy(
            () -> journaled.execute(c, t, recipients.stream(), ExecutionMode.LIVE, listener))
        .isInstanceOf(CampaignExecutionException.class);
    CampaignDispatch partial = journaled.ledger().find(c.id()).orElseThrow();
    assertThat(partial.batchIds()).containsExactly("301");
    assertThat(partial.submitted()).isEqualTo(500);
    assertThat(journal.entry(c.id(), CustomerId.of("NOPE")).orElseThrow().state())
        .isEqualTo(RecipientState.DROPPED);
    assertThat(journal.pending(c.id())).isEmpty();
    assertThat(journal.entry(c.id(), CustomerId.of("C599")).orElseThrow().state())
        .isEqualTo(RecipientState.FAILED);

    tl.enqueue(page);
    tl.enqueueAcceptAll("302");
    List<JournalEntry> uncertain = new ArrayList<>();
    TextLocalCampaignRun resumed =
        journaled.run(
            c,
            t,
            recipients.stream(),
            ExecutionMode.LIVE,
            new ExecutionListener() {
              @Override
              public void onUncertain(JournalEntry entry) {
                uncertain.add(entry);
              }
            });

    // get_contacts again, then only the 100 TextLocal refused with code 7, a documented refusal
    assertThat(tl.requestCount()).isEqualTo(5);
    ExecutionReport report = resumed.report().orElseThrow();
    assertThat(report.skipped()).isEqualTo(500);
    assertThat(report.uncertain()).isZero();
    assertThat(report.dispatched()).isEqualTo(100);
    assertThat(uncertain).isEmpty();
    CampaignDispatch merged = journaled.ledger().find(c.id()).orElseThrow();
    assertThat(merged.batchIds()).containsExactly("301", "302");
    assertThat(merged.submitted()).isEqualTo(600);
    assertThat(merged.targeted()).isEqualTo(601);
    assertThat(merged.dropped()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"html", "empty", "unlisted-code", "failure-without-errors"})
  void aGroupSendWithoutAPositiveRefusalKeepsTheGroupAndRefusesARerun(String answer)
      throws Exception {
    tl.enqueue(contactsPage(contact("447700000001", "Ann", "C1")));
    tl.enqueue("{\"group\":{\"id\":558},\"status\":\"success\"}");
    tl.enqueue("{\"num_contacts\":1,\"status\":\"success\"}");
    switch (answer) {
      case "html" ->
          tl.enqueue(
              new MockResponse.Builder()
                  .code(200)
                  .addHeader("Content-Type", "text/html")
                  .body("<html>Service Unavailable</html>")
                  .build());
      case "empty" -> tl.enqueue("");
      case "unlisted-code" ->
          tl.enqueue(
              "{\"errors\":[{\"code\":987,\"message\":\"Brand new\"}],\"status\":\"failure\"}");
      default -> tl.enqueue("{\"status\":\"failure\"}");
    }
    Campaign c = campaign(84, NOW.plusSeconds(60));
    RuntimeException first =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            RuntimeException.class,
            () ->
                flow.execute(
                    c,
                    template("Welcome", "Plain"),
                    Stream.of(customer("C1")),
                    ExecutionMode.LIVE,
                    listener));
    assertThat(first.getMessage()).doesNotContain("none was sent", "nothing was sent");
    if (first instanceof io.campaignrelay.core.http.ApiServiceException s) {
      assertThat(s.requestRefused()).isFalse();
    } else {
      assertThat(first).isInstanceOf(io.campaignrelay.core.http.ApiConnectionException.class);
      assertThat(((io.campaignrelay.core.http.ApiConnectionException) first).outcomeUnknown())
          .isTrue();
    }
    // no delete_group: the group may hold a scheduled send
    assertThat(tl.requestCount()).isEqualTo(4);
    CampaignDispatch record = flow.ledger().find(c.id()).orElseThrow();
    assertThat(record.submitted()).isEqualTo(1);
    assertThat(record.temporaryGroupDeleted()).isFalse();

    tl.enqueue(contactsPage(contact("447700000001", "Ann", "C1")));
    assertThatThrownBy(
            () ->
                flow.execute(
                    c,
                    template("Welcome", "Plain"),
                    Stream.of(customer("C1")),
                    ExecutionMode.LIVE,
                    listener))
        .isInstanceOf(CampaignAlreadySentException.class);
    assertThat(tl.requestCount()).isLessThanOrEqualTo(5);
  }

  @Test
  void aGroupSendRefusedWithADocumentedCodeMayRunAgainAndIsSentOnce() throws Exception {
    tl.enqueue(contactsPage(contact("447700000001", "Ann", "C1")));
    tl.enqueue("{\"group\":{\"id\":559},\"status\":\"success\"}");
    tl.enqueue("{\"num_contacts\":1,\"status\":\"success\"}");
    tl.enqueue(
        "{\"errors\":[{\"code\":7,\"message\":\"Insufficient credits.\"}],\"status\":\"failure\"}");
    tl.enqueue("{\"status\":\"success\"}"); // delete_group
    Campaign c = campaign(85, NOW.plusSeconds(60));
    TextLocalApiException refused =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            TextLocalApiException.class,
            () ->
                flow.execute(
                    c,
                    template("Welcome", "Plain"),
                    Stream.of(customer("C1")),
                    ExecutionMode.LIVE,
                    listener));
    assertThat(refused.requestRefused()).isTrue();
    assertThat(flow.ledger().find(c.id()).orElseThrow().submitted()).isZero();

    tl.enqueue(contactsPage(contact("447700000001", "Ann", "C1")));
    tl.enqueue("{\"group\":{\"id\":560},\"status\":\"success\"}");
    tl.enqueue("{\"num_contacts\":1,\"status\":\"success\"}");
    tl.enqueue("{\"num_messages\":1,\"batch_id\":9002,\"status\":\"success\"}");
    CampaignDispatch d =
        flow.execute(
            c,
            template("Welcome", "Plain"),
            Stream.of(customer("C1")),
            ExecutionMode.LIVE,
            listener);
    assertThat(d.batchIds()).containsExactly("9002");
    int sends = 0;
    for (int i = tl.requestCount(); i > 0; i--) {
      if (tl.take().getTarget().equals("/send/")) {
        sends++;
      }
    }
    assertThat(sends).isEqualTo(2); // the refused one and the one that went out
  }

  @Test
  void anAnswerLeavingOneOutIsUncertainAndTheFlowsChannelReconcilesItWithTheLedgersBatch()
      throws Exception {
    tl.enqueue(
        contactsPage(contact("447700000001", "Ann", "C1"), contact("447700000002", "Bob", "C2")));
    tl.enqueue(
        "{\"messages\":[{\"batch_id\":901,\"num_messages\":2,"
            + "\"messages\":[{\"id\":\"81\",\"recipient\":447700000001}]}],"
            + "\"status\":\"success\"}");
    Campaign c = campaign(86, NOW.minusSeconds(60));
    Template t = template("VIP_Offer", "Hi [%FIRST_NAME%], gold offer");
    TextLocalCampaignRun run =
        flow.run(c, t, Stream.of(customer("C1"), customer("C2")), ExecutionMode.LIVE, listener);
    assertThat(run.report().orElseThrow().dispatched()).isEqualTo(1);
    assertThat(run.report().orElseThrow().uncertain()).isEqualTo(1);
    assertThat(flow.ledger().find(c.id()).orElseThrow().batchIds()).containsExactly("901");
    // the contacts page, the send, and the run's own look at the records (unscripted: unknown)
    for (int i = tl.requestCount(); i > 0; i--) {
      tl.take();
    }

    tl.enqueue("{\"total\":0,\"messages\":[],\"status\":\"success\"}");
    tl.enqueue(
        "{\"batch_id\":901,\"num_messages\":2,\"num_delivered\":2,\"messages\":["
            + "{\"recipient\":447700000001,\"status\":\"D\"},"
            + "{\"recipient\":447700000002,\"status\":\"D\"}],\"status\":\"success\"}");
    OutboundMessage bob =
        OutboundMessage.of(
            c,
            CustomerId.of("C2"),
            PhoneNumber.ofE164("+447700000002"),
            TemplateId.of("123"),
            "Hi Bob, gold offer");
    List<ReconcileResult> r = flow.channel().reconcile(List.of(bob));

    assertThat(r)
        .singleElement()
        .satisfies(x -> assertThat(x.status()).isEqualTo(ReconcileResult.Status.SENT));
    assertThat(tl.take().getTarget()).isEqualTo("/get_history_api/");
    RecordedRequest batch = tl.take();
    assertThat(batch.getTarget()).isEqualTo("/status_batch/");
    assertThat(form(batch)).containsEntry("batch_id", "901");
  }

  @Test
  void failedSendDeletesTheTemporaryGroupAtOnce() throws Exception {
    tl.enqueue(contactsPage(contact("447700000001", "Ann", "C1")));
    tl.enqueue("{\"group\":{\"id\":555},\"status\":\"success\"}");
    tl.enqueue("{\"num_contacts\":1,\"status\":\"success\"}");
    tl.enqueue(
        "{\"errors\":[{\"code\":7,\"message\":\"Insufficient credits.\"}],\"status\":\"failure\"}");
    tl.enqueue("{\"status\":\"success\"}");
    TextLocalApiException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            TextLocalApiException.class,
            () ->
                flow.execute(
                    campaign(80, NOW.plusSeconds(60)),
                    template("Welcome", "Plain"),
                    Stream.of(customer("C1")),
                    ExecutionMode.LIVE,
                    listener));
    assertThat(e.errorCode().code()).isEqualTo(7);
    for (int i = 0; i < 4; i++) {
      tl.take();
    }
    RecordedRequest delete = tl.take();
    assertThat(delete.getTarget()).isEqualTo("/delete_group/");
    assertThat(form(delete)).containsEntry("group_id", "555");
    assertThat(flow.ledger().find(CampaignId.scheduled(80)).orElseThrow().temporaryGroupDeleted())
        .isTrue();
  }

  @Test
  void aSameTextCampaignAlreadySentIsNeverSentAgain() throws Exception {
    tl.enqueue(contactsPage(contact("447700000001", "Ann", "C1")));
    tl.enqueue("{\"group\":{\"id\":556},\"status\":\"success\"}");
    tl.enqueue("{\"num_contacts\":1,\"status\":\"success\"}");
    tl.enqueue("{\"num_messages\":1,\"batch_id\":9001,\"status\":\"success\"}");
    Campaign c = campaign(82, NOW.plusSeconds(60));
    flow.execute(
        c, template("Welcome", "Plain"), Stream.of(customer("C1")), ExecutionMode.LIVE, listener);
    assertThat(tl.requestCount()).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      tl.take();
    }

    tl.enqueue(contactsPage(contact("447700000001", "Ann", "C1")));
    CampaignAlreadySentException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            CampaignAlreadySentException.class,
            () ->
                flow.execute(
                    c,
                    template("Welcome", "Plain"),
                    Stream.of(customer("C1")),
                    ExecutionMode.LIVE,
                    listener));

    assertThat(e.getMessage()).contains("82", "9001", "this run sent nothing");
    // only the contact page was read: no group, no send
    assertThat(tl.requestCount()).isLessThanOrEqualTo(5);
    for (int i = 4; i < tl.requestCount(); i++) {
      assertThat(tl.take().getTarget()).isEqualTo("/get_contacts/");
    }
  }

  @Test
  void aGroupSendWhoseAnswerWasLostKeepsTheGroupAndRefusesARerun() throws Exception {
    tl.enqueue(contactsPage(contact("447700000001", "Ann", "C1")));
    tl.enqueue("{\"group\":{\"id\":557},\"status\":\"success\"}");
    tl.enqueue("{\"num_contacts\":1,\"status\":\"success\"}");
    tl.enqueueDisconnect();
    Campaign c = campaign(83, NOW.plusSeconds(60));
    io.campaignrelay.core.http.ApiConnectionException lost =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            io.campaignrelay.core.http.ApiConnectionException.class,
            () ->
                flow.execute(
                    c,
                    template("Welcome", "Plain"),
                    Stream.of(customer("C1")),
                    ExecutionMode.LIVE,
                    listener));
    assertThat(lost.outcomeUnknown()).isTrue();
    // not retried, and the (maybe scheduled) group is not deleted
    assertThat(tl.requestCount()).isEqualTo(4);
    CampaignDispatch record = flow.ledger().find(c.id()).orElseThrow();
    assertThat(record.submitted()).isEqualTo(1);
    assertThat(record.temporaryGroupDeleted()).isFalse();

    tl.enqueue(contactsPage(contact("447700000001", "Ann", "C1")));
    assertThatThrownBy(
            () ->
                flow.execute(
                    c,
                    template("Welcome", "Plain"),
                    Stream.of(customer("C1")),
                    ExecutionMode.LIVE,
                    listener))
        .isInstanceOf(CampaignAlreadySentException.class)
        .hasMessageContaining("outcome unknown");
  }

  @Test
  void metricsArePulledDailyForAWeekAndAggregated() throws Exception {
    CampaignDispatch d =
        new CampaignDispatch(
            CampaignId.scheduled(81),
            CampaignDispatch.Route.BULK_JSON,
            "189455",
            null,
            false,
            "optimove-campaign-81",
            NOW.minus(Duration.ofHours(25)),
            5,
            4,
            Map.of(RejectionReason.OTHER, 1L),
            List.of("9001"),
            false);
    flow.ledger().save(d);
    tl.enqueue(
        contactsPage(
            contact("447700000001", "A", "C1"),
            contact("447700000002", "B", "C2"),
            contact("447700000003", "C", "C3"),
            contact("447700000004", "D", "C4")));
    tl.enqueue(
        """
        {"batch_id":9001,"num_messages":4,"num_delivered":1,"num_undelivered":1,"num_expired":0,
         "num_unknown":1,"num_invalid":1,
         "messages":[{"recipient":447700000001,"status":"D"},{"recipient":447700000002,"status":"U"},
                     {"recipient":447700000003,"status":"?"},{"recipient":447700000004,"status":"I"}],
         "status":"success"}
        """);
    List<DeliveryEvent> events = new ArrayList<>();
    List<MetricsSnapshot> reported = new ArrayList<>();
    MetricsSink sink =
        new MetricsSink() {
          @Override
          public void accept(DeliveryEvent event) {
            events.add(event);
          }

          @Override
          public void report(MetricsSnapshot snapshot) {
            reported.add(snapshot);
          }
        };
    TextLocalMetricsCollector collector =
        TextLocalMetricsCollector.create(client, flow.ledger(), settings.keyField());
    List<MetricsSnapshot> snapshots = collector.collectDue(NOW.minus(Duration.ofHours(2)), sink);

    assertThat(form(tl.take())).containsEntry("group_id", "189455");
    assertThat(form(tl.take())).containsEntry("batch_id", "9001");
    assertThat(snapshots).hasSize(1).isEqualTo(reported);
    MetricsSnapshot s = snapshots.get(0);
    assertThat(s.count(EngagementMetric.DELIVERED)).isEqualTo(1);
    assertThat(s.count(EngagementMetric.BOUNCED)).isEqualTo(1);
    assertThat(s.count(EngagementMetric.DROPPED)).isEqualTo(2);
    assertThat(s.sent()).hasValue(3);
    assertThat(events)
        .extracting(ev -> ev.customerId().value() + "=" + ev.outcome().kind())
        .containsExactly("C1=DELIVERED", "C2=UNDELIVERED", "C3=UNKNOWN", "C4=REJECTED");

    // nothing is due again the same day; the run after the 7th day pulls nothing
    assertThat(collector.collectDue(NOW, sink)).isEmpty();
    assertThat(tl.requestCount()).isEqualTo(2);
  }

  @Test
  void receiptCallbackIsParsedAndMapped() {
    var receipt =
        DeliveryReceipts.parse(
            "number=447700000001&status=D&customID=optimove-campaign-77&datetime=2026-11-23+10%3A05%3A00");
    assertThat(receipt.number()).isEqualTo("447700000001");
    assertThat(TextLocalCampaignFlow.campaignOfTag(receipt.customId()))
        .contains(CampaignId.scheduled(77));
    DeliveryEvent ev =
        DeliveryReceipts.toEvent(
            receipt, CampaignId.scheduled(77), CustomerId.of("C1"), ZoneOffset.UTC, NOW);
    assertThat(ev.outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
    assertThat(ev.occurredAt()).isEqualTo(Instant.parse("2026-11-23T10:05:00Z"));
    assertThat(
            DeliveryReceipts.toOutcome(io.campaignrelay.textlocal.models.DeliveryStatus.INVALID)
                .rejectionReason())
        .contains(RejectionReason.INVALID_PHONE_FORMAT);
    assertThat(DeliveryReceipts.toOutcome(io.campaignrelay.textlocal.models.DeliveryStatus.EXPIRED))
        .isEqualTo(DeliveryOutcome.EXPIRED);
    assertThat(DeliveryReceipts.toOutcome(io.campaignrelay.textlocal.models.DeliveryStatus.PENDING))
        .isEqualTo(DeliveryOutcome.PENDING);
    assertThat(
            DeliveryReceipts.toOutcome(io.campaignrelay.textlocal.models.DeliveryStatus.UNKNOWN)
                .raw())
        .contains("?");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeliveryReceipts.parse("status=D"))
        .isInstanceOf(io.campaignrelay.core.ConfigurationException.class)
        .hasMessageContaining("number");
  }

  /** The channel as it is, but with one batch in flight at a time. */
  static io.campaignrelay.core.execution.MessageChannel oneAtATime(
      io.campaignrelay.core.execution.MessageChannel channel) {
    return new io.campaignrelay.core.execution.ForwardingMessageChannel(channel) {
      @Override
      public int maxConcurrentBatches() {
        return 1;
      }
    };
  }
}
