package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.InvalidPhoneNumberException;
import io.campaignrelay.core.PhoneNumberParser;
import io.campaignrelay.core.Secret;
import io.campaignrelay.delivyr.models.OptimoveAccessType;
import io.campaignrelay.delivyr.models.SendMessageRequest;
import io.campaignrelay.optimove.OptimoveEvents;
import io.campaignrelay.optimove.models.TriggeredEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggeredMessageBuilderTest {

  static final String WITH_INFO =
      "{\"requestId\":\"6f1c7e0e-1b2a-4c3d-9e8f-001122334455\",\"customerID\":\"C42\","
          + "\"isVisitor\":false,\"actionID\":7,\"promotions\":[],\"promoCode\":[],"
          + "\"channelID\":250,\"channelAdditionalData\":null,\"campaignID\":\"2.38\","
          + "\"templateName\":\"YFRYM0RL - Cart reminder\",\"campaignSeriesID\":\"2.18\","
          + "\"templateID\":2698724035425,\"timestamp\":\"1772509331\","
          + "\"personalization\":{\"personalInfo\":{\"ClientCustomerId\":\"C42\","
          + "\"EMAIL\":\"ada@example.com\",\"FIRST_NAME\":\"Ada\",\"PHONENUMBER\":\"+447700900123\"},"
          + "\"cart_abandoned\":{\"mobile_number\":\"+447700900999\",\"item\":\"Shoes\"}}}";

  static final String WITHOUT_INFO =
      "{\"requestId\":\"req-2\",\"customerID\":\"C43\",\"campaignID\":\"2.38\","
          + "\"templateID\":2698724035425,\"timestamp\":\"1772509331\","
          + "\"personalization\":{\"cart_abandoned\":{\"item\":\"Hat\"}}}";

  static OptimoveIntegrationSettings.Builder settings() {
    return OptimoveIntegrationSettings.builder()
        .apiEndpoint("https://api4.optimove.net/")
        .apiKey(Secret.of("k"), OptimoveAccessType.INTEGRATIONS)
        .customerAttributes("PHONENUMBER", "FIRST_NAME");
  }

  static TriggeredMessageBuilder builder(OptimoveIntegrationSettings s, ExecutionMode mode) {
    return TriggeredMessageBuilder.builder().settings(s).mode(mode).build();
  }

  @Test
  void buildsTheMessageFromPersonalInfoWithThePhoneFirstAndTheRestAsVariables() {
    SendMessageRequest m =
        builder(settings().build(), ExecutionMode.TEST)
            .build(OptimoveEvents.parseTriggered(WITH_INFO));
    assertThat(m.to()).isEqualTo("+447700900123");
    assertThat(m.customerId()).contains("C42");
    assertThat(m.variables()).containsExactly(Map.entry("FIRST_NAME", "Ada"));
    assertThat(m.templateId()).contains("YFRYM0RL");
    assertThat(m.campaign().orElseThrow().optimoveCampaignId()).isEqualTo("2.38");
    assertThat(m.campaign().orElseThrow().channelId()).isEqualTo(250);
    assertThat(m.campaign().orElseThrow().optimoveTemplateId()).isEqualTo(2_698_724_035_425L);
    assertThat(m.idempotencyKey()).contains("cr1-t-6f1c7e0e-1b2a-4c3d-9e8f-001122334455");
    assertThat(m.testMode()).isTrue();
  }

  @Test
  void fetchesAttributesFromOptimoveWhenPersonalInfoIsAbsent() {
    List<String> asked = new ArrayList<>();
    Map<String, String> fromOptimove = new LinkedHashMap<>();
    fromOptimove.put("PhoneNumber", "+447700900555");
    fromOptimove.put("first_name", "Grace");
    TriggeredMessageBuilder b =
        TriggeredMessageBuilder.builder()
            .settings(settings().build())
            .attributeLookup(
                id -> {
                  asked.add(id);
                  return fromOptimove;
                })
            .build();
    SendMessageRequest m = b.build(OptimoveEvents.parseTriggered(WITHOUT_INFO));
    assertThat(asked).containsExactly("C43");
    assertThat(m.to()).isEqualTo("+447700900555");
    assertThat(m.variables()).containsEntry("FIRST_NAME", "Grace");
    assertThat(m.campaign().orElseThrow().channelId()).isEqualTo(250);
    // With personalInfo present the lookup is never called.
    b.build(OptimoveEvents.parseTriggered(WITH_INFO));
    assertThat(asked).hasSize(1);
  }

  @Test
  void withoutPersonalInfoAndWithoutALookupItSaysWhatToConfigure() {
    assertThatThrownBy(
            () ->
                builder(settings().build(), ExecutionMode.TEST)
                    .build(OptimoveEvents.parseTriggered(WITHOUT_INFO)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("attributeLookup");
  }

  @Test
  void appliesTriggeredOverridesFromTheSettings() {
    OptimoveIntegrationSettings s =
        settings()
            .triggeredOverride("phone", "personalization.cart_abandoned.mobile_number")
            .triggeredOverride("FIRST_NAME", "cart_abandoned.item")
            .build();
    SendMessageRequest m =
        builder(s, ExecutionMode.TEST).build(OptimoveEvents.parseTriggered(WITH_INFO));
    assertThat(m.to()).isEqualTo("+447700900999");
    assertThat(m.variables()).containsEntry("FIRST_NAME", "Shoes");
  }

  @Test
  void anOverrideThatFindsNothingKeepsTheAttribute() {
    OptimoveIntegrationSettings s =
        settings().triggeredOverride("phone", "personalization.other_event.mobile_number").build();
    SendMessageRequest m =
        builder(s, ExecutionMode.TEST).build(OptimoveEvents.parseTriggered(WITH_INFO));
    assertThat(m.to()).isEqualTo("+447700900123");
    TriggeredEvent e = OptimoveEvents.parseTriggered(WITH_INFO);
    assertThat(TriggeredMessageBuilder.resolve(e, "personalInfo.email"))
        .contains("ada@example.com");
    assertThat(TriggeredMessageBuilder.resolve(e, "a.b.c")).isEmpty();
  }

  @Test
  void aBadPhoneNumberIsAnInvalidPhoneFormat() {
    String bad = WITH_INFO.replace("+447700900123", "not a phone");
    assertThatThrownBy(
            () ->
                builder(settings().build(), ExecutionMode.TEST)
                    .build(OptimoveEvents.parseTriggered(bad)))
        .isInstanceOf(InvalidPhoneNumberException.class)
        .hasMessageContaining("PHONENUMBER");
    String national = WITH_INFO.replace("+447700900123", "07700 900123");
    SendMessageRequest m =
        TriggeredMessageBuilder.builder()
            .settings(settings().build())
            .phoneParser(PhoneNumberParser.basic(44))
            .build()
            .build(OptimoveEvents.parseTriggered(national));
    assertThat(m.to()).isEqualTo("+447700900123");
  }

  @Test
  void testModeUnlessLiveAndTheSettingsTestingModeIsOff() {
    TriggeredEvent e = OptimoveEvents.parseTriggered(WITH_INFO);
    assertThat(builder(settings().build(), ExecutionMode.LIVE).build(e).testMode()).isTrue();
    assertThat(
            builder(settings().testingMode(false).build(), ExecutionMode.TEST).build(e).testMode())
        .isTrue();
    assertThat(
            builder(settings().testingMode(false).build(), ExecutionMode.LIVE).build(e).testMode())
        .isFalse();
  }

  @Test
  void reportsWhatThePayloadLacks() {
    String empty = "{\"requestId\":\"r\",\"customerID\":\"C1\",\"personalization\":{}}";
    assertThatThrownBy(
            () ->
                builder(settings().build(), ExecutionMode.TEST)
                    .build(OptimoveEvents.parseTriggered(empty)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("campaignID")
        .hasMessageContaining("templateID");
    assertThatThrownBy(() -> TriggeredMessageBuilder.builder().build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("settings");
  }
}
