package io.campaignrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignTest {

  private static Campaign.Builder scheduled() {
    return Campaign.builder()
        .kind(CampaignKind.SCHEDULED)
        .id(CampaignId.scheduled(1234))
        .channel(ChannelId.SCHEDULED_SMS)
        .templateId(TemplateId.of(77))
        .sendTime(Instant.parse("2026-11-23T10:00:00Z"));
  }

  @Test
  void buildsAScheduledCampaign() {
    Campaign c =
        scheduled()
            .actionId(9)
            .promoCodes(List.of("SAVE10", "SAVE10", "FREE"))
            .targetedCount(500)
            .build();
    assertThat(c.kind()).isEqualTo(CampaignKind.SCHEDULED);
    assertThat(c.id().value()).isEqualTo("1234");
    assertThat(c.channel()).isEqualTo(ChannelId.SCHEDULED_SMS);
    assertThat(c.templateId().value()).isEqualTo("77");
    assertThat(c.actionId()).hasValue(9);
    assertThat(c.sendTime()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    assertThat(c.promoCodes()).containsExactly("SAVE10", "FREE");
    assertThat(c.targetedCount()).hasValue(500);
    assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(c.toString()).contains("1234", "452", "targeted=500");
  }

  @Test
  void optionalValuesAreEmptyWhenUnknown() {
    Campaign c = scheduled().build();
    assertThat(c.actionId()).isEmpty();
    assertThat(c.targetedCount()).isEmpty();
    assertThat(c.promoCodes()).isEmpty();
  }

  @Test
  void triggeredCampaignTakesADottedId() {
    Campaign c =
        scheduled()
            .kind(CampaignKind.TRIGGERED)
            .id(CampaignId.triggered("2.38"))
            .channel(ChannelId.TRIGGERED_SMS)
            .seriesId(CampaignId.of("2.18"))
            .build();
    assertThat(c.id().value()).isEqualTo("2.38");
    assertThat(c.seriesId()).hasValue(CampaignId.of("2.18"));
    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThat(c.toString()).contains("seriesId=2.18");
    assertThat(scheduled().build().seriesId()).isEmpty();
  }

  @Test
  void scheduledCampaignCannotHaveADottedId() {
    assertThatThrownBy(() -> scheduled().id(CampaignId.of("2.38")).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("id='2.38'")
        .hasMessageContaining("use kind TRIGGERED");
  }

  @Test
  void localSendTimeNeedsTheTenantZone() {
    Campaign c =
        scheduled()
            .sendTime(LocalDateTime.parse("2026-07-01T10:00:00"), ZoneId.of("Europe/London"))
            .build();
    assertThat(c.sendTime()).isEqualTo(Instant.parse("2026-07-01T09:00:00Z"));
    Campaign winter =
        scheduled()
            .sendTime(LocalDateTime.parse("2026-12-01T10:00:00"), ZoneId.of("Europe/London"))
            .build();
    assertThat(winter.sendTime()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
    assertThatThrownBy(() -> scheduled().sendTime(LocalDateTime.parse("2026-12-01T10:00:00"), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("tenantZone");
  }

  @Test
  void daylightSavingGapMovesForward() {
    Campaign c =
        scheduled()
            .sendTime(LocalDateTime.parse("2026-03-29T01:30:00"), ZoneId.of("Europe/London"))
            .build();
    assertThat(c.sendTime()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
  }

  @Test
  void everyMissingValueIsReportedAtOnce() {
    assertThatThrownBy(() -> Campaign.builder().build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigurationProblem::field)
                    .containsExactly("kind", "id", "channel", "templateId", "sendTime"))
        .hasMessageContaining("Invalid campaign (5 problems)");
  }

  @Test
  void badOptionalValuesAreReported() {
    assertThatThrownBy(
            () ->
                scheduled()
                    .actionId(0)
                    .targetedCount(-1)
                    .promoCodes(Arrays.asList("OK", " ", "A,B", null))
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigurationProblem::field)
                    .containsExactly(
                        "actionId",
                        "targetedCount",
                        "promoCodes[1]",
                        "promoCodes[2]",
                        "promoCodes[3]"))
        .hasMessageContaining("promoCodes[2]='A,B': has a comma");
  }
}
