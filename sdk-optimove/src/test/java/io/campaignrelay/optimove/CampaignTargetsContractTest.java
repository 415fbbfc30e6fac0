package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.PagedIterable;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.optimove.models.CampaignChannel;
import io.campaignrelay.optimove.models.CampaignDetails;
import io.campaignrelay.optimove.models.CampaignTargetQuery;
import io.campaignrelay.optimove.models.CanceledCampaignCustomer;
import io.campaignrelay.optimove.models.CustomerExecutionDetail;
import io.campaignrelay.optimove.models.CustomerSendDetail;
import io.campaignrelay.optimove.models.ExecutedCampaignChannelDetail;
import io.campaignrelay.optimove.models.Promotion;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class CampaignTargetsContractTest extends OptimoveTestSupport {

  static CampaignTargetQuery query(int pageSize, String... attributes) {
    return CampaignTargetQuery.builder()
        .campaignId(1234)
        .channelId(452)
        .customerAttributes(List.of(attributes))
        .pageSize(pageSize)
        .build();
  }

  static String sendRows(int from, int count) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = from; i < from + count; i++) {
      if (i > from) {
        sb.append(',');
      }
      sb.append("{\"CustomerID\":\"c")
          .append(i)
          .append("\",\"TemplateID\":7,\"ScheduledTime\":\"2016-08-30 10:00:00\",")
          .append("\"CustomerAttributes\":[\"+44770090")
          .append(i)
          .append("\",\"Ann\"]}");
    }
    return sb.append(']').toString();
  }

  @Test
  void pagesThroughThreeTenThousandRowPagesEndingWithAShortOne() throws Exception {
    enqueueJson(sendRows(0, 10_000));
    enqueueJson(sendRows(10_000, 10_000));
    enqueueJson(sendRows(20_000, 4_321));

    AtomicLong count = new AtomicLong();
    try (Stream<CustomerSendDetail> s =
        client
            .listCustomerSendDetails(
                CampaignTargetQuery.builder()
                    .campaignId(1234)
                    .channelId(452)
                    .customerAttributes(List.of("MOBILE_NUMBER", "FIRST_NAME"))
                    .build())
            .stream()) {
      s.forEach(
          d -> {
            assertThat(d.customerId()).isEqualTo("c" + count.get());
            count.incrementAndGet();
          });
    }

    assertThat(count.get()).isEqualTo(24_321);
    assertThat(server.getRequestCount()).isEqualTo(3);
    for (long skip : new long[] {0, 10_000, 20_000}) {
      RecordedRequest r = take();
      assertThat(r.getMethod()).isEqualTo("GET");
      assertThat(r.getUrl().encodedPath())
          .isEqualTo("/current/customers/GetCustomerSendDetailsByChannel");
      assertThat(r.getTarget()).contains("$top=10000").contains("$skip=" + skip);
      assertThat(r.getUrl().queryParameter("ChannelID")).isEqualTo("452");
      assertThat(r.getUrl().queryParameter("CampaignID")).isEqualTo("1234");
      assertThat(r.getUrl().queryParameter("CustomerAttributes"))
          .isEqualTo("MOBILE_NUMBER;FIRST_NAME");
      assertThat(r.getUrl().queryParameter("CustomerAttributesDelimiter")).isEqualTo(",");
      assertThat(r.getHeaders().get("X-API-KEY")).isEqualTo(API_KEY);
    }
  }

  @Test
  void fetchesTheNextPageOnlyWhenReached() throws Exception {
    enqueueJson(sendRows(0, 2));
    enqueueJson(sendRows(2, 2));
    enqueueJson("[]");

    Iterator<CustomerSendDetail> it =
        client.listCustomerSendDetails(query(2, "PHONE", "NAME")).iterator();
    assertThat(server.getRequestCount()).isZero();
    assertThat(it.next().customerId()).isEqualTo("c0");
    assertThat(it.next().customerId()).isEqualTo("c1");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(it.next().customerId()).isEqualTo("c2");
    assertThat(server.getRequestCount()).isEqualTo(2);
    it.next();
    assertThat(it.hasNext()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void pagesCarryTheNextSkipFirstInTheContinuationToken() {
    enqueueJson(sendRows(0, 2));
    enqueueJson(sendRows(2, 1));

    List<PagedIterable.Page<CustomerSendDetail>> pages = new ArrayList<>();
    client.listCustomerSendDetails(query(2, "PHONE", "NAME")).byPage().forEach(pages::add);

    assertThat(pages).extracting(p -> p.items().size()).containsExactly(2, 1);
    assertThat(pages.get(0).continuationToken()).startsWith("2~2~");
    assertThat(pages.get(1).continuationToken()).isNull();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void readsAttributesAsArrayAndScheduledTime() {
    enqueueJson(
        "[{\"CustomerID\":\"A1\",\"TemplateID\":3,\"ScheduledTime\":\"2016-08-30 10:00:00\","
            + "\"CustomerAttributes\":[\"+447700900123\",\"Ann\",null]}]");

    CustomerSendDetail d =
        client.listCustomerSendDetails(query(10, "PHONE", "FIRST_NAME", "COUNTRY")).stream()
            .findFirst()
            .orElseThrow();

    assertThat(d.templateId()).isEqualTo(3);
    assertThat(d.scheduledTime()).contains(LocalDateTime.of(2016, 8, 30, 10, 0));
    assertThat(d.attributes().names()).containsExactly("PHONE", "FIRST_NAME", "COUNTRY");
    assertThat(d.attributes().values()).containsExactly("+447700900123", "Ann", null);
  }

  @Test
  void readsAttributesAsOneDelimitedString() throws Exception {
    enqueueJson(
        "[{\"CustomerID\":\"A1\",\"TemplateID\":3,\"CustomerAttributes\":\"+447700900123;Ann;\"},"
            + "{\"CustomerID\":\"A2\",\"TemplateID\":3,\"CustomerAttributes\":\"+447700900124\"}]");

    List<CustomerSendDetail> rows =
        client
            .listCustomerSendDetails(
                query(10, "PHONE", "FIRST_NAME", "COUNTRY").toBuilder()
                    .attributeDelimiter(';')
                    .build())
            .stream()
            .toList();

    assertThat(rows.get(0).attributes().values()).containsExactly("+447700900123", "Ann", "");
    assertThat(rows.get(1).attributes().values()).containsExactly("+447700900124", null, null);
    assertThat(take().getUrl().queryParameter("CustomerAttributesDelimiter")).isEqualTo(";");
  }

  @Test
  void delimitedValueContainingTheDelimiterFailsWithTheFix() {
    enqueueJson("[{\"CustomerID\":\"A1\",\"CustomerAttributes\":\"+44770,Smith, Ann\"}]");

    assertThatThrownBy(
            () -> client.listCustomerSendDetails(query(10, "PHONE", "NAME")).stream().toList())
        .isInstanceOf(ApiServiceException.class)
        .hasMessageContaining("3 values for 2 requested attributes")
        .hasMessageContaining("other delimiter");
  }

  @Test
  void executionDetailsSplitPromoCodesAndAcceptBothTimeSpellings() throws Exception {
    enqueueJson(
        "[{\"CustomerID\":\"A1\",\"ActionID\":5,\"TemplateID\":3,\"PromoCode\":\"SAVE10, FREESHIP\","
            + "\"ScheduleTime\":\"2024-01-02 09:30:00\",\"CustomerAttributes\":[\"+447700900123\"]},"
            + "{\"CustomerID\":\"A2\",\"ActionID\":5,\"TemplateID\":4,\"PromoCode\":\"\","
            + "\"ScheduledTime\":\"2024-01-02 09:45\",\"CustomerAttributes\":\"+447700900124\"}]");

    List<CustomerExecutionDetail> rows =
        client.listCustomerExecutionDetails(query(10, "PHONE")).stream().toList();

    assertThat(rows.get(0).promoCodes()).containsExactly("SAVE10", "FREESHIP");
    assertThat(rows.get(0).actionId()).isEqualTo(5);
    assertThat(rows.get(0).scheduledTime()).contains(LocalDateTime.of(2024, 1, 2, 9, 30));
    assertThat(rows.get(1).promoCodes()).isEmpty();
    assertThat(rows.get(1).scheduledTime()).contains(LocalDateTime.of(2024, 1, 2, 9, 45));
    assertThat(rows.get(1).attributes().values()).containsExactly("+447700900124");
    RecordedRequest r = take();
    assertThat(r.getUrl().encodedPath())
        .isEqualTo("/current/customers/GetCustomerExecutionDetailsByCampaign");
    assertThat(r.getUrl().queryParameter("CampaignID")).isEqualTo("1234");
    assertThat(r.getUrl().queryParameter("ChannelID")).isEqualTo("452");
    assertThat(r.getTarget()).contains("$top=10&$skip=0");
  }

  @Test
  void withoutAttributesNoAttributeParametersAreSent() throws Exception {
    enqueueJson("[]");
    assertThat(client.listCustomerSendDetails(query(10)).stream().toList()).isEmpty();
    RecordedRequest r = take();
    assertThat(r.getUrl().queryParameter("CustomerAttributes")).isNull();
    assertThat(r.getUrl().queryParameter("CustomerAttributesDelimiter")).isNull();
  }

  @Test
  void aJsonStringInsteadOfRowsIsAnError() {
    enqueueJson("\"Unauthorized\"");
    assertThatThrownBy(() -> client.listCustomerSendDetails(query(10)).stream().toList())
        .isInstanceOfSatisfying(
            ApiServiceException.class, e -> assertThat(e.vendorMessage()).contains("Unauthorized"));
  }

  @Test
  void queryValidationListsEveryProblem() {
    assertThatThrownBy(
            () ->
                CampaignTargetQuery.builder()
                    .campaignId(0)
                    .channelId(-1)
                    .attributeDelimiter('|')
                    .pageSize(20_000)
                    .customerAttributes(List.of("PHONE", "A;B", "phone", " "))
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.field())
                    .containsExactly(
                        "campaignId",
                        "channelId",
                        "attributeDelimiter",
                        "pageSize",
                        "customerAttributes[1]",
                        "customerAttributes[2]",
                        "customerAttributes[3]"));
  }

  @Test
  void campaignDetailsAcceptObjectOrArray() throws Exception {
    enqueueJson(
        "{\"TargetGroupID\":12,\"CampaignType\":\"Test\",\"Duration\":7,\"LeadTime\":1,"
            + "\"Notes\":\"n\",\"IsMultiChannel\":false,\"IsRecurrence\":true,\"Status\":\"Executed\","
            + "\"Error\":null,\"Tags\":[\"vip\",\"sms\"],\"Channels\":[{\"Id\":452,\"Name\":\"SMS\"}]}");
    enqueueJson("[{\"TargetGroupID\":13,\"Tags\":\"a,b\",\"Channels\":[{\"ChannelID\":250}]}]");

    CampaignDetails first = client.getCampaignDetails(CampaignId.scheduled(1234));
    CampaignDetails second = client.getCampaignDetails(CampaignId.scheduled(1235));

    assertThat(first.targetGroupId()).isEqualTo(12L);
    assertThat(first.duration()).isEqualTo(7);
    assertThat(first.recurrence()).isTrue();
    assertThat(first.tags()).containsExactly("vip", "sms");
    assertThat(first.channels()).containsExactly(new CampaignChannel(452, "SMS"));
    assertThat(second.tags()).containsExactly("a", "b");
    assertThat(second.channels()).containsExactly(new CampaignChannel(250, null));
    assertThat(take().getTarget()).isEqualTo("/current/actions/GetCampaignDetails?CampaignID=1234");
  }

  @Test
  void executedCampaignsByChannelSendsDate() throws Exception {
    enqueueJson("[{\"CampaignID\":11},{\"CampaignID\":\"12\"}]");
    assertThat(client.listExecutedCampaigns(ChannelId.of(452), LocalDate.of(2018, 5, 24)))
        .containsExactly(CampaignId.scheduled(11), CampaignId.scheduled(12));
    assertThat(take().getTarget())
        .isEqualTo("/current/actions/GetExecutedCampaignsByChannel?ChannelID=452&Date=2018-05-24");
  }

  @Test
  void executedCampaignChannelDetails() throws Exception {
    enqueueJson(
        "[{\"SendID\":\"s-1\",\"TemplateID\":7,\"ScheduledTime\":\"2016-08-30 10:00:00\",\"ListID\":3}]");
    List<ExecutedCampaignChannelDetail> rows =
        client.listExecutedCampaignChannelDetails(CampaignId.scheduled(1234), ChannelId.of(452));
    assertThat(rows)
        .containsExactly(new ExecutedCampaignChannelDetail("s-1", 7L, "2016-08-30 10:00:00", "3"));
    assertThat(rows.get(0).scheduledTime()).contains(LocalDateTime.of(2016, 8, 30, 10, 0));
    assertThat(take().getTarget())
        .isEqualTo(
            "/current/actions/GetExecutedCampaignChannelDetails?CampaignID=1234&ChannelID=452");
  }

  @Test
  void canceledCampaignCustomers() throws Exception {
    enqueueJson("[{\"CustomerID\":\"A1\",\"ActionID\":5,\"PromoCode\":\"X1,X2\"}]");
    assertThat(client.listCanceledCustomers(CampaignId.scheduled(1234)))
        .containsExactly(new CanceledCampaignCustomer("A1", 5, List.of("X1", "X2")));
    assertThat(take().getTarget())
        .isEqualTo("/current/customers/GetCanceledCampaignCustomers?CampaignID=1234");
  }

  @Test
  void promotionsAddListDelete() throws Exception {
    enqueue(200, "");
    enqueueJson("[{\"PromoCode\":\"SAVE10\",\"PromotionName\":\"Ten off\"}]");
    enqueue(200, "");

    client.createPromotions(List.of(Promotion.of("SAVE10", "Ten off")));
    assertThat(client.listPromotions()).containsExactly(Promotion.of("SAVE10", "Ten off"));
    client.deletePromotions(List.of("SAVE10"));

    RecordedRequest add = take();
    assertThat(add.getTarget()).isEqualTo("/current/integrations/AddPromotions");
    assertThat(body(add)).isEqualTo("[{\"PromoCode\":\"SAVE10\",\"PromotionName\":\"Ten off\"}]");
    assertThat(take().getTarget()).isEqualTo("/current/integrations/GetPromotions");
    RecordedRequest del = take();
    assertThat(del.getTarget()).isEqualTo("/current/integrations/DeletePromotions");
    assertThat(body(del)).isEqualTo("[{\"PromoCode\":\"SAVE10\"}]");
  }
}
