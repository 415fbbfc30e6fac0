package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.optimove.models.CampaignEvent;
import io.campaignrelay.optimove.models.CustomerFilesReadyEvent;
import io.campaignrelay.optimove.models.DailyProcessEvent;
import io.campaignrelay.optimove.models.EventType;
import io.campaignrelay.optimove.models.OptimoveEvent;
import io.campaignrelay.optimove.models.PromoClearanceEvent;
import io.campaignrelay.optimove.models.TriggeredEvent;
import io.campaignrelay.optimove.models.UnknownEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimoveEventsTest {

  @Test
  void eventOneIsACampaignEvent() {
    OptimoveEvent e =
        OptimoveEvents.parse(
            "{\"EventTypeID\":1,\"TimeStamp\":\"2022-07-19 08:54\",\"CampaignID\":1234}");
    assertThat(e)
        .isEqualTo(new CampaignEvent(EventType.CAMPAIGN_PROCESSED, "2022-07-19 08:54", 1234, null));
    assertThat(((CampaignEvent) e).timeStamp()).contains(LocalDateTime.of(2022, 7, 19, 8, 54));
  }

  @Test
  void eventThirteenCarriesTheChannel() {
    OptimoveEvent e =
        OptimoveEvents.parse(
            "{\"EventTypeID\":13,\"TimeStamp\":\"2022-07-19 08:54\",\"CampaignID\":77,\"ChannelID\":452}"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(e)
        .isInstanceOfSatisfying(
            CampaignEvent.class,
            c -> {
              assertThat(c.eventType()).isEqualTo(EventType.CHANNEL_EXECUTED);
              assertThat(c.campaignId()).isEqualTo(77);
              assertThat(c.channelId()).isEqualTo(452);
            });
  }

  @Test
  void eventFourIsACancellation() {
    OptimoveEvent e = OptimoveEvents.parse("{\"EventTypeID\":4,\"CampaignID\":\"55\"}");
    assertThat(e).isEqualTo(new CampaignEvent(EventType.CAMPAIGN_CANCELED, null, 55, null));
  }

  @Test
  void eventsTwoAndThreeAreDailyProcessEvents() {
    assertThat(OptimoveEvents.parse("{\"EventTypeID\":2,\"TimeStamp\":\"2022-07-19 23:00\"}"))
        .isEqualTo(new DailyProcessEvent(EventType.ALL_CAMPAIGNS_PROCESSED, "2022-07-19 23:00"));
    assertThat(OptimoveEvents.parse("{\"eventTypeId\":3}"))
        .isEqualTo(new DailyProcessEvent(EventType.DAILY_PROCESS_COMPLETE, null));
  }

  @Test
  void eventFiveCarriesTheClearanceDeadline() {
    OptimoveEvent e =
        OptimoveEvents.parse(
            "{\"EventTypeID\":5,\"CampaignID\":9,\"ClearanceRequiredBy\":\"2022-07-20 06:00:00\"}");
    assertThat(e)
        .isInstanceOfSatisfying(
            PromoClearanceEvent.class,
            p -> {
              assertThat(p.eventType()).isEqualTo(EventType.PROMO_CLEARANCE_REQUIRED);
              assertThat(p.campaignId()).isEqualTo(9);
              assertThat(p.clearanceRequiredBy()).contains(LocalDateTime.of(2022, 7, 20, 6, 0));
            });
  }

  @Test
  void eventFourteenKeepsCredentialsSecret() {
    String json =
        "{\"EventTypeID\":14,\"TimeStamp\":\"2022-07-19 08:54\",\"CampaignID\":3,\"EngagementID\":\"e-1\","
            + "\"TenantID\":123,\"BucketName\":\"optigration-external-eu\",\"DecryptionKey\":\"c2VjcmV0a2V5\","
            + "\"CustomersFolderPath\":\"f/customers\",\"MetadataFilePath\":\"f/meta.json\","
            + "\"ServiceAccount\":\"eyJ0eXBlIjoic2VydmljZSJ9\",\"ChannelID\":452}";
    OptimoveEvent e = OptimoveEvents.parse(json);
    assertThat(e)
        .isInstanceOfSatisfying(
            CustomerFilesReadyEvent.class,
            f -> {
              assertThat(f.campaignId()).isEqualTo(3);
              assertThat(f.channelId()).isEqualTo(452);
              assertThat(f.tenantId()).isEqualTo("123");
              assertThat(f.bucketName()).isEqualTo("optigration-external-eu");
              assertThat(f.decryptionKey().reveal()).isEqualTo("c2VjcmV0a2V5");
              assertThat(f.toString())
                  .doesNotContain("c2VjcmV0a2V5")
                  .doesNotContain("eyJ0eXBlIjoic2VydmljZSJ9");
            });
  }

  static final String TRIGGERED =
      "{\"requestId\":\"6f1c2d3e-aaaa-bbbb-cccc-0123456789ab\",\"customerID\":\"C-1001\","
          + "\"isVisitor\":false,\"actionID\":17,\"promotions\":[],\"promoCode\":[\"SAVE10\"],"
          + "\"channelID\":202,\"channelAdditionalData\":null,\"campaignID\":\"2.38\","
          + "\"templateName\":\"YFRYM0RJ - Optimove MMS Template 2\",\"campaignSeriesID\":\"2.18\","
          + "\"templateID\":2698724035425,\"timestamp\":\"1772509331\","
          + "\"personalization\":{\"personalInfo\":{\"ClientCustomerId\":\"C-1001\","
          + "\"EMAIL\":\"ann@example.com\",\"FIRST_NAME\":\"Ann\",\"PHONENUMBER\":\"+447700900123\"},"
          + "\"deposit_made\":{\"amount\":25.5,\"currency\":\"GBP\"}}}";

  @Test
  void eventElevenWithoutTypeIsReadAsTriggered() {
    OptimoveEvent e = OptimoveEvents.parse(TRIGGERED);

    assertThat(e)
        .isInstanceOfSatisfying(
            TriggeredEvent.class,
            t -> {
              assertThat(t.eventType()).isEqualTo(EventType.TRIGGERED);
              assertThat(t.requestId()).isEqualTo("6f1c2d3e-aaaa-bbbb-cccc-0123456789ab");
              assertThat(t.customerId()).isEqualTo("C-1001");
              assertThat(t.visitor()).isFalse();
              assertThat(t.actionId()).isEqualTo(17L);
              assertThat(t.promoCodes()).containsExactly("SAVE10");
              assertThat(t.channelId()).isEqualTo(202);
              assertThat(t.campaignId()).isEqualTo("2.38");
              assertThat(t.campaignSeriesId()).isEqualTo("2.18");
              assertThat(t.templateId()).isEqualTo(2698724035425L);
              assertThat(t.templateName()).isEqualTo("YFRYM0RJ - Optimove MMS Template 2");
              assertThat(t.timestamp()).contains(Instant.ofEpochSecond(1772509331L));
              assertThat(t.hasPersonalInfo()).isTrue();
              assertThat(t.personalInfo()).containsEntry("PHONENUMBER", "+447700900123");
              assertThat(t.triggerEvents())
                  .isEqualTo(Map.of("deposit_made", Map.of("amount", "25.5", "currency", "GBP")));
              CustomerAttributes attrs =
                  t.attributes(List.of("PhoneNumber", "FIRST_NAME", "COUNTRY"));
              assertThat(attrs.values()).containsExactly("+447700900123", "Ann", null);
              assertThat(t.toString())
                  .doesNotContain("ann@example.com")
                  .doesNotContain("+447700900123");
            });
  }

  @Test
  void eventElevenWithTypeAndNoPersonalInfo() {
    TriggeredEvent t =
        (TriggeredEvent)
            OptimoveEvents.parse(
                "{\"EventTypeID\":11,\"customerID\":\"9\",\"campaignID\":\"3.1\",\"timestamp\":1772509331,"
                    + "\"isVisitor\":\"true\"}");
    assertThat(t.hasPersonalInfo()).isFalse();
    assertThat(t.visitor()).isTrue();
    assertThat(t.timestamp()).contains(Instant.ofEpochSecond(1772509331L));
    assertThat(t.attributes(List.of("PHONE")).valueAt(0)).isEmpty();
  }

  @Test
  void parseTriggeredReadsTheSamePayload() {
    assertThat(OptimoveEvents.parseTriggered(TRIGGERED).campaignId()).isEqualTo("2.38");
  }

  @Test
  void unknownTypesAreKeptRaw() {
    String json = "{\"EventTypeID\":12,\"Whatever\":true}";
    assertThat(OptimoveEvents.parse(json)).isEqualTo(new UnknownEvent(EventType.of(12), json));
  }

  @Test
  void malformedPayloadsFailClearly() {
    assertThatThrownBy(() -> OptimoveEvents.parse("not json"))
        .isInstanceOf(OptimoveEventParseException.class)
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> OptimoveEvents.parse("[1]")).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> OptimoveEvents.parse("{\"TimeStamp\":\"x\"}"))
        .hasMessageContaining("no EventTypeID");
    assertThatThrownBy(() -> OptimoveEvents.parse("{\"EventTypeID\":13,\"ChannelID\":452}"))
        .hasMessageContaining("event 13 has no CampaignID");
    assertThatThrownBy(() -> OptimoveEvents.parse("{\"EventTypeID\":\"x\"}"))
        .hasMessageContaining("EventTypeID is not an integer");
    assertThatThrownBy(() -> OptimoveEvents.parse("")).hasMessageContaining("empty");
  }

  @Test
  void eventTypeIsExpandable() {
    assertThat(EventType.fromString("13")).isSameAs(EventType.CHANNEL_EXECUTED);
    assertThat(EventType.fromString("triggered")).isSameAs(EventType.TRIGGERED);
    assertThat(EventType.of(42)).isEqualTo(EventType.of(42)).hasToString("UNKNOWN(42)");
    assertThat(EventType.values()).hasSize(8);
    assertThatThrownBy(() -> EventType.fromString("nope")).hasMessageContaining("unknown");
  }
}
