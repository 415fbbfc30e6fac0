package io.campaignrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

  @Test
  void customerIdKeepsTheTextExactly() {
    assertThat(CustomerId.of("007").value()).isEqualTo("007");
    assertThat(CustomerId.of("abc-123@x").toString()).isEqualTo("abc-123@x");
    assertThat(CustomerId.of("a")).isEqualTo(new CustomerId("a"));
    assertThat(CustomerId.of("a").compareTo(CustomerId.of("b"))).isNegative();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"''|is blank", "'   '|is blank", "' 42'|whitespace", "'42 '|whitespace"})
  void customerIdRejectsBlankAndPadded(String value, String message) {
    assertThatThrownBy(() -> CustomerId.of(value))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("customerId='" + value + "'")
        .hasMessageContaining(message);
  }

  @Test
  void customerIdRejectsNullControlsAndRunawayLength() {
    assertThatThrownBy(() -> CustomerId.of(null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("customerId='<missing>'");
    assertThatThrownBy(() -> CustomerId.of("a\nb"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("a\\u000ab")
        .hasMessageContaining("control characters");
    assertThatThrownBy(() -> CustomerId.of("x".repeat(CustomerId.MAX_LENGTH + 1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("at most 256");
    assertThat(CustomerId.of("x".repeat(CustomerId.MAX_LENGTH)).value()).hasSize(256);
  }

  @Test
  void scheduledCampaignIdIsNumeric() {
    CampaignId id = CampaignId.scheduled(1234);
    assertThat(id.value()).isEqualTo("1234");
    assertThat(id.isNumeric()).isTrue();
    assertThat(id.numericValue()).hasValue(1234);
    assertThat(id).isEqualTo(CampaignId.of("1234"));
  }

  @Test
  void triggeredCampaignIdKeepsTheDottedTextWithoutLoss() {
    CampaignId id = CampaignId.triggered("2.38");
    assertThat(id.value()).isEqualTo("2.38");
    assertThat(id.toString()).isEqualTo("2.38");
    assertThat(id.isNumeric()).isFalse();
    assertThat(id.numericValue()).isEmpty();
    assertThat(CampaignId.of("2.380")).isNotEqualTo(CampaignId.of("2.38"));
    assertThat(CampaignId.of("1.2.3").value()).isEqualTo("1.2.3");
  }

  @Test
  void hugeNumericIdIsKeptAsText() {
    CampaignId id = CampaignId.of("99999999999999999999");
    assertThat(id.isNumeric()).isTrue();
    assertThat(id.numericValue()).isEmpty();
    assertThat(id.value()).isEqualTo("99999999999999999999");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|is missing",
        "abc|has the character 'a'",
        "-5|has the character '-'",
        "2.|empty part",
        ".38|empty part",
        "2..38|empty part",
        "0|is zero",
        "0.0|is zero",
        "2 .38|has the character ' '"
      })
  void campaignIdRejectsOtherForms(String value, String message) {
    assertThatThrownBy(() -> CampaignId.of(value))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("campaignId='" + value + "'")
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void scheduledIdMustBePositive(long id) {
    assertThatThrownBy(() -> CampaignId.scheduled(id))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("campaignId='" + id + "'")
        .hasMessageContaining("not positive");
  }

  @Test
  void campaignIdsOrderNumericallyThenByText() {
    List<CampaignId> ids =
        new ArrayList<>(
            List.of(
                CampaignId.of("2.38"),
                CampaignId.of("10"),
                CampaignId.of("2.9"),
                CampaignId.of("99999999999999999999"),
                CampaignId.of("9"),
                CampaignId.of("2.38.1"),
                CampaignId.of("09")));
    Collections.sort(ids);
    assertThat(ids)
        .extracting(CampaignId::value)
        .containsExactly("09", "9", "10", "99999999999999999999", "2.9", "2.38", "2.38.1");
    assertThat(CampaignId.of("9").compareTo(CampaignId.of("9"))).isZero();
  }

  @Test
  void channelIdConstantsAndOthers() {
    assertThat(ChannelId.SCHEDULED_SMS.value()).isEqualTo(452);
    assertThat(ChannelId.TRIGGERED_SMS.value()).isEqualTo(250);
    assertThat(ChannelId.of(452)).isSameAs(ChannelId.SCHEDULED_SMS);
    assertThat(ChannelId.of(250)).isSameAs(ChannelId.TRIGGERED_SMS);
    assertThat(ChannelId.of(505).value()).isEqualTo(505);
    assertThat(ChannelId.of(505).toString()).isEqualTo("505");
    assertThat(ChannelId.of(1).compareTo(ChannelId.of(2))).isNegative();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -250})
  void channelIdMustBePositive(int value) {
    assertThatThrownBy(() -> ChannelId.of(value))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("channelId='" + value + "'")
        .hasMessageContaining("452");
  }

  @Test
  void templateIdIsOpaqueText() {
    assertThat(TemplateId.of("HDS7F3Y2").value()).isEqualTo("HDS7F3Y2");
    assertThat(TemplateId.of(2698724035425L).value()).isEqualTo("2698724035425");
    assertThat(TemplateId.of("a").compareTo(TemplateId.of("b"))).isNegative();
  }

  @Test
  void templateIdRejectsBadInput() {
    assertThatThrownBy(() -> TemplateId.of(" "))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("templateId=' '");
    assertThatThrownBy(() -> TemplateId.of(" x"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("trim");
    assertThatThrownBy(() -> TemplateId.of("x\ty"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("control");
    assertThatThrownBy(() -> TemplateId.of("x".repeat(129)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("at most 128");
    assertThatThrownBy(() -> TemplateId.of(-1L))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> TemplateId.of((String) null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("<missing>");
  }

  @Test
  void executionModeIsTestUnlessLiveIsChosen() {
    assertThat(ExecutionMode.defaultMode()).isEqualTo(ExecutionMode.TEST);
    assertThat(ExecutionMode.fromString(null)).isEqualTo(ExecutionMode.TEST);
    assertThat(ExecutionMode.fromString("  ")).isEqualTo(ExecutionMode.TEST);
    assertThat(ExecutionMode.fromString(" test ")).isEqualTo(ExecutionMode.TEST);
    assertThat(ExecutionMode.fromString("Live")).isEqualTo(ExecutionMode.LIVE);
    assertThat(ExecutionMode.LIVE.isLive()).isTrue();
    assertThat(ExecutionMode.TEST.isLive()).isFalse();
    assertThatThrownBy(() -> ExecutionMode.fromString("production"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("executionMode='production'")
        .hasMessageContaining("'LIVE'");
  }
}
