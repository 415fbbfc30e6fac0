package io.campaignrelay.textlocal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignrelay.core.ExpandableStringEnum;
import io.campaignrelay.textlocal.models.DeliveryStatus;
import io.campaignrelay.textlocal.models.TextLocalErrorCode;
import org.junit.jupiter.api.Test;

/** The module's expandable enums on core's {@link ExpandableStringEnum}. */
class ExpandableEnumsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void deliveryStatusKeepsUnknownLettersAndKnowsWhichAreFinal() throws Exception {
    assertThat(DeliveryStatus.fromString(" d ")).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(DeliveryStatus.fromString("?")).isSameAs(DeliveryStatus.UNKNOWN);
    DeliveryStatus b = DeliveryStatus.fromString("B");
    assertThat(b.isKnown()).isFalse();
    assertThat(b.value()).isEqualTo("B");
    assertThat(b.isFinal()).isFalse();
    assertThat(b)
        .isEqualTo(DeliveryStatus.fromString("B"))
        .isInstanceOf(ExpandableStringEnum.class);
    assertThat(DeliveryStatus.fromString(null)).isNull();
    assertThat(DeliveryStatus.values())
        .containsExactly(
            DeliveryStatus.DELIVERED,
            DeliveryStatus.UNDELIVERED,
            DeliveryStatus.PENDING,
            DeliveryStatus.INVALID,
            DeliveryStatus.EXPIRED,
            DeliveryStatus.UNKNOWN);
    assertThat(DeliveryStatus.values())
        .filteredOn(DeliveryStatus::isFinal)
        .containsExactly(
            DeliveryStatus.DELIVERED,
            DeliveryStatus.UNDELIVERED,
            DeliveryStatus.INVALID,
            DeliveryStatus.EXPIRED);
    assertThat(JSON.readValue("\"E\"", DeliveryStatus.class)).isEqualTo(DeliveryStatus.EXPIRED);
    assertThat(JSON.writeValueAsString(DeliveryStatus.PENDING)).isEqualTo("\"P\"");
  }

  @Test
  void errorCodesAreNumbersOnTheWireAndKeepUnlistedCodes() throws Exception {
    assertThat(TextLocalErrorCode.of(7)).isSameAs(TextLocalErrorCode.INSUFFICIENT_CREDITS);
    assertThat(TextLocalErrorCode.INSUFFICIENT_CREDITS.value()).isEqualTo("7");
    assertThat(TextLocalErrorCode.INSUFFICIENT_CREDITS.code()).isEqualTo(7);
    assertThat(TextLocalErrorCode.INSUFFICIENT_CREDITS.description())
        .isEqualTo("Insufficient credits.");
    TextLocalErrorCode unlisted = TextLocalErrorCode.of(987);
    assertThat(unlisted.isKnown()).isFalse();
    assertThat(unlisted.code()).isEqualTo(987);
    assertThat(unlisted.description()).isEqualTo("Unlisted TextLocal error code");
    assertThat(unlisted).isEqualTo(TextLocalErrorCode.of(987));
    assertThat(TextLocalErrorCode.fromString(" 33 "))
        .isEqualTo(TextLocalErrorCode.TOO_MANY_NUMBERS);
    assertThat(TextLocalErrorCode.fromString("abc").code()).isZero();
    assertThat(TextLocalErrorCode.values()).hasSize(31).allMatch(TextLocalErrorCode::isKnown);
    assertThat(JSON.readValue("\"43\"", TextLocalErrorCode.class))
        .isEqualTo(TextLocalErrorCode.INVALID_SENDER);
  }
}
