package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.runtime.CampaignRecord;
import io.campaignrelay.core.runtime.InMemorySendCaps;
import io.campaignrelay.core.runtime.InboundRequest;
import io.campaignrelay.core.runtime.SendCaps;
import io.campaignrelay.delivyr.models.OptimoveAccessType;
import io.campaignrelay.optimove.EngagementMetricsClient;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.OptimoveMetricsSink;
import io.campaignrelay.phonenumber.LibPhoneNumberParser;
import io.campaignrelay.testkit.EngagementEvent;
import io.campaignrelay.testkit.FakeCustomer;
import io.campaignrelay.testkit.FakeDelivyr;
import io.campaignrelay.testkit.FakeOptimove;
import io.campaignrelay.testkit.ScheduledCampaign;
import io.campaignrelay.testkit.SimulatedClock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The send caps on the scheduled path (event 13 → CampaignJobs → engine → CappedChannel → Delivyr),
 * on a LIVE runtime over the fake Optimove and Delivyr: recipients beyond a cap are never sent,
 * each is reported Dropped to Optimove with the cap named and counted under {@code scheduled
 * cap_<scope>}; the triggered path counts against the same caps. Time is a simulated clock.
 */
class ScheduledCapsTest {

  static final String SHARED = "+447911000999";
  static final String TOKEN = "scheduled-caps-listener-token";

  final SimulatedClock clock = SimulatedClock.create();
  FakeOptimove fakeOptimove;
  FakeDelivyr fakeDelivyr;
  OptimoveMetricsSink sink;
  DelivyrRuntime runtime;
  long scheduledTemplate;
  long triggeredTemplate;

  void start(SendCaps caps) {
    fakeOptimove = FakeOptimove.builder().clock(clock).seed(3).start();
    fakeDelivyr =
        FakeDelivyr.builder().clock(clock).seed(3).optimove(fakeOptimove).outcomes(0, 0, 0).start();
    scheduledTemplate =
        TemplateIdMapping.toOptimoveTemplateId(
            fakeDelivyr.addTemplate(
                "Sale", "Hi {{FIRST_NAME}}, 20% off", "approved", List.of("scheduled"), null));
    triggeredTemplate =
        TemplateIdMapping.toOptimoveTemplateId(
            fakeDelivyr.addTemplate(
                "Basket",
                "Hi {{FIRST_NAME}}, your basket",
                "approved",
                List.of("triggered"),
                null));
    OptimoveClient optimove =
        OptimoveClient.builder()
            .clientOptions(options(fakeOptimove.baseUrl()))
            .credential(Secret.of(FakeOptimove.DEFAULT_API_KEY))
            .buildClient();
    DelivyrClient delivyr =
        DelivyrClient.builder()
            .endpoint(fakeDelivyr.baseUrl())
            .credential(Secret.of(FakeDelivyr.DEFAULT_API_KEY))
            .clientOptions(options(fakeDelivyr.baseUrl()))
            .buildClient();
    sink =
        OptimoveMetricsSink.builder()
            .engagementClient(
                EngagementMetricsClient.builder()
                    .clientOptions(options(fakeOptimove.metricsBaseUrl()))
                    .endpoint(fakeOptimove.metricsBaseUrl())
                    .tenantId(Long.toString(fakeOptimove.tenantId()))
                    .credential(Secret.of(FakeOptimove.DEFAULT_TENANT_TOKEN))
                    .buildClient())
            .mapping(DelivyrMetrics.mapping())
            .bufferSize(10_000)
            .clock(clock)
            .build();
    runtime =
        DelivyrRuntime.builder()
            .settings(
                OptimoveIntegrationSettings.builder()
                    .apiEndpoint("https://api5.optimove.net/")
                    .apiKey(
                        Secret.of(FakeOptimove.DEFAULT_API_KEY), OptimoveAccessType.INTEGRATIONS)
                    .customerAttributes(FakeCustomer.MOBILE_NUMBER, FakeCustomer.FIRST_NAME)
                    .triggeredOverride(
                        OptimoveIntegrationSettings.PHONE_OVERRIDE,
                        "personalization.purchase.mobile")
                    .tenant(
                        Long.toString(fakeOptimove.tenantId()),
                        Secret.of(FakeOptimove.DEFAULT_TENANT_TOKEN))
                    .testingMode(false)
                    .build())
            .delivyr(delivyr)
            .optimove(optimove)
            .metricsSink(sink)
            .webhookSecret(Secret.of("whsec-caps"))
            .listenerToken(Secret.of(TOKEN))
            .listenerBaseUrl("https://relay.example/hooks/")
            .phoneParser(LibPhoneNumberParser.international())
            .sendCaps(caps)
            // Scheduled campaigns share the triggers' caps here (their default is the per-number
            // daily cap alone).
            .scheduledSendCaps(caps)
            .clock(clock)
            .build();
    runtime.install();
  }

  @AfterEach
  void stop() {
    if (runtime != null) {
      runtime.close();
      fakeDelivyr.close();
      fakeOptimove.close();
    }
  }

  ClientOptions options(String endpoint) {
    return ClientOptions.builder().endpoint(endpoint).clock(clock).sleeper(clock::sleep).build();
  }

  /** n customers of Optimove; the first {@code shared} of them share one number. */
  List<String> customers(String prefix, int n, int shared) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = prefix + i;
      String phone = i < shared ? SHARED : String.format("+447911%06d", 1000 + i);
      fakeOptimove.addCustomer(
          new FakeCustomer(id, phone, "Ann", "Lee", id + "@example.com", "GB", "en"));
      ids.add(id);
    }
    return ids;
  }

  /** Event 13 through the listener, then the campaign's jobs up to and past its send time. */
  CampaignRecord runScheduled(List<String> targets) {
    ScheduledCampaign c =
        fakeOptimove.addScheduledCampaign(
            452,
            scheduledTemplate,
            LocalDateTime.ofInstant(clock.instant().plus(Duration.ofHours(1)), ZoneOffset.UTC),
            targets);
    String event13 =
        "{\"EventTypeID\":13,\"TimeStamp\":\"2026-01-05 09:00\",\"CampaignID\":"
            + c.campaignId()
            + ",\"ChannelID\":452}";
    assertThat(
            runtime
                .optimoveEventHandler()
                .handle(
                    InboundRequest.builder("POST", "/hooks/optimove/events")
                        .queryParameter("token", TOKEN)
                        .body(event13)
                        .build())
                .status())
        .isEqualTo(202);
    runtime.runDue();
    clock.advance(Duration.ofHours(1));
    runtime.runDue();
    CampaignRecord record =
        runtime
            .ledger()
            .find(CampaignRecord.keyOf(CampaignId.scheduled(c.campaignId()), "452"))
            .orElseThrow();
    assertThat(record.sentAt()).isPresent();
    return record;
  }

  List<EngagementEvent> droppedEvents() {
    sink.flush();
    return fakeOptimove.receivedEvents().stream().filter(e -> e.event().equals("Dropped")).toList();
  }

  @Test
  void ofTenCustomersSharingANumberWithACapOfTwoTwoAreSentAndEightReportedDropped() {
    start(InMemorySendCaps.builder().perDestinationPerDay(2).build());
    List<String> targets = customers("S", 50, 10);

    CampaignRecord record = runScheduled(targets);

    assertThat(fakeDelivyr.sentMessages().to(SHARED).count()).isEqualTo(2);
    assertThat(fakeDelivyr.sentMessages().count()).isEqualTo(42);
    assertThat(record.attribute("dispatched")).contains("42");
    assertThat(record.attribute("dropped")).contains("8");
    assertThat(runtime.inboundRefusals().get("scheduled cap_destination_per_day")).isEqualTo(8);
    List<EngagementEvent> dropped = droppedEvents();
    assertThat(dropped).hasSize(8);
    assertThat(dropped)
        .extracting(EngagementEvent::customer)
        .allMatch(id -> targets.subList(0, 10).contains(id));
    assertThat(dropped.toString()).doesNotContain(SHARED).doesNotContain("447911000999");

    // the triggered path counts against the same caps: the number's day is used up
    String owner = targets.get(0);
    String trigger =
        "{\"requestId\":\"t1\",\"customerID\":\""
            + owner
            + "\",\"channelID\":250,\"campaignID\":\"1.1.1\",\"templateID\":"
            + triggeredTemplate
            + ",\"timestamp\":\""
            + clock.instant().getEpochSecond()
            + "\",\"personalization\":{\"personalInfo\":{\"MOBILE_NUMBER\":\""
            + SHARED
            + "\",\"FIRST_NAME\":\"Ann\"}}}";
    assertThat(
            runtime
                .optimoveEventHandler()
                .handle(
                    InboundRequest.builder("POST", "/hooks/optimove/events")
                        .queryParameter("token", TOKEN)
                        .body(trigger)
                        .build())
                .outcome())
        .isEqualTo("accepted");
    runtime.runDue();
    assertThat(fakeDelivyr.sentMessages().to(SHARED).count()).isEqualTo(2);
    assertThat(runtime.inboundRefusals().get("trigger cap_destination_per_day"))
        .as("%s", runtime.inboundRefusals())
        .isEqualTo(1);
  }

  @Test
  void aPerCampaignCapOfTwentySendsTwentyAndReportsTheRest() {
    start(InMemorySendCaps.builder().perCampaign(20).build());
    List<String> targets = customers("P", 50, 0);

    CampaignRecord record = runScheduled(targets);

    assertThat(fakeDelivyr.sentMessages().count()).isEqualTo(20);
    assertThat(record.attribute("dispatched")).contains("20");
    assertThat(record.attribute("dropped")).contains("30");
    assertThat(runtime.inboundRefusals().get("scheduled cap_campaign")).isEqualTo(30);
    assertThat(droppedEvents()).hasSize(30);
  }

  @Test
  void aPerCountryCapHoldsTheScheduledPathToItsHour() {
    start(InMemorySendCaps.builder().perCountryPerHour(15).build());
    List<String> targets = customers("G", 25, 0);

    runScheduled(targets);

    assertThat(fakeDelivyr.sentMessages().count()).isEqualTo(15);
    assertThat(runtime.inboundRefusals().get("scheduled cap_country_per_hour")).isEqualTo(10);
  }
}
