package io.campaignrelay.textlocal;

import static io.campaignrelay.textlocal.TextLocalServer.API_KEY;
import static io.campaignrelay.textlocal.TextLocalServer.NOW;
import static io.campaignrelay.textlocal.TextLocalServer.body;
import static io.campaignrelay.textlocal.TextLocalServer.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.campaignrelay.core.PagedIterable;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.Secret;
import io.campaignrelay.textlocal.models.Balance;
import io.campaignrelay.textlocal.models.BatchStatus;
import io.campaignrelay.textlocal.models.BulkMessage;
import io.campaignrelay.textlocal.models.BulkSendOptions;
import io.campaignrelay.textlocal.models.BulkSendResult;
import io.campaignrelay.textlocal.models.Contact;
import io.campaignrelay.textlocal.models.ContactDeleted;
import io.campaignrelay.textlocal.models.ContactPage;
import io.campaignrelay.textlocal.models.ContactsCreated;
import io.campaignrelay.textlocal.models.CustomField;
import io.campaignrelay.textlocal.models.DeliveryStatus;
import io.campaignrelay.textlocal.models.GroupCreated;
import io.campaignrelay.textlocal.models.GroupList;
import io.campaignrelay.textlocal.models.HistoryMessage;
import io.campaignrelay.textlocal.models.HistoryQuery;
import io.campaignrelay.textlocal.models.InboundMessage;
import io.campaignrelay.textlocal.models.InboxList;
import io.campaignrelay.textlocal.models.MessageStatus;
import io.campaignrelay.textlocal.models.NewContact;
import io.campaignrelay.textlocal.models.OptOutList;
import io.campaignrelay.textlocal.models.ScheduledList;
import io.campaignrelay.textlocal.models.SendRequest;
import io.campaignrelay.textlocal.models.SendResult;
import io.campaignrelay.textlocal.models.SenderNames;
import io.campaignrelay.textlocal.models.SortOrder;
import io.campaignrelay.textlocal.models.TemplateList;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** For every command: the exact request TextLocal receives and a realistic response, read back. */
class CommandContractTest {

  private static final PhoneNumber A = PhoneNumber.ofE164("+447123456789");
  private static final PhoneNumber B = PhoneNumber.ofE164("+447987654321");

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

  private Map<String, String> expectPost(String path) throws InterruptedException {
    RecordedRequest r = tl.take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo(path);
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(r.getHeaders().get("X-Campaign-Relay-Retry-Safe")).isNull();
    assertThat(r.getHeaders().get("User-Agent")).contains("textlocal");
    Map<String, String> form = form(r);
    assertThat(form).containsEntry("apikey", API_KEY);
    return form;
  }

  @Test
  void sendToNumbersWithEveryOption() throws Exception {
    tl.enqueue(
        """
        {"test_mode":false,"balance":1162,"batch_id":123456789,"cost":2,"num_messages":2,
         "message":{"num_parts":1,"sender":"Jims Autos","content":"This is your message"},
         "receipt_url":"","custom":"cmp-42",
         "messages":[{"id":"1151346216","recipient":447123456789},
                     {"id":1151347780,"recipient":447987654321}],
         "status":"success"}
        """);
    SendResult r =
        client.send(
            SendRequest.builder()
                .numbers(List.of(A, B))
                .message("This is your message & 100% off")
                .sender("Jims Autos")
                .scheduleTime(NOW.plusSeconds(3600))
                .receiptUrl("https://hooks.example.com/r")
                .custom("cmp-42")
                .optOuts(true)
                .validity(NOW.plusSeconds(7200))
                .trackingLinks(false)
                .build());

    Map<String, String> f = expectPost("/send/");
    assertThat(f)
        .containsEntry("numbers", "447123456789,447987654321")
        .containsEntry("message", "This is your message & 100% off")
        .containsEntry("sender", "Jims Autos")
        .containsEntry("schedule_time", Long.toString(NOW.getEpochSecond() + 3600))
        .containsEntry("receipt_url", "https://hooks.example.com/r")
        .containsEntry("custom", "cmp-42")
        .containsEntry("optouts", "true")
        .containsEntry("validity", Long.toString(NOW.getEpochSecond() + 7200))
        .containsEntry("tracking_links", "false")
        .doesNotContainKeys("group_id", "unicode", "test", "simple_reply");
    assertThat(r.batchId()).isEqualTo("123456789");
    assertThat(r.balance()).isEqualByComparingTo("1162");
    assertThat(r.cost()).isEqualByComparingTo(BigDecimal.valueOf(2));
    assertThat(r.numMessages()).isEqualTo(2);
    assertThat(r.message().numParts()).isEqualTo(1);
    assertThat(r.message().sender()).isEqualTo("Jims Autos");
    assertThat(r.messages())
        .extracting(m -> m.id() + "->" + m.recipient())
        .containsExactly("1151346216->447123456789", "1151347780->447987654321");
    assertThat(r.testMode()).isFalse();
    assertThat(r.errors()).isEmpty();
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void sendToGroupSetsUnicodeForUcs2TextAndTestModeMapsToResult() throws Exception {
    tl.enqueue(
        """
        {"test_mode":true,"balance":50,"batch_id":0,"cost":3,"num_messages":3,
         "message":{"num_parts":1,"sender":"TXTLCL","content":"Zażółć"},"status":"success"}
        """);
    SendResult r =
        client.send(
            SendRequest.builder().groupId("189455").message("Zażółć gęślą").test(true).build());

    Map<String, String> f = expectPost("/send/");
    assertThat(f)
        .containsEntry("group_id", "189455")
        .containsEntry("unicode", "true")
        .containsEntry("test", "true")
        .doesNotContainKey("numbers");
    assertThat(r.testMode()).isTrue();
    assertThat(r.messages()).isEmpty();
  }

  @Test
  void bulkJsonSendsEachTextInOneDataDocument() throws Exception {
    tl.enqueue(
        """
        {"total_cost":2,"balance_post_send":998,
         "messages":[{"batch_id":555,"num_messages":2,"custom":"cmp-7",
                      "messages":[{"id":"1","recipient":447123456789},
                                  {"id":"2","recipient":447987654321}]}],
         "messages_not_sent":[{"unique_id":"u3","number":"44700","message":"Hi C",
                               "error":{"code":32,"message":"Invalid number format."}}],
         "status":"success"}
        """);
    BulkSendResult r =
        client.sendBulk(
            List.of(BulkMessage.of(A, "Hi Ann, \"50%\" off"), new BulkMessage(B, "Hi Bob", "u2")),
            BulkSendOptions.defaults()
                .withSender("Shop")
                .withCustom("cmp-7")
                .withScheduleTime(NOW.plusSeconds(60)));

    Map<String, String> f = expectPost("/bulk_json/");
    assertThat(f).containsOnlyKeys("apikey", "data");
    assertThat(f.get("data"))
        .isEqualTo(
            "{\"sender\":\"Shop\",\"scheduled\":"
                + (NOW.getEpochSecond() + 60)
                + ",\"custom\":\"cmp-7\",\"messages\":["
                + "{\"number\":\"447123456789\",\"text\":\"Hi Ann, \\\"50%\\\" off\"},"
                + "{\"number\":\"447987654321\",\"text\":\"Hi Bob\",\"unique_id\":\"u2\"}]}");
    assertThat(r.totalCost()).isEqualByComparingTo("2");
    assertThat(r.balancePostSend()).isEqualByComparingTo("998");
    assertThat(r.batchIds()).containsExactly("555");
    assertThat(r.batches().get(0).messages()).hasSize(2);
    assertThat(r.messagesNotSent())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.uniqueId()).isEqualTo("u3");
              assertThat(n.error().code()).isEqualTo(32);
            });
  }

  @Test
  void getTemplates() throws Exception {
    tl.enqueue(
        """
        {"templates":[{"id":123,"title":"OPT_Welcome","body":"Hi %%FNAME%%","senderName":"Shop"},
                      {"id":"124","title":"VIP_Offer","body":"Offer","isMyDND":"0"}],
         "status":"success"}
        """);
    TemplateList r = client.listTemplates();
    assertThat(expectPost("/get_templates/")).containsEntry("format", "json");
    assertThat(r.templates()).extracting(t -> t.id()).containsExactly("123", "124");
    assertThat(r.templates().get(0).title()).isEqualTo("OPT_Welcome");
    assertThat(r.templates().get(0).body()).isEqualTo("Hi %%FNAME%%");
    assertThat(r.templates().get(1).isMyDnd()).isEqualTo("0");
  }

  @Test
  void getGroups() throws Exception {
    tl.enqueue(
        """
        {"num_groups":2,"groups":[{"id":5,"name":"Contacts","size":120},
          {"id":"189455","name":"Customers","size":"3"}],"status":"success"}
        """);
    GroupList r = client.listGroups();
    assertThat(expectPost("/get_groups/")).containsEntry("format", "json");
    assertThat(r.numGroups()).isEqualTo(2);
    assertThat(r.groups())
        .extracting(g -> g.id() + ":" + g.name() + ":" + g.size())
        .containsExactly("5:Contacts:120", "189455:Customers:3");
  }

  @Test
  void createGroup() throws Exception {
    tl.enqueue("{\"group\":{\"id\":123456,\"name\":\"Campaign 42\"},\"status\":\"success\"}");
    GroupCreated r = client.createGroup("Campaign 42");
    assertThat(expectPost("/create_group/")).containsEntry("name", "Campaign 42");
    assertThat(r.group().id()).isEqualTo("123456");
    assertThat(r.group().name()).isEqualTo("Campaign 42");
  }

  @Test
  void deleteGroup() throws Exception {
    tl.enqueue("{\"status\":\"success\"}");
    assertThat(client.deleteGroup("123456").status()).isEqualTo("success");
    assertThat(expectPost("/delete_group/")).containsEntry("group_id", "123456");
  }

  @Test
  void getContactsPage() throws Exception {
    tl.enqueue(
        """
        {"group_id":189455,"start":0,"limit":2,"num_contacts":3,
         "contacts":[{"number":447123456789,"first_name":"Ann","last_name":"Lee",
                      "custom1":"C-1","custom2":"","custom3":""},
                     {"number":"447987654321","first_name":"Bob","last_name":"Ray",
                      "custom1":"C-2"}],
         "status":"success"}
        """);
    ContactPage p = client.listContactsPage("189455", 0, 2);
    assertThat(expectPost("/get_contacts/"))
        .containsEntry("group_id", "189455")
        .containsEntry("start", "0")
        .containsEntry("limit", "2")
        .doesNotContainKey("number");
    assertThat(p.numContacts()).isEqualTo(3);
    Contact ann = p.contacts().get(0);
    assertThat(ann.number()).isEqualTo("447123456789");
    assertThat(ann.firstName()).isEqualTo("Ann");
    assertThat(ann.custom(CustomField.CUSTOM1)).isEqualTo("C-1");
    assertThat(p.contacts().get(1).custom3()).isNull();
  }

  @Test
  void findContactByNumber() throws Exception {
    tl.enqueue(
        "{\"group_id\":5,\"num_contacts\":1,\"contacts\":[{\"number\":447123456789}],"
            + "\"status\":\"success\"}");
    ContactPage p = client.findContact("5", A);
    assertThat(expectPost("/get_contacts/"))
        .containsEntry("group_id", "5")
        .containsEntry("number", "447123456789")
        .doesNotContainKeys("start", "limit");
    assertThat(p.contacts()).hasSize(1);
  }

  @Test
  void createContacts() throws Exception {
    tl.enqueue("{\"group_id\":5,\"num_contacts\":2,\"status\":\"success\"}");
    ContactsCreated r = client.createContacts("5", List.of(A, B));
    assertThat(expectPost("/create_contacts/"))
        .containsEntry("numbers", "447123456789,447987654321")
        .containsEntry("group_id", "5");
    assertThat(r.numContacts()).isEqualTo(2);
  }

  @Test
  void createContactsBulkSendsKeyedJson() throws Exception {
    tl.enqueue("{\"group_id\":189455,\"num_contacts\":2,\"status\":\"success\"}");
    ContactsCreated r =
        client.createContactsBulk(
            "189455",
            List.of(
                NewContact.of(A, "Ann", "Lee").withCustom(CustomField.CUSTOM2, "C-1"),
                NewContact.of(B, null, "O'Brien & Sons")));
    Map<String, String> f = expectPost("/create_contacts_bulk/");
    assertThat(f).containsEntry("group_id", "189455");
    assertThat(f.get("contacts"))
        .isEqualTo(
            "[{\"number\":\"447123456789\",\"first_name\":\"Ann\",\"last_name\":\"Lee\","
                + "\"custom2\":\"C-1\"},"
                + "{\"number\":\"447987654321\",\"last_name\":\"O'Brien & Sons\"}]");
    assertThat(r.groupId()).isEqualTo("189455");
    assertThat(r.numContacts()).isEqualTo(2);
  }

  @Test
  void deleteContact() throws Exception {
    tl.enqueue("{\"group_id\":5,\"number\":447123456789,\"status\":\"success\"}");
    ContactDeleted r = client.deleteContact("5", A);
    assertThat(expectPost("/delete_contact/"))
        .containsEntry("number", "447123456789")
        .containsEntry("group_id", "5");
    assertThat(r.number()).isEqualTo("447123456789");
  }

  @Test
  void getOptOuts() throws Exception {
    tl.enqueue(
        "{\"num_optouts\":1,\"optouts\":[{\"number\":447123456789,"
            + "\"datetime\":\"2026-11-20 08:15:00\"}],\"status\":\"success\"}");
    OptOutList r = client.listOptOuts(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(expectPost("/get_optouts/"))
        .containsEntry(
            "time", Long.toString(Instant.parse("2026-11-01T00:00:00Z").getEpochSecond()));
    assertThat(r.optOuts())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.number()).isEqualTo("447123456789");
              assertThat(o.datetime()).isEqualTo(LocalDateTime.of(2026, 11, 20, 8, 15));
            });
  }

  @Test
  void getScheduledReadsHyphenatedTimeAndToleratesMissingStatus() throws Exception {
    tl.enqueue(
        """
        {"scheduled":[{"id":"136150216","scheduledFor":"2013-10-02-16-00-00","howmany":"6",
          "message":"Hello","origin":"YourName","groupName":"Customers","groupid":"189455"}]}
        """);
    ScheduledList r = client.listScheduled();
    assertThat(expectPost("/get_scheduled/")).containsEntry("format", "json");
    assertThat(r.status()).isNull();
    assertThat(r.scheduled())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.id()).isEqualTo("136150216");
              assertThat(s.scheduledFor()).isEqualTo(LocalDateTime.of(2013, 10, 2, 16, 0, 0));
              assertThat(s.howMany()).isEqualTo(6);
              assertThat(s.origin()).isEqualTo("YourName");
              assertThat(s.groupId()).isEqualTo("189455");
            });
  }

  @Test
  void cancelScheduled() throws Exception {
    tl.enqueue("{\"status\":\"success\"}");
    assertThat(client.cancelScheduled("136150216").failed()).isFalse();
    assertThat(expectPost("/cancel_scheduled/")).containsEntry("sent_id", "136150216");
  }

  @Test
  void balance() throws Exception {
    tl.enqueue("{\"balance\":{\"sms\":1234,\"mms\":0},\"status\":\"success\"}");
    Balance r = client.getBalance();
    assertThat(expectPost("/balance/")).containsEntry("format", "json");
    assertThat(r.credits().sms()).isEqualByComparingTo("1234");
    assertThat(r.credits().mms()).isEqualByComparingTo("0");
  }

  @Test
  void getSenderNames() throws Exception {
    tl.enqueue(
        "{\"default_sender_name\":\"TXTLCL\",\"sender_names\":[\"TXTLCL\",\"Shop\"],"
            + "\"status\":\"success\"}");
    SenderNames r = client.listSenderNames();
    assertThat(expectPost("/get_sender_names/")).containsEntry("format", "json");
    assertThat(r.defaultSenderName()).isEqualTo("TXTLCL");
    assertThat(r.senderNames()).containsExactly("TXTLCL", "Shop");
  }

  @Test
  void statusMessage() throws Exception {
    tl.enqueue(
        """
        {"message":{"id":1151895224,"recipient":447123456789,"type":"sms","status":"D",
         "date":"2013-07-04 14:31:18"},"status":"success"}
        """);
    MessageStatus r = client.getMessageStatus("1151895224");
    assertThat(expectPost("/status_message/")).containsEntry("message_id", "1151895224");
    assertThat(r.message().deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(r.message().recipient()).isEqualTo("447123456789");
    assertThat(r.message().date()).isEqualTo(LocalDateTime.of(2013, 7, 4, 14, 31, 18));
  }

  @Test
  void statusBatch() throws Exception {
    tl.enqueue(
        """
        {"batch_id":136546495,"num_messages":6,"num_delivered":2,"num_undelivered":1,
         "num_expired":0,"num_unknown":1,"num_invalid":1,
         "messages":[{"recipient":447123456789,"status":"D"},{"recipient":447987654321,"status":"?"},
                     {"recipient":447000000001,"status":"X"}],
         "status":"success"}
        """);
    BatchStatus r = client.getBatchStatus("136546495");
    assertThat(expectPost("/status_batch/")).containsEntry("batch_id", "136546495");
    assertThat(r.numDelivered()).isEqualTo(2);
    assertThat(r.numPending()).isEqualTo(1);
    assertThat(r.messages())
        .extracting(m -> m.deliveryStatus())
        .containsExactly(
            DeliveryStatus.DELIVERED, DeliveryStatus.UNKNOWN, DeliveryStatus.fromString("X"));
    assertThat(r.messages().get(2).deliveryStatus().value()).isEqualTo("X");
  }

  @Test
  void historySingleGroupAndApi() throws Exception {
    String page =
        """
        {"start":0,"limit":1000,"total":1,
         "messages":[{"id":"9","number":447123456789,"content":"Hi","status":"D",
                      "datetime":"2026-11-20 09:00:00","sender":"Shop","batch_id":77,
                      "group_id":5,"group_name":"Contacts","num_credits":1}],
         "status":"success"}
        """;
    Instant min = NOW.minusSeconds(86_400);
    HistoryQuery q = HistoryQuery.between(min, NOW).withSortOrder(SortOrder.ASC);
    String[] paths = {"/get_history_single/", "/get_history_group/", "/get_history_api/"};
    List<PagedIterable<HistoryMessage>> calls =
        List.of(client.listSingleHistory(q), client.listGroupHistory(q), client.listApiHistory(q));
    for (int i = 0; i < 3; i++) {
      tl.enqueue(page);
      List<HistoryMessage> all = calls.get(i).stream().toList();
      assertThat(expectPost(paths[i]))
          .contains(
              entry("min_time", Long.toString(min.getEpochSecond())),
              entry("max_time", Long.toString(NOW.getEpochSecond())),
              entry("sort_order", "asc"),
              entry("start", "0"),
              entry("limit", "1000"));
      assertThat(all)
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.number()).isEqualTo("447123456789");
                assertThat(m.deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
                assertThat(m.datetime()).isEqualTo(LocalDateTime.of(2026, 11, 20, 9, 0));
                assertThat(m.batchId()).isEqualTo("77");
                assertThat(m.numCredits()).isEqualByComparingTo("1");
              });
    }
  }

  @Test
  void getInboxes() throws Exception {
    tl.enqueue(
        """
        {"num_inboxes":1,"inboxes":[{"id":10,"number":60777,"keyword":"NH3BR",
          "num_messages":36,"num_contacts":0,"newMsgs":2}],"status":"success"}
        """);
    InboxList r = client.listInboxes();
    assertThat(expectPost("/get_inboxes/")).containsEntry("format", "json");
    assertThat(r.inboxes())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.id()).isEqualTo("10");
              assertThat(i.keyword()).isEqualTo("NH3BR");
              assertThat(i.newMessages()).isEqualTo(2);
            });
  }

  @Test
  void getMessages() throws Exception {
    tl.enqueue(
        """
        {"inbox_id":10,"start":0,"limit":50,"num_messages":1,
         "messages":[{"id":"77","number":447123456789,"message":"STOP",
                      "datetime":"2026-11-22 18:00:00"}],"status":"success"}
        """);
    List<InboundMessage> all =
        client.listInboxMessages("10", HistoryQuery.all().withPageSize(50)).stream().toList();
    assertThat(expectPost("/get_messages/"))
        .containsEntry("inbox_id", "10")
        .containsEntry("start", "0")
        .containsEntry("limit", "50")
        .doesNotContainKeys("min_time", "max_time", "sort_order");
    assertThat(all)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.message()).isEqualTo("STOP");
              assertThat(m.number()).isEqualTo("447123456789");
            });
  }

  @Test
  void usernameAndHashAreSentInsteadOfApiKey() throws Exception {
    TextLocalClient hashClient =
        tl.client(TextLocalCredential.usernameAndHash("ops@example.com", Secret.of("ab12cd34")));
    tl.enqueue("{\"balance\":{\"sms\":1},\"status\":\"success\"}");
    hashClient.getBalance();
    Map<String, String> f = form(tl.take());
    assertThat(f)
        .containsEntry("username", "ops@example.com")
        .containsEntry("hash", "ab12cd34")
        .doesNotContainKey("apikey");
  }

  @Test
  void usernameAndPasswordAreSent() throws Exception {
    TextLocalClient pwClient =
        tl.client(TextLocalCredential.usernameAndPassword("ops@example.com", Secret.of("pw-1")));
    tl.enqueue("{\"balance\":{\"sms\":1},\"status\":\"success\"}");
    pwClient.getBalance();
    assertThat(form(tl.take()))
        .containsEntry("username", "ops@example.com")
        .containsEntry("password", "pw-1");
  }

  @Test
  void specialCharactersAreFormEncodedOnce() throws Exception {
    tl.enqueue("{\"status\":\"success\",\"num_messages\":1}");
    client.send(SendRequest.builder().numbers(List.of(A)).message("a+b=c&d %20").build());
    RecordedRequest r = tl.take();
    assertThat(body(r)).contains("message=a%2Bb%3Dc%26d+%2520");
    assertThat(body(r)).contains("apikey=tlKey-Zq8%24secret");
  }
}
