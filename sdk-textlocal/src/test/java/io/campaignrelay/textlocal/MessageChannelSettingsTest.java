package io.campaignrelay.textlocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.textlocal.models.TextLocalNotice;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The channel's settings and how TextLocal's per-message errors become rejection reasons. */
class MessageChannelSettingsTest {

  @Test
  void everyBadSettingIsListedAndTheBoundariesAreAccepted() throws Exception {
    try (TextLocalServer tl = new TextLocalServer()) {
      ConfigurationException e =
          catchThrowableOfType(
              ConfigurationException.class,
              () ->
                  TextLocalMessageChannel.builder()
                      .client(tl.client())
                      .reconcileLookback(Duration.ZERO)
                      .reconcileMaxHistoryPages(0)
                      .receiptUrl(" ")
                      .build());
      assertThat(e.getMessage())
          .contains("reconcileLookback", "reconcileMaxHistoryPages", "receiptUrl");
      assertThat(
              catchThrowableOfType(
                      ConfigurationException.class,
                      () ->
                          TextLocalMessageChannel.builder()
                              .reconcileLookback(Duration.ofDays(-1))
                              .build())
                  .getMessage())
          .contains("client", "reconcileLookback");

      TextLocalMessageChannel ok =
          TextLocalMessageChannel.builder()
              .client(tl.client())
              .reconcileLookback(Duration.ofMillis(1))
              .reconcileMaxHistoryPages(1)
              .receiptUrl("https://shop.example/receipts")
              .inferNotSentFromHistory(true)
              .build();
      assertThat(ok.receiptUrl()).hasValue("https://shop.example/receipts");
      assertThat(ok.infersNotSentFromHistory()).isTrue();
      assertThat(ok.toBuilder().inferNotSentFromHistory(false).build().infersNotSentFromHistory())
          .isFalse();
      assertThat(TextLocalMessageChannel.create(tl.client()).infersNotSentFromHistory()).isFalse();
      assertThat(TextLocalMessageChannel.create(tl.client()).receiptUrl()).isEmpty();
    }
  }

  @Test
  void perMessageErrorsMapToRejectionReasons() {
    assertThat(TextLocalMessageChannel.reasonOf(null)).isEqualTo(RejectionReason.OTHER);
    assertThat(TextLocalMessageChannel.reasonOf(new TextLocalNotice(32, "Invalid number format")))
        .isEqualTo(RejectionReason.INVALID_PHONE_FORMAT);
    assertThat(TextLocalMessageChannel.reasonOf(new TextLocalNotice(51, "No valid numbers")))
        .isEqualTo(RejectionReason.INVALID_PHONE_FORMAT);
    assertThat(TextLocalMessageChannel.reasonOf(new TextLocalNotice(3, "Invalid number.")))
        .isEqualTo(RejectionReason.INVALID_PHONE_FORMAT);
    for (String optOut :
        new String[] {
          "Number is on the opt-out list", "Recipient opted out", "optout", "opt out"
        }) {
      assertThat(TextLocalMessageChannel.reasonOf(new TextLocalNotice(99, optOut)))
          .as(optOut)
          .isEqualTo(RejectionReason.OPTED_OUT);
    }
    assertThat(TextLocalMessageChannel.reasonOf(new TextLocalNotice(7, "Insufficient credits")))
        .isEqualTo(RejectionReason.OTHER);
    assertThat(TextLocalMessageChannel.reasonOf(new TextLocalNotice(7, null)))
        .isEqualTo(RejectionReason.OTHER);
  }
}
