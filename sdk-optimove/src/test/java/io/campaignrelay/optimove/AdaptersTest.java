package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.PublishedTemplate;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.metrics.DeliveryEvent;
import io.campaignrelay.core.metrics.DeliveryOutcome;
import io.campaignrelay.core.metrics.EngagementMetric;
import io.campaignrelay.core.metrics.MetricsSnapshot;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.core.template.ApprovalState;
import io.campaignrelay.core.template.Template;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class AdaptersTest extends OptimoveTestSupport {

  static Campaign campaign(String id) {
    return Campaign.builder()
        .kind(CampaignKind.SCHEDULED)
        .id(CampaignId.of(id))
        .channel(ChannelId.SCHEDULED_SMS)
        .templateId(TemplateId.of(7))
        .sendTime(NOW)
        .promoCodes(List.of("CAMPAIGN10"))
        .build();
  }

  // ---------------------------------------------------------------- target source

  @Test
  void targetSourceStreamsRecipientsWithAttributesPromoCodesAndOwnTemplates() throws Exception {
    enqueueJson(
        "[{\"CustomerID\":\"A1\",\"ActionID\":5,\"TemplateID\":7,\"PromoCode\":\"P1,P2\","
            + "\"ScheduleTime\":\"2026-11-23 10:00:00\",\"CustomerAttributes\":[\"+447700900123\",\"Ann\"]},"
            + "{\"CustomerID\":\"A2\",\"ActionID\":5,\"TemplateID\":8,\"PromoCode\":\"\","
            + "\"CustomerAttributes\":[\"+447700900124\",\"Bob\"]}]");
    OptimoveTargetSource source =
        OptimoveTargetSource.builder()
            .client(client)
            .customerAttributes(List.of("MOBILE_NUMBER", "FIRST_NAME"))
            .phoneAttribute("MOBILE_NUMBER")
            .pageSize(500)
            .build();

    List<Recipient> recipients;
    try (Stream<Recipient> s = source.recipients(campaign("1234"))) {
      recipients = s.toList();
    }

    assertThat(recipients).hasSize(2);
    Recipient a = recipients.get(0);
    assertThat(a.customerId()).isEqualTo(CustomerId.of("A1"));
    assertThat(a.attributes().value("mobile_number")).contains("+447700900123");
    assertThat(a.promoCodes()).containsExactly("P1", "P2");
    assertThat(a.templateId()).isEmpty();
    assertThat(recipients.get(1).templateId()).contains(TemplateId.of(8));
    RecordedRequest r = take();
    assertThat(r.getUrl().encodedPath())
        .isEqualTo("/current/customers/GetCustomerExecutionDetailsByCampaign");
    assertThat(r.getUrl().queryParameter("CampaignID")).isEqualTo("1234");
    assertThat(r.getUrl().queryParameter("ChannelID")).isEqualTo("452");
    assertThat(r.getUrl().queryParameter("CustomerAttributes"))
        .isEqualTo("MOBILE_NUMBER;FIRST_NAME");
    assertThat(r.getTarget()).contains("$top=500");
  }

  @Test
  void sendDetailsSourceUsesTheCampaignsPromoCodesAndSkipsRepeats() throws Exception {
    enqueueJson(
        "[{\"CustomerID\":\"A1\",\"TemplateID\":7,\"CustomerAttributes\":\"+447700900123\"},"
            + "{\"CustomerID\":\"A1\",\"TemplateID\":7,\"CustomerAttributes\":\"+447700900123\"}]");
    OptimoveTargetSource source =
        OptimoveTargetSource.builder()
            .client(client)
            .function(OptimoveTargetSource.Function.SEND_DETAILS_BY_CHANNEL)
            .customerAttributes(List.of("MOBILE_NUMBER"))
            .build();

    List<Recipient> recipients = source.recipients(campaign("1234")).toList();

    assertThat(recipients)
        .singleElement()
        .satisfies(r -> assertThat(r.promoCodes()).containsExactly("CAMPAIGN10"));
    assertThat(take().getUrl().encodedPath())
        .isEqualTo("/current/customers/GetCustomerSendDetailsByChannel");
  }

  @Test
  void targetSourceRejectsPhoneNotFirstAndTriggeredIds() {
    assertThatThrownBy(
            () ->
                OptimoveTargetSource.builder()
                    .client(client)
                    .customerAttributes(List.of("FIRST_NAME", "MOBILE_NUMBER"))
                    .phoneAttribute("MOBILE_NUMBER")
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("phone number must be the first");
    OptimoveTargetSource source = OptimoveTargetSource.builder().client(client).build();
    Campaign triggered =
        campaign("1").toBuilder().kind(CampaignKind.TRIGGERED).id(CampaignId.of("2.38")).build();
    assertThatThrownBy(() -> source.recipients(triggered))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("integers");
  }

  // ---------------------------------------------------------------- template publisher

  static Template template(String id, String name, ApprovalState state) {
    return Template.builder()
        .id(TemplateId.of(id))
        .name(name)
        .body("Hi [%FIRST_NAME%]")
        .approvalState(state)
        .build();
  }

  @Test
  void publisherAddsMissingReplacesRenamedAndDeletesRemoved() throws Exception {
    enqueueJson(
        "[{\"TemplateID\":1,\"TemplateName\":\"Welcome\"},{\"TemplateID\":2,\"TemplateName\":\"Old name\"},"
            + "{\"TemplateID\":3,\"TemplateName\":\"Gone\"}]");
    enqueue(200, "");
    enqueue(200, "");
    OptimoveTemplatePublisher publisher =
        OptimoveTemplatePublisher.builder().client(client).build();

    List<PublishedTemplate> published =
        publisher.publish(
            ChannelId.SCHEDULED_SMS,
            List.of(
                template("1", "Welcome", ApprovalState.APPROVED),
                template("2", "New name", ApprovalState.APPROVED),
                template("4", "Fresh", ApprovalState.APPROVED)));

    assertThat(published)
        .containsExactly(
            new PublishedTemplate(
                TemplateId.of("1"), TemplateId.of(1), ChannelId.SCHEDULED_SMS, "Welcome"),
            new PublishedTemplate(
                TemplateId.of("2"), TemplateId.of(2), ChannelId.SCHEDULED_SMS, "New name"),
            new PublishedTemplate(
                TemplateId.of("4"), TemplateId.of(4), ChannelId.SCHEDULED_SMS, "Fresh"));
    assertThat(take().getTarget())
        .isEqualTo("/current/integrations/GetChannelTemplates?ChannelID=452");
    RecordedRequest delete = take();
    assertThat(delete.getTarget()).isEqualTo("/current/integrations/DeleteChannelTemplates");
    assertThat(body(delete))
        .isEqualTo("[{\"ChannelID\":452,\"TemplateID\":2},{\"ChannelID\":452,\"TemplateID\":3}]");
    RecordedRequest add = take();
    assertThat(add.getTarget())
        .isEqualTo("/current/integrations/AddChannelTemplates?ChannelID=452");
    assertThat(body(add))
        .isEqualTo(
            "[{\"TemplateID\":2,\"TemplateName\":\"New name\"},{\"TemplateID\":4,\"TemplateName\":\"Fresh\"}]");
  }

  @Test
  void publishingTheSameTemplatesAgainWritesNothing() {
    enqueueJson("[{\"TemplateID\":1,\"TemplateName\":\"Welcome\"}]");
    OptimoveTemplatePublisher publisher =
        OptimoveTemplatePublisher.builder().client(client).build();

    publisher.publish(
        ChannelId.TRIGGERED_SMS, List.of(template("1", "Welcome", ApprovalState.APPROVED)));

    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void publishesToBothSmsChannelsWithMappingAndDisplayName() throws Exception {
    enqueueJson("[]");
    enqueue(200, "");
    enqueueJson("[]");
    enqueue(200, "");
    OptimoveTemplatePublisher publisher =
        OptimoveTemplatePublisher.builder()
            .client(client)
            .templateIdMapping(id -> Long.parseLong(id.value(), 36))
            .displayName(t -> t.id() + " - " + t.name())
            .build();

    Map<ChannelId, List<PublishedTemplate>> out =
        publisher.publishToSmsChannels(
            List.of(template("HDS7F3Y2", "Promo", ApprovalState.APPROVED)));

    long number = Long.parseLong("HDS7F3Y2", 36);
    assertThat(out).containsOnlyKeys(ChannelId.SCHEDULED_SMS, ChannelId.TRIGGERED_SMS);
    assertThat(take().getTarget()).endsWith("GetChannelTemplates?ChannelID=452");
    assertThat(body(take()))
        .isEqualTo("[{\"TemplateID\":" + number + ",\"TemplateName\":\"HDS7F3Y2 - Promo\"}]");
    assertThat(take().getTarget()).endsWith("GetChannelTemplates?ChannelID=250");
    assertThat(take().getTarget()).endsWith("AddChannelTemplates?ChannelID=250");
  }

  @Test
  void publisherRejectsUnapprovedUnmappableAndCollidingTemplatesBeforeAnyCall() {
    OptimoveTemplatePublisher publisher =
        OptimoveTemplatePublisher.builder().client(client).build();
    assertThatThrownBy(
            () ->
                publisher.publish(
                    ChannelId.SCHEDULED_SMS,
                    List.of(
                        template("1", "A", ApprovalState.PENDING),
                        template("ABC", "B", ApprovalState.APPROVED),
                        template("5", "C", ApprovalState.APPROVED),
                        template("05", "D", ApprovalState.APPROVED))))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.field())
                    .containsExactly(
                        "templates[0].approvalState", "templates[1].id", "templates[3].id"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void publisherOnlyDeletesOwnedTemplates() throws Exception {
    enqueueJson(
        "[{\"TemplateID\":1,\"TemplateName\":\"DLV_Welcome\"},{\"TemplateID\":900,\"TemplateName\":\"Other vendor\"}]");
    enqueue(200, "");
    OptimoveTemplatePublisher publisher =
        OptimoveTemplatePublisher.builder()
            .client(client)
            .ownedTemplates(t -> t.templateName().startsWith("DLV_"))
            .build();

    publisher.publish(ChannelId.SCHEDULED_SMS, List.of());

    take();
    assertThat(body(take())).isEqualTo("[{\"ChannelID\":452,\"TemplateID\":1}]");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  // ---------------------------------------------------------------- metrics sink

  EngagementMetricsClient engagement() {
    return EngagementMetricsClient.builder()
        .tenantId("123")
        .credential(Secret.of("tenant-token-XYZ"))
        .endpoint(server.url("/").toString())
        .clock(clock)
        .buildClient();
  }

  static DeliveryEvent event(String id, String customer, DeliveryOutcome outcome, Duration ago) {
    return new DeliveryEvent(
        id, CampaignId.of("1234"), CustomerId.of(customer), outcome, NOW.minus(ago));
  }

  @Test
  void sinkMapsBuffersAndFlushesEngagementEvents() throws Exception {
    enqueue(200, "");
    enqueue(200, "");
    OptimoveMetricsSink sink =
        OptimoveMetricsSink.builder()
            .engagementClient(engagement())
            .channel(ChannelId.SCHEDULED_SMS)
            .bufferSize(2)
            .clock(clock)
            .build();

    sink.accept(event("e1", "A1", DeliveryOutcome.DELIVERED, Duration.ofMinutes(5)));
    sink.accept(event("e1", "A1", DeliveryOutcome.DELIVERED, Duration.ofMinutes(5)));
    sink.accept(event("e2", "A2", DeliveryOutcome.PENDING, Duration.ofMinutes(5)));
    assertThat(server.getRequestCount()).isZero();
    sink.accept(
        event(
            "e3",
            "A2",
            DeliveryOutcome.rejected(RejectionReason.OPTED_OUT),
            Duration.ofMinutes(4)));
    assertThat(server.getRequestCount()).isEqualTo(1);
    sink.accept(event("e4", "A3", DeliveryOutcome.OPTED_OUT, Duration.ofDays(8)));
    sink.accept(event("e5", "A3", DeliveryOutcome.CLICKED, Duration.ofMinutes(1)));
    sink.close();

    String first = body(take());
    assertThat(first)
        .isEqualTo(
            "[{\"event\":\"Delivered\",\"category\":\"metric\",\"timestamp\":\"2026-11-23T09:55:00Z\","
                + "\"customer\":\"A1\",\"context\":{\"campaignID\":\"1234\",\"channelID\":452}},"
                + "{\"event\":\"Dropped\",\"category\":\"metric\",\"timestamp\":\"2026-11-23T09:56:00Z\","
                + "\"customer\":\"A2\",\"context\":{\"campaignID\":\"1234\",\"channelID\":452}}]");
    assertThat(body(take())).contains("\"event\":\"Clicked\"").doesNotContain("Unsubscribed");
    assertThat(sink.skippedTooOld()).isEqualTo(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aFailedBatchStaysInTheOutboxAndTheNextFlushSendsItOnce() throws Exception {
    enqueue(400, "\"bad event\"");
    enqueue(200, "");
    OptimoveMetricsSink sink =
        OptimoveMetricsSink.builder()
            .engagementClient(engagement())
            .bufferSize(1)
            .clock(clock)
            .build();
    DeliveryEvent e = event("e1", "A1", DeliveryOutcome.DELIVERED, Duration.ofMinutes(1));

    sink.accept(e);
    assertThat(sink.depth()).isEqualTo(1);
    assertThat(server.getRequestCount()).isOne();
    assertThat(sink.flush().isComplete()).isTrue();
    assertThat(sink.depth()).isZero();
    sink.accept(e);

    assertThat(sink.depth()).as("a delivered id is not appended again").isZero();
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(body(take())).isEqualTo(body(take()));
  }

  @Test
  void sinkReportsSnapshotGrowthAsCampaignMetrics() throws Exception {
    enqueue(200, "");
    enqueue(200, "");
    OptimoveMetricsSink sink =
        OptimoveMetricsSink.builder().aggregates(client, ChannelId.SCHEDULED_SMS, c -> 7L).build();
    MetricsSnapshot first =
        MetricsSnapshot.builder(CampaignId.of("1234"))
            .targeted(10)
            .add(EngagementMetric.DELIVERED, 4)
            .add(EngagementMetric.BOUNCED, 1)
            .build();
    MetricsSnapshot second =
        MetricsSnapshot.builder(CampaignId.of("1234"))
            .targeted(10)
            .add(EngagementMetric.DELIVERED, 6)
            .add(EngagementMetric.BOUNCED, 1)
            .build();

    sink.report(first);
    sink.report(first);
    sink.report(second);

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(body(take()))
        .contains(
            "{\"ChannelID\":452,\"CampaignID\":1234,\"TemplateID\":7,\"MetricID\":1,\"MetricValue\":4}")
        .contains(
            "{\"ChannelID\":452,\"CampaignID\":1234,\"TemplateID\":7,\"MetricID\":9,\"MetricValue\":1}");
    assertThat(body(take()))
        .isEqualTo(
            "[{\"ChannelID\":452,\"CampaignID\":1234,\"TemplateID\":7,\"MetricID\":1,\"MetricValue\":2}]");
    assertThatThrownBy(() -> sink.accept(event("x", "A", DeliveryOutcome.DELIVERED, Duration.ZERO)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("engagementClient");
  }
}
