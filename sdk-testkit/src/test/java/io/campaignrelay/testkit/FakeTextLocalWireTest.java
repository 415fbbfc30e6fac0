package io.campaignrelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MultipartBody;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives {@link FakeTextLocal} the way clients outside this SDK do: plain OkHttp requests built
 * here, as {@code multipart/form-data} (PHP cURL with an array, every POST sample in TextLocal's
 * docs), {@code application/x-www-form-urlencoded} and a GET query string, for every command.
 */
class FakeTextLocalWireTest {
  private static final String KEY = "k-wire";

  enum Encoding {
    MULTIPART,
    FORM,
    QUERY
  }

  private SimulatedClock clock;
  private FakeTextLocal tl;

  @BeforeEach
  void start() {
    clock = SimulatedClock.create();
    tl = FakeTextLocal.builder().clock(clock).seed(3).apiKey(KEY).balance(1_000).start();
  }

  @AfterEach
  void stop() {
    tl.close();
  }

  private static Map<String, String> params(String... kv) {
    Map<String, String> p = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      p.put(kv[i], kv[i + 1]);
    }
    return p;
  }

  private JsonNode call(Encoding enc, String command, Map<String, String> params) {
    return call(tl, enc, command, params);
  }

  private static JsonNode call(
      FakeTextLocal fake, Encoding enc, String command, Map<String, String> params) {
    String url = fake.baseUrl() + command + "/";
    Request request;
    switch (enc) {
      case MULTIPART -> {
        MultipartBody.Builder mb = new MultipartBody.Builder().setType(MultipartBody.FORM);
        params.forEach(mb::addFormDataPart);
        request = new Request.Builder().url(url).post(mb.build()).build();
      }
      case FORM -> {
        FormBody.Builder fb = new FormBody.Builder();
        params.forEach(fb::add);
        request = new Request.Builder().url(url).post(fb.build()).build();
      }
      default -> {
        HttpUrl.Builder ub = HttpUrl.get(url).newBuilder();
        params.forEach(ub::addQueryParameter);
        request = new Request.Builder().url(ub.build()).get().build();
      }
    }
    Http.Reply r = Http.call(request);
    assertThat(r.code()).isEqualTo(200);
    return r.json();
  }

  private JsonNode call(Encoding enc, String command, String... kv) {
    Map<String, String> p = params("apiKey", KEY);
    p.putAll(params(kv));
    return call(enc, command, p);
  }

  private static int errorCode(JsonNode n) {
    assertThat(n.get("status").asText()).as(n.toString()).isEqualTo("failure");
    return n.get("errors").get(0).get("code").asInt();
  }

  private static JsonNode ok(JsonNode n) {
    assertThat(n.get("status").asText()).as(n.toString()).isEqualTo("success");
    return n;
  }

  private static String phpUrlencode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String phpRawurlencode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Test
  void theFakeListsEveryCommandOfTheSpec() {
    assertThat(FakeTextLocal.commands())
        .containsExactlyInAnyOrder(
            "send",
            "bulk_json",
            "send_mms",
            "otp_send",
            "otp_challenge",
            "get_templates",
            "check_keyword",
            "get_groups",
            "create_group",
            "delete_group",
            "get_contacts",
            "create_contacts",
            "create_contacts_bulk",
            "delete_contact",
            "get_optouts",
            "get_scheduled",
            "cancel_scheduled",
            "balance",
            "get_sender_names",
            "status_message",
            "status_batch",
            "get_history_single",
            "get_history_group",
            "get_history_api",
            "get_history_email",
            "get_mms_history_api",
            "get_inboxes",
            "get_messages",
            "get_surveys",
            "get_survey_details",
            "get_survey_results",
            "create_shorturl",
            "get_users",
            "transfer_credits");
  }

  @Test
  void everyCommandIsRecognisedAndAuthenticatedInEveryEncoding() {
    for (Encoding enc : Encoding.values()) {
      for (String command : FakeTextLocal.commands()) {
        JsonNode r = call(enc, command);
        if (r.get("status").asText().equals("failure")) {
          assertThat(errorCode(r)).as(enc + " " + command + " " + r).isNotIn(1, 2, 3);
        }
      }
      assertThat(errorCode(call(enc, "frobnicate"))).isEqualTo(2);
      assertThat(errorCode(call(enc, "balance", "apiKey", "wrong"))).isEqualTo(3);
    }
  }

  @Test
  void thePhpSampleSendOverMultipartIsDecodedAsTheDocumentedAnswerShows() {
    String text = "A".repeat(140) + " 50% + tax";
    assertThat(text).hasSize(150);
    // the official sample: sender = urlencode('Jims Autos'), message = rawurlencode(...),
    // posted as a PHP array (multipart); the class also sends an empty username beside apiKey
    Map<String, String> p =
        params(
            "username",
            "",
            "apiKey",
            KEY,
            "numbers",
            "447123456789,447987654321",
            "sender",
            phpUrlencode("Jims Autos"),
            "message",
            phpRawurlencode(text));
    assertThat(p.get("sender")).isEqualTo("Jims+Autos");
    JsonNode r = ok(call(Encoding.MULTIPART, "send", p));
    assertThat(r.get("message").get("sender").asText()).isEqualTo("Jims Autos");
    assertThat(r.get("message").get("content").asText()).isEqualTo(text);
    assertThat(r.get("message").get("num_parts").asInt()).isEqualTo(1);
    assertThat(r.get("cost").asInt()).isEqualTo(2);
    assertThat(tl.sentMessages().to("447123456789").single().text()).isEqualTo(text);
  }

  @Test
  void aFormClientThatPreEncodesGetsTheSameAnswerAndTheOptionTakesValuesAsSent() {
    JsonNode r =
        ok(
            call(
                Encoding.FORM,
                "send",
                "numbers",
                "447123456789",
                "sender",
                "Jims+Autos",
                "message",
                phpRawurlencode("Hello & welcome")));
    assertThat(r.get("message").get("content").asText()).isEqualTo("Hello & welcome");
    try (FakeTextLocal asSent =
        FakeTextLocal.builder().clock(clock).apiKey(KEY).secondUrlDecoding(false).start()) {
      Map<String, String> p =
          params("apikey", KEY, "numbers", "447123456789", "message", "1+1=2 at 100%");
      JsonNode raw = ok(call(asSent, Encoding.FORM, "send", p));
      assertThat(raw.get("message").get("content").asText()).isEqualTo("1+1=2 at 100%");
      p.put("sender", "Jims+Autos");
      assertThat(errorCode(call(asSent, Encoding.FORM, "send", p))).isEqualTo(43);
    }
  }

  @Test
  void getQueryStringSendWorksAndStrayPercentSignsSurvive() {
    JsonNode r =
        ok(call(Encoding.QUERY, "send", "numbers", "447123456789", "message", "20% off today"));
    assertThat(r.get("message").get("content").asText()).isEqualTo("20% off today");
  }

  @Test
  void idsAreInTheDocumentedRangeAndTestModeIdsAreNotPersisted() {
    JsonNode live = ok(call(Encoding.FORM, "send", "numbers", "447123456789", "message", "hi"));
    long id = live.get("messages").get(0).get("id").asLong();
    long batch = live.get("batch_id").asLong();
    assertThat(id).isBetween(1_151_346_216L, 1_152_346_216L);
    assertThat(batch).isBetween(136_546_495L, 137_546_495L);
    JsonNode test =
        ok(
            call(
                Encoding.MULTIPART,
                "send",
                "numbers",
                "447123456789",
                "message",
                "hi",
                "test",
                "true"));
    long testId = test.get("messages").get(0).get("id").asLong();
    long testBatch = test.get("batch_id").asLong();
    assertThat(test.get("test_mode").asBoolean()).isTrue();
    assertThat(testId).isGreaterThan(1_000_000_000L).isLessThan(Integer.MAX_VALUE);
    assertThat(testBatch).isGreaterThan(100_000_000L).isLessThan(Integer.MAX_VALUE);
    assertThat(errorCode(call(Encoding.FORM, "status_message", "message_id", "" + testId)))
        .isEqualTo(FakeTextLocal.UNKNOWN_ID_ERROR_CODE);
    assertThat(errorCode(call(Encoding.FORM, "status_batch", "batch_id", "" + testBatch)))
        .isEqualTo(FakeTextLocal.UNKNOWN_ID_ERROR_CODE);
    JsonNode status = ok(call(Encoding.QUERY, "status_message", "message_id", "" + id));
    assertThat(status.get("message").get("status").asText()).isEqualTo("P");
    JsonNode batchStatus = ok(call(Encoding.MULTIPART, "status_batch", "batch_id", "" + batch));
    assertThat(batchStatus.get("num_messages").asInt()).isEqualTo(1);
  }

  @Test
  void contactsBulkUrlEncodedByTheOfficialClassKeepsSpacesAndRawJsonToo() {
    long group =
        ok(call(Encoding.MULTIPART, "create_group", "name", "Wire"))
            .get("group")
            .get("id")
            .asLong();
    String json =
        "[{\"number\":\"447700900001\",\"first_name\":\"Mary Ann\",\"last_name\":\"O'Neil\","
            + "\"custom1\":\"C-1\"}]";
    JsonNode r =
        ok(
            call(
                Encoding.MULTIPART,
                "create_contacts_bulk",
                "group_id",
                "" + group,
                "contacts",
                phpUrlencode(json)));
    assertThat(r.get("num_contacts").asInt()).isEqualTo(1);
    assertThat(tl.contact(group, "447700900001").orElseThrow().firstName()).isEqualTo("Mary Ann");
    ok(
        call(
            Encoding.FORM,
            "create_contacts_bulk",
            "group_id",
            "" + group,
            "contacts",
            json.replace("447700900001", "447700900002")));
    assertThat(tl.contact(group, "447700900002").orElseThrow().firstName()).isEqualTo("Mary Ann");
    JsonNode page = ok(call(Encoding.QUERY, "get_contacts", "group_id", "" + group, "limit", "10"));
    assertThat(page.get("num_contacts").asInt()).isEqualTo(2);
    assertThat(page.get("contacts").get(0).get("custom1").asText()).isEqualTo("C-1");
    assertThat(
            errorCode(
                call(
                    Encoding.FORM,
                    "create_contacts_bulk",
                    "group_id",
                    "" + group,
                    "contacts",
                    "[{")))
        .isEqualTo(15);
    ok(call(Encoding.FORM, "create_contacts", "group_id", "" + group, "numbers", "447700900003"));
    ok(
        call(
            Encoding.MULTIPART,
            "delete_contact",
            "group_id",
            "" + group,
            "number",
            "447700900003"));
    assertThat(
            errorCode(
                call(
                    Encoding.MULTIPART,
                    "delete_contact",
                    "group_id",
                    "" + group,
                    "number",
                    "447700900003")))
        .isEqualTo(61);
    assertThat(ok(call(Encoding.QUERY, "get_groups")).get("num_groups").asInt()).isEqualTo(3);
    ok(call(Encoding.FORM, "delete_group", "group_id", "" + group));
    assertThat(errorCode(call(Encoding.FORM, "delete_group", "group_id", "5"))).isEqualTo(62);
  }

  @Test
  void sendMmsGetsTheVendorsCreditRefusalAfterValidation() {
    assertThat(errorCode(call(Encoding.MULTIPART, "send_mms", "url", "https://x.test/a.png")))
        .isEqualTo(4);
    assertThat(errorCode(call(Encoding.MULTIPART, "send_mms", "numbers", "447123456789")))
        .isEqualTo(5);
    JsonNode r =
        call(
            Encoding.MULTIPART,
            "send_mms",
            "numbers",
            "447123456789",
            "url",
            "https://x.test/a.png",
            "message",
            "pic");
    assertThat(errorCode(r)).isEqualTo(7);
    assertThat(r.get("errors").get(0).get("message").asText()).isEqualTo("Insufficient credits.");
    assertThat(ok(call(Encoding.FORM, "balance")).get("balance").get("mms").asInt()).isZero();
    tl.sentMessages().assertCount(0);
  }

  @Test
  void historiesListWhatWasSentInTheirWindow() {
    long group = tl.addGroup("Grp");
    tl.addContacts(group, List.of(new TextLocalContact("447700900010", "A", "B", "", "", "")));
    ok(call(Encoding.FORM, "send", "numbers", "447123456789,447123456780", "message", "one"));
    ok(call(Encoding.FORM, "send", "group_id", "" + group, "message", "two"));
    clock.advance(Duration.ofMinutes(1));
    JsonNode api = ok(call(Encoding.QUERY, "get_history_api", "sort_order", "asc"));
    assertThat(api.get("total").asInt()).isEqualTo(3);
    assertThat(api.get("messages").get(0).get("content").asText()).isEqualTo("one");
    JsonNode single = ok(call(Encoding.MULTIPART, "get_history_single"));
    assertThat(single.get("total").asInt()).isEqualTo(2);
    JsonNode grp = ok(call(Encoding.FORM, "get_history_group"));
    assertThat(grp.get("total").asInt()).isEqualTo(1);
    assertThat(grp.get("messages").get(0).get("group_name").asText()).isEqualTo("Grp");
    assertThat(grp.get("messages").get(0).get("num_credits").asInt()).isEqualTo(1);
    long now = clock.instant().getEpochSecond();
    JsonNode later =
        ok(
            call(
                Encoding.FORM,
                "get_history_api",
                "min_time",
                "" + (now + 10),
                "max_time",
                "" + (now + 20)));
    assertThat(later.get("total").asInt()).isZero();
    JsonNode paged = ok(call(Encoding.FORM, "get_history_api", "start", "1", "limit", "1"));
    assertThat(paged.get("messages")).hasSize(1);
    assertThat(ok(call(Encoding.FORM, "get_history_email")).get("total").asInt()).isZero();
    assertThat(ok(call(Encoding.FORM, "get_mms_history_api")).get("messages")).isEmpty();
  }

  @Test
  void inboxesMessagesAndKeywords() {
    long inbox = tl.addInbox("60777", "NH3BR");
    tl.addInbox("447123456789", null);
    tl.addInboundMessage(inbox, "447700900001", "STOP");
    clock.advance(Duration.ofSeconds(5));
    tl.addInboundMessage(inbox, "447700900000", "hello");
    JsonNode boxes = ok(call(Encoding.QUERY, "get_inboxes"));
    assertThat(boxes.get("num_inboxes").asInt()).isEqualTo(2);
    assertThat(boxes.get("inboxes").get(0).get("keyword").asText()).isEqualTo("NH3BR");
    assertThat(boxes.get("inboxes").get(0).get("num_messages").asInt()).isEqualTo(2);
    assertThat(boxes.get("inboxes").get(1).get("keyword").isNull()).isTrue();
    JsonNode msgs = ok(call(Encoding.MULTIPART, "get_messages", "inbox_id", "" + inbox));
    assertThat(msgs.get("messages").get(0).get("message").asText()).isEqualTo("STOP");
    JsonNode byNumber =
        ok(call(Encoding.FORM, "get_messages", "inbox_id", "" + inbox, "sort_field", "number"));
    assertThat(byNumber.get("messages").get(0).get("message").asText()).isEqualTo("hello");
    assertThat(errorCode(call(Encoding.FORM, "get_messages", "inbox_id", "999")))
        .isEqualTo(FakeTextLocal.UNKNOWN_ID_ERROR_CODE);
    assertThat(
            ok(call(Encoding.FORM, "check_keyword", "keyword", "nh3br"))
                .get("available")
                .asBoolean())
        .isFalse();
    assertThat(
            ok(call(Encoding.QUERY, "check_keyword", "keyword", "FREE"))
                .get("available")
                .asBoolean())
        .isTrue();
  }

  @Test
  void surveysShortUrlsUsersAndCredits() {
    long survey = tl.addSurvey("Feedback");
    assertThat(ok(call(Encoding.FORM, "get_surveys")).get("surveys").get(0).get("title").asText())
        .isEqualTo("Feedback");
    assertThat(
            ok(call(Encoding.MULTIPART, "get_survey_details", "survey_id", "" + survey))
                .get("survey")
                .get("id")
                .asLong())
        .isEqualTo(survey);
    ok(call(Encoding.QUERY, "get_survey_results", "survey_id", "" + survey));
    assertThat(errorCode(call(Encoding.QUERY, "get_survey_results", "survey_id", "1")))
        .isEqualTo(FakeTextLocal.UNKNOWN_ID_ERROR_CODE);

    assertThat(errorCode(call(Encoding.FORM, "create_shorturl"))).isEqualTo(185);
    assertThat(errorCode(call(Encoding.FORM, "create_shorturl", "url", "not a url")))
        .isEqualTo(186);
    String s1 =
        ok(call(Encoding.MULTIPART, "create_shorturl", "url", "https://example.com/a?b=1"))
            .get("shorturl")
            .asText();
    String s2 =
        ok(call(Encoding.FORM, "create_shorturl", "url", "https://example.com/a?b=1"))
            .get("shorturl")
            .asText();
    assertThat(s1).startsWith("https://").isEqualTo(s2);

    long user = tl.addSubAccount("sub@example.com");
    assertThat(ok(call(Encoding.FORM, "get_users")).get("num_users").asInt()).isEqualTo(1);
    JsonNode moved =
        ok(
            call(
                Encoding.MULTIPART,
                "transfer_credits",
                "user_email",
                "sub@example.com",
                "credits",
                "100"));
    assertThat(moved.get("balance").asLong()).isEqualTo(900);
    assertThat(tl.subAccountCredits(user)).contains(100L);
    assertThat(
            errorCode(
                call(Encoding.FORM, "transfer_credits", "user_id", "" + user, "credits", "5000")))
        .isEqualTo(7);
    assertThat(errorCode(call(Encoding.FORM, "transfer_credits", "user_id", "1", "credits", "1")))
        .isEqualTo(FakeTextLocal.UNKNOWN_ID_ERROR_CODE);
  }

  @Test
  void otpSendAndChallenge() {
    JsonNode sent =
        ok(call(Encoding.FORM, "otp_send", "numbers", "447123456789", "message", "Your code is "));
    assertThat(sent.get("messages").get(0).get("id").asLong()).isGreaterThan(1_151_346_215L);
    String text = tl.sentMessages().to("447123456789").single().text();
    assertThat(text).matches("Your code is \\d{6}");
    String code = text.substring(text.length() - 6);
    assertThat(
            errorCode(call(Encoding.FORM, "otp_challenge", "number", "447123456789", "code", "x")))
        .isEqualTo(FakeTextLocal.UNKNOWN_ID_ERROR_CODE);
    ok(call(Encoding.MULTIPART, "otp_challenge", "number", "447123456789", "code", code));
    assertThat(
            errorCode(
                call(Encoding.MULTIPART, "otp_challenge", "number", "447123456789", "code", code)))
        .isEqualTo(FakeTextLocal.UNKNOWN_ID_ERROR_CODE);
    assertThat(errorCode(call(Encoding.FORM, "otp_send", "message", "x"))).isEqualTo(4);
  }

  @Test
  void scheduledSendsOptOutsTemplatesSendersAndBulkJson() {
    long at = clock.instant().getEpochSecond() + 3_600;
    JsonNode s =
        ok(
            call(
                Encoding.MULTIPART,
                "send",
                "numbers",
                "447123456789",
                "message",
                "later",
                "schedule_time",
                "" + at));
    JsonNode scheduled = ok(call(Encoding.QUERY, "get_scheduled"));
    assertThat(scheduled.get("scheduled").get(0).get("id").asText())
        .isEqualTo(s.get("batch_id").asText());
    ok(call(Encoding.FORM, "cancel_scheduled", "sent_id", s.get("batch_id").asText()));
    assertThat(ok(call(Encoding.QUERY, "get_scheduled")).get("scheduled")).isEmpty();

    tl.addOptOut("447700900099");
    JsonNode optOuts = ok(call(Encoding.MULTIPART, "get_optouts"));
    assertThat(optOuts.get("num_optouts").asInt()).isEqualTo(1);
    assertThat(optOuts.get("optouts").get(0).get("number").asLong()).isEqualTo(447700900099L);

    tl.addTemplate("OPT_Welcome", "Hello %name%");
    assertThat(
            ok(call(Encoding.QUERY, "get_templates")).get("templates").get(0).get("title").asText())
        .isEqualTo("OPT_Welcome");
    assertThat(ok(call(Encoding.FORM, "get_sender_names")).get("default_sender_name").asText())
        .isEqualTo("CampRelay");

    String data =
        "{\"sender\":\"Jims Autos\",\"messages\":[{\"number\":\"447123456789\",\"text\":\""
            + phpRawurlencode("Hi Mary, 50% off")
            + "\"},{\"number\":\"12\",\"text\":\"x\"}]}";
    JsonNode bulk = ok(call(Encoding.MULTIPART, "bulk_json", "data", data));
    assertThat(bulk.get("messages")).hasSize(1);
    assertThat(bulk.get("messages_not_sent").get(0).get("error").get("code").asInt()).isEqualTo(32);
    assertThat(tl.sentMessages().to("447123456789").single().text()).isEqualTo("Hi Mary, 50% off");
  }

  @Test
  void noCommandAndUsernameHashLogins() {
    Http.Reply r =
        Http.call(
            new Request.Builder()
                .url(tl.baseUrl())
                .post(new FormBody.Builder().add("apikey", KEY).build())
                .build());
    assertThat(errorCode(r.json())).isEqualTo(1);
    try (FakeTextLocal login =
        FakeTextLocal.builder().clock(clock).login("me@example.com", "abc123", null).start()) {
      List<Encoding> all = new ArrayList<>(List.of(Encoding.values()));
      for (Encoding enc : all) {
        ok(call(login, enc, "balance", params("username", "me@example.com", "hash", "abc123")));
        assertThat(
                errorCode(
                    call(
                        login, enc, "balance", params("username", "me@example.com", "hash", "no"))))
            .isEqualTo(3);
      }
    }
  }

  @Test
  void theReadmeExampleWorks() throws Exception {
    try (FakeTextLocal textLocal = FakeTextLocal.builder().apiKey("test-key").start()) {
      okhttp3.RequestBody body =
          new MultipartBody.Builder()
              .setType(MultipartBody.FORM)
              .addFormDataPart("apikey", "test-key")
              .addFormDataPart("numbers", "447123456789")
              .addFormDataPart("sender", "Jims+Autos")
              .addFormDataPart("message", "Your%20order%20is%20ready")
              .build();
      Request request = new Request.Builder().url(textLocal.baseUrl() + "send/").post(body).build();
      try (okhttp3.Response response = Http.CLIENT.newCall(request).execute()) {
        assertThat(response.body().string())
            .contains("\"status\":\"success\"")
            .contains("\"sender\":\"Jims Autos\"");
      }
      assertThat(textLocal.sentMessages().to("447123456789").single().text())
          .isEqualTo("Your order is ready");
    }
  }
}
