package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.PhoneNumberParser;
import io.campaignrelay.core.execution.PhoneLookup;
import io.campaignrelay.optimove.models.CampaignTargetQuery;
import io.campaignrelay.optimove.models.CustomerExecutionDetail;
import io.campaignrelay.optimove.models.CustomerSendDetail;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rows whose requested attributes are missing or spelled {@code CustomerAttribute} (a third-party
 * mock, and by one account the live API): never a silently null phone number.
 */
class MissingAttributesTest extends OptimoveTestSupport {

  static CampaignTargetQuery query(String... names) {
    return CampaignTargetQuery.builder()
        .campaignId(1234)
        .channelId(452)
        .customerAttributes(List.of(names))
        .pageSize(100)
        .build();
  }

  @Test
  void theSingularKeyIsReadInBothForms() {
    enqueueJson(
        "[{\"CustomerID\":\"A\",\"TemplateID\":7,\"CustomerAttribute\":[\"+447700900001\",\"Ann\"]},"
            + "{\"CustomerID\":\"B\",\"TemplateID\":7,\"customerattribute\":\"+447700900002,Bob\"},"
            + "{\"CustomerID\":\"C\",\"TemplateID\":7,\"CustomerAttributes\":[\"+447700900003\",\"Cy\"]}]");

    List<CustomerSendDetail> rows =
        client.listCustomerSendDetails(query("MOBILE", "NAME")).stream().toList();

    assertThat(rows)
        .extracting(r -> r.attributes().asMap())
        .containsExactly(
            java.util.Map.of("MOBILE", "+447700900001", "NAME", "Ann"),
            java.util.Map.of("MOBILE", "+447700900002", "NAME", "Bob"),
            java.util.Map.of("MOBILE", "+447700900003", "NAME", "Cy"));
  }

  @Test
  void theSingularKeyIsReadByExecutionDetailsToo() {
    enqueueJson(
        "[{\"CustomerID\":\"A\",\"ActionID\":3,\"TemplateID\":7,\"PromoCode\":\"X\","
            + "\"CustomerAttribute\":[\"+447700900001\"]}]");

    List<CustomerExecutionDetail> rows =
        client.listCustomerExecutionDetails(query("MOBILE")).stream().toList();

    assertThat(rows.get(0).attributes().value("MOBILE")).contains("+447700900001");
  }

  @Test
  void aRowWithoutItsAttributesIsDroppedByTheEngineNamingThePhoneField() {
    enqueueJson(
        "[{\"CustomerID\":\"A\",\"TemplateID\":7,\"CustomerAttributes\":[\"+447700900001\",\"Ann\"]},"
            + "{\"CustomerID\":\"B\",\"TemplateID\":7}]");
    OptimoveTargetSource source =
        OptimoveTargetSource.builder()
            .client(client)
            .function(OptimoveTargetSource.Function.SEND_DETAILS_BY_CHANNEL)
            .customerAttributes(List.of("MOBILE", "NAME"))
            .build();

    var recipients = source.recipients(TargetPagingTest.campaign(null)).toList();

    assertThat(recipients).hasSize(2);
    var b = recipients.get(1);
    assertThat(b.attributes().names()).containsExactly("MOBILE", "NAME");
    assertThat(b.attributes().value("MOBILE")).isEmpty();
    PhoneLookup engineDefault = PhoneLookup.firstAttribute(PhoneNumberParser.basic());
    assertThat(engineDefault.phoneOf(recipients.get(0)).toString()).contains("447700900001");
    assertThatThrownBy(() -> engineDefault.phoneOf(b))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("MOBILE");
    assertThatThrownBy(() -> PhoneLookup.attribute("MOBILE", PhoneNumberParser.basic()).phoneOf(b))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("MOBILE");
  }

  @Test
  void aPageWithoutAnyAttributesIsATypedErrorNamingCampaignNamesAndKeys() {
    enqueueJson(
        "[{\"CustomerID\":\"A\",\"TemplateID\":7,\"Attribs\":[\"+447700900001\"]},"
            + "{\"CustomerID\":\"B\",\"TemplateID\":7,\"Attribs\":[\"+447700900002\"]}]");

    assertThatThrownBy(
            () -> client.listCustomerSendDetails(query("MOBILE", "FIRST_NAME")).stream().toList())
        .isInstanceOfSatisfying(
            TargetListingException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(TargetListingException.Problem.ATTRIBUTES_MISSING);
              assertThat(e.campaignId()).isEqualTo(1234);
              assertThat(e.page()).isEqualTo(1);
              assertThat(e.attributeNames()).containsExactly("MOBILE", "FIRST_NAME");
              assertThat(e.keysSeen()).containsExactly("CustomerID", "TemplateID", "Attribs");
              assertThat(e.getMessage())
                  .contains("campaign 1234")
                  .contains("[MOBILE, FIRST_NAME]")
                  .contains("Attribs");
            });
  }

  @Test
  void withoutRequestedAttributesNothingIsRequired() {
    enqueueJson("[{\"CustomerID\":\"A\",\"TemplateID\":7}]");

    assertThat(client.listCustomerSendDetails(query()).stream().toList()).hasSize(1);
  }
}
