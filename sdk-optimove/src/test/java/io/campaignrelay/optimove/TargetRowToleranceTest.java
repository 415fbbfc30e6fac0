package io.campaignrelay.optimove;

import static io.campaignrelay.optimove.CampaignTargetsContractTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.optimove.models.CustomerExecutionDetail;
import io.campaignrelay.optimove.models.CustomerSendDetail;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The target pages are streamed row by row without data-binding; these pin the tolerances the rows
 * had when Jackson data-binding read them: names ignoring case, unknown fields skipped, numbers and
 * numeric text where the other is expected, arrays or text for promo codes, non-text attribute
 * values kept as their text.
 */
class TargetRowToleranceTest extends OptimoveTestSupport {

  @Test
  void executionRowsAcceptAnyCaseUnknownFieldsAndLooseScalars() {
    enqueueJson(
        "[{\"customerid\":42,\"Extra\":{\"a\":[1,{\"b\":null}]},\"actionId\":\"5\","
            + "\"TEMPLATEID\":\"7\",\"Tags\":[1,2],\"promocode\":[\"A\",null,\" B \",5,\"\"],"
            + "\"scheduletime\":\"2024-01-02 09:30:00\","
            + "\"customerattributes\":[\"+447700900123\",30,null]},"
            + "{\"CustomerID\":\"A2\",\"ActionID\":null,\"PromoCode\":null,"
            + "\"CustomerAttributes\":null}]");

    List<CustomerExecutionDetail> rows =
        client.listCustomerExecutionDetails(query(10, "PHONE", "AGE", "NAME")).stream().toList();

    assertThat(rows).hasSize(2);
    CustomerExecutionDetail first = rows.get(0);
    assertThat(first.customerId()).isEqualTo("42");
    assertThat(first.actionId()).isEqualTo(5);
    assertThat(first.templateId()).isEqualTo(7);
    assertThat(first.promoCodes()).containsExactly("A", "B", "5");
    assertThat(first.scheduledTime()).contains(LocalDateTime.of(2024, 1, 2, 9, 30));
    assertThat(first.attributes().values()).containsExactly("+447700900123", "30", null);
    assertThat(first.attributes().value("age")).contains("30");
    CustomerExecutionDetail second = rows.get(1);
    assertThat(second.customerId()).isEqualTo("A2");
    assertThat(second.actionId()).isZero();
    assertThat(second.templateId()).isZero();
    assertThat(second.promoCodes()).isEmpty();
    assertThat(second.scheduledTimeText()).isNull();
    assertThat(second.attributes().names()).containsExactly("PHONE", "AGE", "NAME");
    assertThat(second.attributes().values()).containsExactly(null, null, null);
  }

  @Test
  void sendRowsAcceptTheOtherTimeSpellingAndSkipExecutionFields() {
    enqueueJson(
        "[{\"CustomerID\":\"A1\",\"ActionID\":9,\"PromoCode\":\"X\",\"TemplateID\":3.0,"
            + "\"ScheduleTime\":\"2016-08-30 10:00:00\",\"CustomerAttributes\":\"+447700900123\"}]");

    CustomerSendDetail d =
        client.listCustomerSendDetails(query(10, "PHONE")).stream().findFirst().orElseThrow();

    assertThat(d.customerId()).isEqualTo("A1");
    assertThat(d.templateId()).isEqualTo(3);
    assertThat(d.scheduledTime()).contains(LocalDateTime.of(2016, 8, 30, 10, 0));
    assertThat(d.attributes().values()).containsExactly("+447700900123");
  }

  @Test
  void moreArrayValuesThanRequestedNamesFailWithTheFix() {
    enqueueJson("[{\"CustomerID\":\"A1\",\"CustomerAttributes\":[\"+44770\",\"Ann\",\"x\"]}]");

    assertThatThrownBy(
            () -> client.listCustomerExecutionDetails(query(10, "PHONE", "NAME")).stream().toList())
        .isInstanceOfSatisfying(
            ApiServiceException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(200);
              assertThat(e.getMessage())
                  .contains("3 values for 2 requested attributes")
                  .contains("request and read the same attribute list");
            });
  }

  @Test
  void anObjectWhereTheCustomerIdBelongsIsUnreadable() {
    enqueueJson("[{\"CustomerID\":{\"id\":1},\"CustomerAttributes\":[\"+44770\"]}]");

    assertThatThrownBy(() -> client.listCustomerSendDetails(query(10, "PHONE")).stream().toList())
        .isInstanceOf(ApiServiceException.class)
        .hasMessageContaining("could not be read as rows of SendDetailRow");
  }
}
