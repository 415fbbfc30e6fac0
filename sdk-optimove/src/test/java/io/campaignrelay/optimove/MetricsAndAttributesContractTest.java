package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.optimove.models.CampaignInteractions;
import io.campaignrelay.optimove.models.CampaignMetric;
import io.campaignrelay.optimove.models.CustomerAttributeDefinition;
import io.campaignrelay.optimove.models.CustomerAttributeValue;
import io.campaignrelay.optimove.models.InteractionEventId;
import io.campaignrelay.optimove.models.MetricId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class MetricsAndAttributesContractTest extends OptimoveTestSupport {

  @Test
  void updateCampaignMetricsSendsRowsInChunksOfOneHundred() throws Exception {
    enqueue(200, "");
    enqueue(200, "");
    List<CampaignMetric> rows = new ArrayList<>();
    IntStream.range(0, 101)
        .forEach(i -> rows.add(new CampaignMetric(452, 1234, 7, MetricId.DELIVERED, i)));
    rows.set(0, new CampaignMetric(452, 1234, 7, MetricId.BOUNCED, 3));

    client.updateCampaignMetrics(rows);

    RecordedRequest first = take();
    assertThat(first.getMethod()).isEqualTo("POST");
    assertThat(first.getTarget()).isEqualTo("/current/integrations/UpdateCampaignMetrics");
    assertThat(body(first))
        .startsWith(
            "[{\"ChannelID\":452,\"CampaignID\":1234,\"TemplateID\":7,\"MetricID\":9,\"MetricValue\":3},"
                + "{\"ChannelID\":452,\"CampaignID\":1234,\"TemplateID\":7,\"MetricID\":1,\"MetricValue\":1}");
    assertThat(body(first).split("MetricID")).hasSize(101);
    assertThat(body(take()))
        .isEqualTo(
            "[{\"ChannelID\":452,\"CampaignID\":1234,\"TemplateID\":7,\"MetricID\":1,\"MetricValue\":100}]");
  }

  @Test
  void updateCampaignMetricsValidatesBeforeSending() {
    assertThatThrownBy(
            () ->
                client.updateCampaignMetrics(
                    List.of(new CampaignMetric(0, 0, -1, MetricId.of(42), -5))))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.problems()).hasSize(4));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void updateCampaignInteractionsSplitsAtTenThousandCustomers() throws Exception {
    for (int i = 0; i < 3; i++) {
      enqueue(200, "");
    }
    List<String> ids = IntStream.range(0, 25_000).mapToObj(i -> "c" + i).toList();

    client.updateCampaignInteractions(
        CampaignInteractions.builder()
            .campaignId(1234)
            .channelId(452)
            .interactionDate(LocalDate.of(2026, 11, 22))
            .templateId(7)
            .eventId(InteractionEventId.CLICKED)
            .customerIds(ids)
            .build());

    RecordedRequest first = take();
    assertThat(first.getTarget()).isEqualTo("/current/integrations/UpdateCampaignInteractions");
    assertThat(body(first))
        .startsWith(
            "{\"CampaignID\":1234,\"ChannelID\":452,\"InteractionDate\":\"2026-11-22\",\"TemplateID\":7,"
                + "\"EventID\":3,\"RecipientGroupID\":1,\"CustomerIDs\":[\"c0\",")
        .endsWith("\"c9999\"]}")
        .doesNotContain("AppID");
    assertThat(body(take())).contains("\"CustomerIDs\":[\"c10000\",").endsWith("\"c19999\"]}");
    assertThat(body(take())).contains("\"CustomerIDs\":[\"c20000\",").endsWith("\"c24999\"]}");
  }

  @Test
  void interactionsBuilderListsEveryProblem() {
    assertThatThrownBy(() -> CampaignInteractions.builder().recipientGroupId(0).build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.field())
                    .containsExactly(
                        "campaignId",
                        "channelId",
                        "interactionDate",
                        "eventId",
                        "recipientGroupId",
                        "customerIds"));
  }

  @Test
  void customerAttributeList() throws Exception {
    enqueueJson(
        "[{\"RealFieldName\":\"MOBILE_NUMBER\",\"Description\":\"Mobile\"},"
            + "{\"RealFieldName\":\"FIRST_NAME\",\"Description\":\"First name\"}]");
    assertThat(client.listCustomerAttributes())
        .containsExactly(
            new CustomerAttributeDefinition("MOBILE_NUMBER", "Mobile"),
            new CustomerAttributeDefinition("FIRST_NAME", "First name"));
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getTarget()).isEqualTo("/current/model/GetCustomerAttributeList");
  }

  @Test
  void perCustomerAttributes() throws Exception {
    enqueueJson(
        "[{\"RealFieldName\":\"MOBILE_NUMBER\",\"Alias\":\"Mobile\",\"FieldType\":\"NVARCHAR\","
            + "\"Value\":\"+447700900123\"}]");
    List<CustomerAttributeValue> values = client.getCustomerAttributes(CustomerId.of("C 1/2"));
    assertThat(values)
        .containsExactly(
            new CustomerAttributeValue("MOBILE_NUMBER", "Mobile", "NVARCHAR", "+447700900123"));
    assertThat(values.get(0).toString()).doesNotContain("+447700900123");
    assertThat(take().getUrl().encodedPath()).isEqualTo("/Customers/C%201%2F2/Attributes");
  }

  @Test
  void metricIdsAreExpandable() {
    assertThat(MetricId.fromString("bounced")).isSameAs(MetricId.BOUNCED);
    assertThat(MetricId.BOUNCED.id()).isEqualTo(9);
    assertThat(MetricId.of(7).isKnown()).isFalse();
    assertThat(InteractionEventId.BOUNCED.id()).isEqualTo(7);
    assertThat(InteractionEventId.fromString("spam report"))
        .isSameAs(InteractionEventId.SPAM_REPORT);
  }
}
