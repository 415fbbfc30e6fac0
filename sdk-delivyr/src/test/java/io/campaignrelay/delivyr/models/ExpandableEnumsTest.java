package io.campaignrelay.delivyr.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignrelay.core.ExpandableStringEnum;
import io.campaignrelay.core.http.spi.HttpPipeline;
import org.junit.jupiter.api.Test;

class ExpandableEnumsTest {

  private final ObjectMapper json = HttpPipeline.defaultObjectMapper();

  @Test
  void knownValuesAreTheSpecsInDeclarationOrder() {
    assertThat(MessageStatus.values())
        .extracting(ExpandableStringEnum::value)
        .containsExactly("queued", "sent", "delivered", "undelivered", "rejected", "logged");
    assertThat(MessageEventType.values())
        .extracting(ExpandableStringEnum::value)
        .containsExactly("delivered", "undelivered", "rejected", "click", "opt_out");
    assertThat(RejectionReason.values())
        .extracting(ExpandableStringEnum::value)
        .containsExactly("opted_out", "invalid_phone_format", "cannot_receive_sms");
    assertThat(TemplateChannel.values())
        .extracting(ExpandableStringEnum::value)
        .containsExactly("scheduled", "triggered");
    assertThat(TemplateStatus.values())
        .extracting(ExpandableStringEnum::value)
        .containsExactly("approved", "pending", "rejected");
    assertThat(WebhookEventType.values())
        .extracting(ExpandableStringEnum::value)
        .containsExactly(
            "message.delivered",
            "message.undelivered",
            "message.rejected",
            "message.clicked",
            "contact.opted_out");
    assertThat(OptimoveAccessType.values())
        .containsExactly(
            OptimoveAccessType.INTEGRATIONS,
            OptimoveAccessType.ADMIN,
            OptimoveAccessType.TRANSACTIONAL);
  }

  @Test
  void lookupIgnoresCaseAndSpacesAndReturnsTheConstant() {
    assertThat(MessageStatus.fromString(" Logged ")).isSameAs(MessageStatus.LOGGED);
    assertThat(WebhookEventType.fromString("MESSAGE.CLICKED"))
        .isSameAs(WebhookEventType.MESSAGE_CLICKED);
    assertThat(OptimoveAccessType.fromString("Integration"))
        .isSameAs(OptimoveAccessType.INTEGRATIONS);
    assertThat(OptimoveAccessType.fromString("transaction"))
        .isSameAs(OptimoveAccessType.TRANSACTIONAL);
    assertThat(TemplateChannel.fromString(null)).isNull();
  }

  @Test
  void unknownValuesAreKeptWithTheirRawText() {
    RejectionReason r = RejectionReason.fromString(" carrier_blocked ");
    assertThat(r.value()).isEqualTo("carrier_blocked");
    assertThat(r.isKnown()).isFalse();
    assertThat(r).isEqualTo(RejectionReason.fromString("carrier_blocked"));
    assertThat(RejectionReason.OPTED_OUT.isKnown()).isTrue();
    assertThat(OptimoveAccessType.fromString("Reporting").isKnown()).isFalse();
  }

  @Test
  void equalWireValuesOfDifferentTypesAreNotEqual() {
    assertThat(MessageStatus.DELIVERED.value()).isEqualTo(MessageEventType.DELIVERED.value());
    assertThat((Object) MessageStatus.DELIVERED).isNotEqualTo(MessageEventType.DELIVERED);
  }

  @Test
  void jsonReadsAndWritesTheWireValue() throws Exception {
    assertThat(json.writeValueAsString(TemplateChannel.TRIGGERED)).isEqualTo("\"triggered\"");
    assertThat(json.readValue("\"approved\"", TemplateStatus.class))
        .isSameAs(TemplateStatus.APPROVED);
    MessageStatus unknown = json.readValue("\"expired\"", MessageStatus.class);
    assertThat(unknown.isKnown()).isFalse();
    assertThat(json.writeValueAsString(unknown)).isEqualTo("\"expired\"");
  }
}
