package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.optimove.models.CampaignTargetQuery;
import io.campaignrelay.optimove.models.CustomerExecutionDetail;
import io.campaignrelay.optimove.models.CustomerSendDetail;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The target source reads its pages with its own row reader ({@code CompactTargets}: no public
 * model per row, no time string, one attribute buffer per page, the previous row's promo list
 * shared). These check it against the public listings read by the public models' readers and turned
 * into recipients the way the source did before, page by page: the same recipients on ordinary and
 * odd pages, the same exception (type and message) on broken ones.
 */
class TargetReaderEquivalenceTest extends OptimoveTestSupport {

  private static final List<String> NAMES = List.of("PHONE", "FIRST_NAME", "TIER");
  private static final TemplateId CAMPAIGN_TEMPLATE = TemplateId.of(7);

  private static final String ORDINARY =
      "[{\"CustomerID\":\"C1\",\"ActionID\":3,\"TemplateID\":7,\"PromoCode\":\"SPRING\","
          + "\"ScheduleTime\":\"2024-01-02 09:30:00\","
          + "\"CustomerAttributes\":[\"+447700900001\",\"Ann\",\"gold\"]},"
          + "{\"CustomerID\":\"C2\",\"ActionID\":3,\"TemplateID\":7,\"PromoCode\":\"SPRING\","
          + "\"ScheduleTime\":\"2024-01-02 09:30:00\","
          + "\"CustomerAttributes\":[\"+447700900002\",\"Bob\",\"silver\"]},"
          + "{\"CustomerID\":\"C3\",\"ActionID\":3,\"TemplateID\":9,\"PromoCode\":\"AUTUMN\","
          + "\"ScheduleTime\":\"2024-01-02 09:30:00\","
          + "\"CustomerAttributes\":[\"+447700900003\",\"Cy\",\"gold\"]},"
          + "{\"CustomerID\":\"C4\",\"ActionID\":3,\"TemplateID\":7,\"PromoCode\":\"SPRING\","
          + "\"ScheduleTime\":\"2024-01-02 09:30:00\","
          + "\"CustomerAttributes\":[\"+447700900004\",\"Di\",\"bronze\"]}]";

  private static final String ODD =
      "[{\"customerid\":42,\"Extra\":{\"a\":[1,{\"b\":null}]},\"actionId\":\"5\","
          + "\"TEMPLATEID\":\"9\",\"Tags\":[1,2],\"promocode\":[\"A\",null,\" B \",5,\"\"],"
          + "\"scheduletime\":20240102,"
          + "\"customerattributes\":[\"+447700900123\",30,null]},"
          + "{\"CustomerID\":\"Zo\\u00eb-\u00e9\u2603\",\"PromoCode\":\"X, Y ,,Z\","
          + "\"ScheduledTime\":null,"
          + "\"CustomerAttributes\":[\"+44 7700 \\\"900\\\"\",\"l\\u00e9a\\n\\t\\\\\","
          + "\"\uD83D\uDE00\"]},"
          + "{\"CustomerID\":\"A3\",\"PromoCode\":\"X, Y ,,Z\",\"TemplateID\":3.0,"
          + "\"CustomerAttributes\":[\"+1\"],\"CustomerAttributes\":null},"
          + "{\"CustomerID\":\"A4\",\"PromoCode\":null,\"ActionID\":null,\"TemplateID\":null,"
          + "\"CustomerAttribute\":\"+44770,Ann,gold\"},"
          + "{\"CustomerID\":\"A5\",\"PromoCode\":\"X, Y ,,Z\",\"CustomerAttributes\":[]},"
          + "{\"CustomerID\":\"A6\",\"PromoCode\":\"X, Y ,,Z\",\"CustomerAttributes\":{\"k\":1}},"
          + "{\"CustomerID\":\"A7\",\"PromoCode\":\"\",\"CustomerAttributes\":[{\"x\":[1]},true,"
          + "1.5e3]},"
          + "{\"CustomerID\":\"A8\",\"PromoCode\":\"  \",\"CustomerAttributes\":\"+44,B\"},"
          + "{\"CustomerID\":\"A9\",\"PromoCode\":7,\"CustomerAttributes\":[\"+1\",\"\",\"\"]},"
          + "{\"CustomerID\":\"A10\",\"PromoCode\":\"SPRING\",\"CustomerAttributes\":[\"+2\"],"
          + "\"CustomerAttributes\":[\"+3\",\"N\"]},"
          + "{\"CustomerID\":\"A11\",\"PromoCode\":\"SPRING\",\"CustomerAttributes\":[\"+4\"]},"
          + "{\"CustomerID\":\"A11\",\"PromoCode\":\"SPRINGS\",\"CustomerAttributes\":[\"+5\"]},"
          + "{\"CustomerID\":\"A12\",\"PromoCode\":\"SPRING\",\"CustomerAttributes\":[\"+6\"]}]";

  private static final List<String> BROKEN =
      List.of(
          // unreadable rows
          "[{\"CustomerID\":\"A1\",\"ScheduleTime\":{\"t\":1},\"CustomerAttributes\":[\"+1\"]}]",
          "[{\"CustomerID\":\"A1\",\"ScheduleTime\":[1],\"CustomerAttributes\":[\"+1\"]}]",
          "[{\"CustomerID\":\"A1\",\"ScheduleTime\":\"2024\\q\",\"CustomerAttributes\":[\"+1\"]}]",
          "[{\"CustomerID\":\"A1\",\"ScheduleTime\":\"20\u000124\",\"CustomerAttributes\":[\"+1\"]}]",
          "[{\"CustomerID\":\"A1\",\"ScheduleTime\":\"2024",
          "[{\"CustomerID\":{\"id\":1},\"CustomerAttributes\":[\"+44770\"]}]",
          "[{\"CustomerID\":\"A1\",\"ActionID\":\"five\",\"CustomerAttributes\":[\"+1\"]}]",
          "[{\"CustomerID\":\"A1\",\"TemplateID\":[7],\"CustomerAttributes\":[\"+1\"]}]",
          "[{\"CustomerID\":\"A1\",\"PromoCode\":\"A\\x\",\"CustomerAttributes\":[\"+1\"]}]",
          "[{\"CustomerID\":\"A1\",\"PromoCode\":\"SPRING\",\"CustomerAttributes\":[\"+1\"]},"
              + "{\"CustomerID\":\"A2\",\"PromoCode\":\"SPRIN\\",
          "[{\"CustomerID\":\"A1\",\"CustomerAttributes\":[\"+1\",\"Ann\",\"gold\",\"x\"]}]",
          "[{\"CustomerID\":\"A1\",\"CustomerAttributes\":[\"+1\"]},"
              + "{\"CustomerID\":\"A2\",\"CustomerAttributes\":\"+2,Ann,gold,x\"}]",
          "[{\"CustomerID\":\"A1\",\"CustomerAttributes\":[\"+1\"]},{\"CustomerID\":",
          "[{\"CustomerID\":\"A1\",\"CustomerAttributes\":[\"+1\"]} {}",
          // rows that are not recipients: they fail when their page is handed over
          "[{\"CustomerID\":\"A1\",\"CustomerAttributes\":[\"+1\"]},{\"CustomerAttributes\":[\"+2\"]}]",
          "[{\"CustomerID\":\"\",\"CustomerAttributes\":[\"+1\"]}]",
          "[{\"CustomerID\":\" A1\",\"CustomerAttributes\":[\"+1\"]}]",
          "[{\"CustomerID\":\"A\\u0001\",\"CustomerAttributes\":[\"+1\"]}]",
          "[{\"CustomerID\":null,\"CustomerAttributes\":[\"+1\"]}]",
          "[{\"CustomerID\":\"A1\",\"PromoCode\":\"\u2003\",\"CustomerAttributes\":[\"+1\"]}]",
          "[{\"CustomerID\":\"A1\",\"PromoCode\":\"OK,\u2003\",\"CustomerAttributes\":[\"+1\"]}]",
          // a page check comes before a row that is not a recipient
          "[{\"CustomerID\":null,\"Attrs\":[\"+1\"]},{\"CustomerID\":\"A2\"}]");

  @Test
  void ordinaryPagesGiveTheSameRecipients() {
    for (boolean execution : new boolean[] {true, false}) {
      assertSame(execution, ORDINARY);
    }
  }

  @Test
  void oddPagesGiveTheSameRecipients() {
    for (boolean execution : new boolean[] {true, false}) {
      assertSame(execution, ODD);
    }
  }

  @Test
  void rowsThatChangeTheirFieldOrderGiveTheSameRecipients() {
    // the reader expects each row's names in the previous row's order: a row in another order,
    // with a name less or more, an escaped name or a name in other case is read as it is
    StringBuilder page = new StringBuilder("[");
    for (int i = 0; i < 6; i++) {
      page.append("{\"CustomerID\":\"R")
          .append(i)
          .append("\",\"TemplateID\":7,\"PromoCode\":\"SPRING\",")
          .append("\"CustomerAttributes\":[\"+4477009000")
          .append(i)
          .append("\",\"Ann\",\"gold\"]},");
    }
    page.append("{\"PromoCode\":\"AUTUMN\",\"CustomerID\":\"S1\",")
        .append("\"CustomerAttributes\":[\"+447700900101\",\"Bo\",\"tin\"],\"TemplateID\":9},")
        .append("{\"CustomerID\":\"S2\",\"CustomerAttributes\":[\"+447700900102\"]},")
        .append("{\"Customer\\u0049D\":\"S3\",\"TemplateID\":7,\"PromoCode\":\"SPRING\",")
        .append("\"CustomerAttributes\":[\"+447700900103\",\"Cy\",\"gold\"]},")
        .append("{\"CustomerID\":\"S4\",\"TemplateID\":7,\"PromoCode\":\"SPRING\",")
        .append("\"CustomerAttributes\":[\"+447700900104\",\"Di\",\"gold\"],\"Extra\":1,")
        .append("\"ActionID\":3},")
        .append("{\"customerid\":\"S5\",\"TemplateID\":7,\"promocode\":\"SPRING\",")
        .append("\"CustomerAttributes\":[\"+447700900105\",\"Ed\",\"gold\"]},")
        .append("{\"CustomerID\":\"S6\",\"TemplateID\":7,\"PromoCode\":\"SPRING\",")
        .append("\"CustomerAttributes\":[\"+447700900106\",\"Fi\",\"gold\"]}]");
    for (boolean execution : new boolean[] {true, false}) {
      assertSame(execution, page.toString());
    }
  }

  @Test
  void brokenPagesFailWithTheSameException() {
    for (boolean execution : new boolean[] {true, false}) {
      for (String page : BROKEN) {
        assertSame(execution, page);
      }
    }
  }

  @Test
  void textThatIsNotUtf8FailsTheSameWay() {
    byte[][] pages = {
      bytes("[{\"CustomerID\":\"A1\",\"ScheduleTime\":\"20", 0xC3, 0x28, "\"}]"),
      bytes("[{\"CustomerID\":\"A1\",\"ScheduleTime\":\"20", 0xFF, "\"}]"),
      bytes("[{\"CustomerID\":\"A1\",\"PromoCode\":\"S", 0xE2, 0x82, "\"}]"),
      bytes("[{\"CustomerID\":\"A1\",\"CustomerAttributes\":[\"+1", 0xC3, "\"]}]"),
    };
    for (boolean execution : new boolean[] {true, false}) {
      for (byte[] page : pages) {
        String before = outcomeBefore(execution, () -> enqueueBytes(page));
        String now = outcomeNow(execution, () -> enqueueBytes(page));
        assertThat(now)
            .as(new String(page, java.nio.charset.StandardCharsets.ISO_8859_1))
            .isEqualTo(before)
            .startsWith("!");
      }
    }
  }

  @Test
  void repeatsWithinTheWindowAreDroppedOnceEveryRowIsARecipient() {
    String page =
        "[{\"CustomerID\":\"A1\",\"CustomerAttributes\":[\"+1\"]},"
            + "{\"CustomerID\":\"A2\",\"CustomerAttributes\":[\"+2\"]},"
            + "{\"CustomerID\":\"A1\",\"CustomerAttributes\":[\"+3\"]}]";
    for (boolean execution : new boolean[] {true, false}) {
      assertSame(execution, page);
      assertThat(outcomeNow(execution, () -> enqueueJson(page)))
          .contains("A1|")
          .contains("A2|")
          .doesNotContain("+3");
    }
  }

  @Test
  void largePagesPackedOverManyBlocksGiveTheSameRecipients() {
    // 6,000 rows of ~60 chars fill several of a page's 64k-char blocks; among them values longer
    // than a packed value may be (kept as strings of their own), text outside Latin-1, null and
    // missing values, ids that are not plain ASCII (made as they are read), repeats, templates
    StringBuilder page = new StringBuilder("[");
    String longText = "x".repeat(4_096) + "\u00e9" + "y".repeat(2_000);
    for (int i = 0; i < 6_000; i++) {
      if (i > 0) {
        page.append(',');
      }
      String id = i % 700 == 5 ? "Zo\u00eb" + i : i % 911 == 3 ? "C" + (i - 2) : "C" + i;
      page.append("{\"CustomerID\":\"").append(id).append("\",\"ActionID\":3");
      page.append(",\"TemplateID\":").append(i % 97 == 0 ? 9 : 7);
      page.append(",\"PromoCode\":\"").append(i % 50 < 25 ? "SPRING" : "SPRING,P" + i % 3);
      page.append("\",\"CustomerAttributes\":[\"+4477009").append(100_000 + i).append('"');
      if (i % 13 != 0) {
        String name =
            i % 500 == 7
                ? longText + i
                : i % 7 == 0 ? "\u65e5\u672c" + i : i % 11 == 0 ? "\uD83D\uDE00" : "Ann" + i;
        page.append(",\"").append(name).append('"');
        page.append(i % 5 == 0 ? ",null" : ",\"gold\"");
      }
      page.append("]}");
    }
    page.append(']');
    String json = page.toString();
    for (boolean execution : new boolean[] {true, false}) {
      String before = outcomeBefore(execution, () -> enqueueJson(json), 10_000);
      String now = outcomeNow(execution, () -> enqueueJson(json), 10_000);
      assertThat(before.split("\n")).hasSizeGreaterThan(5_990);
      assertThat(now).isEqualTo(before);
    }
  }

  private void assertSame(boolean execution, String page) {
    String before = outcomeBefore(execution, () -> enqueueJson(page));
    String now = outcomeNow(execution, () -> enqueueJson(page));
    assertThat(now).as(page).isEqualTo(before);
  }

  private void enqueueBytes(byte[] page) {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(new Buffer().write(page))
            .build());
  }

  private static byte[] bytes(Object... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (Object p : parts) {
      if (p instanceof String s) {
        out.writeBytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      } else {
        out.write((Integer) p);
      }
    }
    return out.toByteArray();
  }

  /** The recipients as the source made them before: the public listing, then each row. */
  private String outcomeBefore(boolean execution, Runnable enqueue) {
    return outcomeBefore(execution, enqueue, 100);
  }

  private String outcomeNow(boolean execution, Runnable enqueue) {
    return outcomeNow(execution, enqueue, 100);
  }

  private String outcomeBefore(boolean execution, Runnable enqueue, int pageSize) {
    enqueue.run();
    // a client per listing: the fixed clock never refills one client's rate limit
    OptimoveClient client = clientBuilder().buildClient();
    Campaign campaign = AdaptersTest.campaign("1234");
    CampaignTargetQuery query =
        CampaignTargetQuery.builder()
            .campaignId(1234)
            .channelId(campaign.channel().value())
            .customerAttributes(NAMES)
            .pageSize(pageSize)
            .build();
    try {
      List<Recipient> out = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      List<Object> rows =
          execution
              ? new ArrayList<>(client.listCustomerExecutionDetails(query).stream().toList())
              : new ArrayList<>(client.listCustomerSendDetails(query).stream().toList());
      List<Recipient> page = new ArrayList<>();
      for (Object row : rows) {
        if (row instanceof CustomerExecutionDetail d) {
          page.add(recipient(d.customerId(), d.attributes(), d.promoCodes(), d.templateId()));
        } else {
          CustomerSendDetail d = (CustomerSendDetail) row;
          page.add(
              recipient(d.customerId(), d.attributes(), campaign.promoCodes(), d.templateId()));
        }
      }
      for (Recipient r : page) {
        if (seen.add(r.customerId().value())) {
          out.add(r);
        }
      }
      return describe(out);
    } catch (RuntimeException e) {
      return "!" + e.getClass().getName() + ": " + e.getMessage();
    }
  }

  private String outcomeNow(boolean execution, Runnable enqueue, int pageSize) {
    enqueue.run();
    OptimoveClient client = clientBuilder().buildClient();
    OptimoveTargetSource source =
        OptimoveTargetSource.builder()
            .client(client)
            .function(
                execution
                    ? OptimoveTargetSource.Function.EXECUTION_DETAILS_BY_CAMPAIGN
                    : OptimoveTargetSource.Function.SEND_DETAILS_BY_CHANNEL)
            .customerAttributes(NAMES)
            .pageSize(pageSize)
            .build();
    try (Stream<Recipient> s = source.recipients(AdaptersTest.campaign("1234"))) {
      return describe(s.toList());
    } catch (RuntimeException e) {
      return "!" + e.getClass().getName() + ": " + e.getMessage();
    }
  }

  private static Recipient recipient(
      String customerId, CustomerAttributes attributes, List<String> codes, long templateId) {
    Recipient r = Recipient.of(CustomerId.of(customerId), attributes, codes);
    if (templateId > 0 && templateId != 7) {
      TemplateId own = TemplateId.of(templateId);
      if (!own.equals(CAMPAIGN_TEMPLATE)) {
        r = r.withTemplate(own);
      }
    }
    return r;
  }

  private static String describe(List<Recipient> recipients) {
    StringBuilder sb = new StringBuilder();
    for (Recipient r : recipients) {
      sb.append(r.customerId().value())
          .append('|')
          .append(r.attributes().names())
          .append('|')
          .append(r.attributes().values())
          .append('|')
          .append(r.promoCodes())
          .append('|')
          .append(r.templateId().map(TemplateId::value).orElse("-"))
          .append('\n');
    }
    return sb.toString();
  }
}
