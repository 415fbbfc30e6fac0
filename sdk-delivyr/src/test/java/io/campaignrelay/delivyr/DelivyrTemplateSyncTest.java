package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.PublishedTemplate;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.models.ChannelTemplate;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DelivyrTemplateSyncTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static String template(String id, String name, String status, String channels, String kind) {
    return "{\"id\":\""
        + id
        + "\",\"name\":\""
        + name
        + "\",\"body\":\"Hi [%FIRST_NAME%]\",\"status\":\""
        + status
        + "\",\"channels\":"
        + channels
        + ",\"redirectUrl\":\"https://own.example.com/"
        + id
        + "\",\"createdAt\":\"2026-03-01T00:00:00Z\""
        + (kind == null ? "" : ",\"kind\":\"" + kind + "\"")
        + "}";
  }

  static final String TEMPLATES =
      "{\"data\":["
          + template("HDS7F3Y2", "Welcome", "approved", "[\"scheduled\"]", "custom")
          + ","
          + template("YFRYM0RJ", "Spring sale", "approved", "[\"scheduled\",\"triggered\"]", null)
          + ","
          + template("ABCD1234", "System notice", "approved", "[]", "system")
          + "],\"nextCursor\":null}";

  MockWebServer delivyrServer;
  MockWebServer optimoveServer;
  DelivyrClient delivyr;
  OptimoveClient optimove;
  final Map<Integer, String> channelTemplates = new ConcurrentHashMap<>();
  final List<RecordedRequest> optimoveWrites = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    delivyrServer = new MockWebServer();
    delivyrServer.start();
    optimoveServer = new MockWebServer();
    optimoveServer.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            String target = r.getTarget();
            if (target.contains("GetChannelTemplates")) {
              String channel = r.getUrl().queryParameter("ChannelID");
              return json(channelTemplates.getOrDefault(Integer.parseInt(channel), "[]"));
            }
            optimoveWrites.add(r);
            return new MockResponse.Builder().code(200).body("").build();
          }
        });
    optimoveServer.start();
    delivyr = TestClients.delivyr(delivyrServer);
    optimove =
        OptimoveClient.builder()
            .endpoint(optimoveServer.url("/").toString())
            .credential(Secret.of("opti-SECRET"))
            .sleeper(d -> {})
            .buildClient();
  }

  @AfterEach
  void stop() {
    delivyrServer.close();
    optimoveServer.close();
  }

  static MockResponse json(String body) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void syncsApprovedCustomTemplatesTo452And250WithMappedIdsAndNames() throws Exception {
    delivyrServer.enqueue(json(TEMPLATES));
    Map<ChannelId, List<PublishedTemplate>> published =
        DelivyrTemplateSync.create(delivyr, optimove).sync();

    long welcome = TemplateIdMapping.toOptimoveTemplateId("HDS7F3Y2");
    long spring = TemplateIdMapping.toOptimoveTemplateId("YFRYM0RJ");
    assertThat(published.get(ChannelId.SCHEDULED_SMS))
        .extracting(PublishedTemplate::channelTemplateId, PublishedTemplate::displayName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(TemplateId.of(welcome), "HDS7F3Y2 - Welcome"),
            org.assertj.core.groups.Tuple.tuple(TemplateId.of(spring), "YFRYM0RJ - Spring sale"));
    assertThat(published.get(ChannelId.TRIGGERED_SMS))
        .extracting(PublishedTemplate::displayName)
        .containsExactly("YFRYM0RJ - Spring sale");

    RecordedRequest list = delivyrServer.takeRequest();
    assertThat(list.getTarget()).isEqualTo("/templates?status=approved");
    assertThat(optimoveWrites).hasSize(2);
    RecordedRequest add452 = optimoveWrites.get(0);
    assertThat(add452.getTarget()).contains("AddChannelTemplates").contains("ChannelID=452");
    JsonNode rows = JSON.readTree(add452.getBody().utf8());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("TemplateID").asLong()).isEqualTo(welcome);
    assertThat(rows.get(0).get("TemplateName").asText()).isEqualTo("HDS7F3Y2 - Welcome");
    RecordedRequest add250 = optimoveWrites.get(1);
    assertThat(add250.getTarget()).contains("ChannelID=250");
    assertThat(JSON.readTree(add250.getBody().utf8()).get(0).get("TemplateID").asLong())
        .isEqualTo(spring);
  }

  @Test
  void aTemplateIdAlreadyUsedBySomethingElseStopsTheSyncBeforeAnyWrite() {
    delivyrServer.enqueue(json(TEMPLATES));
    long spring = TemplateIdMapping.toOptimoveTemplateId("YFRYM0RJ");
    channelTemplates.put(
        250, "[{\"TemplateID\":" + spring + ",\"TemplateName\":\"Hand-made reminder\"}]");
    assertThatThrownBy(() -> DelivyrTemplateSync.create(delivyr, optimove).sync())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("channel 250")
        .hasMessageContaining("Hand-made reminder")
        .hasMessageContaining("YFRYM0RJ");
    assertThat(optimoveWrites).isEmpty();
  }

  /** Optimove's GetChannelTemplates rows from (TemplateID, TemplateName) pairs. */
  static String rows(Object... idsAndNames) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < idsAndNames.length; i += 2) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"TemplateID\":")
          .append(idsAndNames[i])
          .append(",\"TemplateName\":\"")
          .append(idsAndNames[i + 1])
          .append("\"}");
    }
    return sb.append(']').toString();
  }

  @Test
  void aSecondSyncWithNothingChangedWritesNothingAndForeignTemplatesAreKept() {
    long welcome = TemplateIdMapping.toOptimoveTemplateId("HDS7F3Y2");
    long spring = TemplateIdMapping.toOptimoveTemplateId("YFRYM0RJ");
    channelTemplates.put(
        452,
        rows(
            welcome, "HDS7F3Y2 - Welcome", spring, "YFRYM0RJ - Spring sale", 7L, "Another vendor"));
    channelTemplates.put(
        250, "[{\"TemplateID\":" + spring + ",\"TemplateName\":\"YFRYM0RJ - Spring sale\"}]");
    delivyrServer.enqueue(json(TEMPLATES));
    DelivyrTemplateSync.create(delivyr, optimove).sync();
    assertThat(optimoveWrites).isEmpty();
  }

  @Test
  void aTemplateNoLongerApprovedIsRemovedFromItsChannel() throws Exception {
    long welcome = TemplateIdMapping.toOptimoveTemplateId("HDS7F3Y2");
    long old = TemplateIdMapping.toOptimoveTemplateId("OLD00001");
    channelTemplates.put(452, rows(welcome, "HDS7F3Y2 - Welcome", old, "OLD00001 - Retired"));
    delivyrServer.enqueue(
        json(
            "{\"data\":["
                + template("HDS7F3Y2", "Welcome", "approved", "[\"scheduled\"]", null)
                + "],\"nextCursor\":null}"));
    DelivyrTemplateSync.create(delivyr, optimove).sync();
    assertThat(optimoveWrites).hasSize(1);
    RecordedRequest delete = optimoveWrites.get(0);
    assertThat(delete.getTarget()).contains("DeleteChannelTemplates");
    JsonNode rows = JSON.readTree(delete.getBody().utf8());
    assertThat(rows.get(0).get("TemplateID").asLong()).isEqualTo(old);
    assertThat(rows.get(0).get("ChannelID").asInt()).isEqualTo(452);
  }

  @Test
  void ownershipIsTheMappingItself() {
    long welcome = TemplateIdMapping.toOptimoveTemplateId("HDS7F3Y2");
    assertThat(DelivyrTemplateSync.isDelivyrOwned(ChannelTemplate.of(welcome, "HDS7F3Y2 - X")))
        .isTrue();
    assertThat(DelivyrTemplateSync.isDelivyrOwned(ChannelTemplate.of(welcome + 1, "HDS7F3Y2 - X")))
        .isFalse();
    assertThat(DelivyrTemplateSync.isDelivyrOwned(ChannelTemplate.of(welcome, "Welcome")))
        .isFalse();
  }

  @Test
  void templatesConvertWithChannelsApprovalAndTheDefaultUrlRule() {
    io.campaignrelay.delivyr.models.DelivyrTemplate old =
        approvedInBothChannels("Hi [%FIRST_NAME%]", "https://own.example.com/");
    DefaultUrlRule rule =
        DefaultUrlRule.of("https://shop.example.com/", Instant.parse("2026-06-01T00:00:00Z"));
    Template t = DelivyrTemplateSource.toTemplate(old, rule);
    assertThat(t.isApproved()).isTrue();
    assertThat(t.channels())
        .containsExactlyInAnyOrder(ChannelId.SCHEDULED_SMS, ChannelId.TRIGGERED_SMS);
    assertThat(t.redirectUrl()).contains(URI.create("https://shop.example.com/"));
    assertThat(DelivyrTemplateSource.toTemplate(old, null).redirectUrl())
        .contains(URI.create("https://own.example.com/"));
  }

  /** Template HDS7F3Y2 "Welcome", approved, no channel listed (so offered in both). */
  static io.campaignrelay.delivyr.models.DelivyrTemplate approvedInBothChannels(
      String body, String redirectUrl) {
    return new io.campaignrelay.delivyr.models.DelivyrTemplate(
        "HDS7F3Y2",
        "Welcome",
        body,
        io.campaignrelay.delivyr.models.TemplateStatus.APPROVED,
        List.of(),
        redirectUrl,
        Instant.parse("2026-01-01T00:00:00Z"),
        null);
  }

  @Test
  void delivyrPlaceholdersBecomeTheEnginesTags() {
    io.campaignrelay.delivyr.models.DelivyrTemplate t =
        approvedInBothChannels(
            "Hi {{FIRST_NAME}} / {{ city_2 }}, code [%PROMO_CODE%], {{a.b}} {{}} {x}", null);
    assertThat(DelivyrTemplateSource.toTemplate(t, null).body())
        .isEqualTo("Hi [%FIRST_NAME%] / [%city_2%], code [%PROMO_CODE%], {{a.b}} {{}} {x}");
    assertThat(DelivyrTemplateSource.optimoveTags(null)).isNull();
  }

  @Test
  void templateSourceReadsOneOrNone() {
    delivyrServer.enqueue(
        json(template("HDS7F3Y2", "Welcome", "pending", "[\"triggered\"]", null)));
    delivyrServer.enqueue(
        new MockResponse.Builder()
            .code(404)
            .body("{\"error\":{\"code\":\"not_found\",\"message\":\"no such template\"}}")
            .build());
    DelivyrTemplateSource source = DelivyrTemplateSource.create(delivyr);
    Template t = source.template(TemplateId.of("HDS7F3Y2")).orElseThrow();
    assertThat(t.isApproved()).isFalse();
    assertThat(t.channels()).containsExactly(ChannelId.TRIGGERED_SMS);
    assertThat(source.template(TemplateId.of("ZZZZZZZZ"))).isEmpty();
    assertThat(source.template(TemplateId.of("not-delivyr"))).isEmpty();
  }
}
