package io.campaignrelay.textlocal;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.execution.RecipientState;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.core.runtime.CampaignRecord;
import io.campaignrelay.core.runtime.InMemorySendCaps;
import io.campaignrelay.core.runtime.SendCaps;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.testkit.FakeCustomer;
import io.campaignrelay.testkit.FakeOptimove;
import io.campaignrelay.testkit.FakeTextLocal;
import io.campaignrelay.testkit.ScheduledCampaign;
import io.campaignrelay.testkit.SimulatedClock;
import io.campaignrelay.testkit.SyntheticCustomers;
import io.campaignrelay.textlocal.models.CustomField;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The send caps on TextLocal's personalised route (the engine and {@code bulk_json}): a LIVE
 * runtime on the fakes, a campaign of 60 targets, a per-campaign cap of 20. Capped recipients are
 * never sent, are journaled DROPPED with the cap named, reach the listener and are counted.
 */
class TextLocalSendCapsTest {
  static final ChannelId CHANNEL = ChannelId.of(505);
  static final int CUSTOMERS = 100;
  static final int TARGETS = 60;

  final SimulatedClock clock = SimulatedClock.create();
  final SyntheticCustomers customers = SyntheticCustomers.seeded(11);
  final Map<String, String> dropped = new ConcurrentHashMap<>();
  FakeOptimove optimove;
  FakeTextLocal textLocal;
  ScheduledCampaign scheduled;
  Instant sendAt;
  TextLocalIntegrationSettings settings;

  @BeforeEach
  void setUp() {
    optimove =
        FakeOptimove.builder()
            .clock(clock)
            .seed(11)
            .keyAttributes(FakeCustomer.MOBILE_NUMBER, FakeCustomer.FIRST_NAME)
            .start();
    optimove.addCustomers(CUSTOMERS, customers);
    textLocal = FakeTextLocal.builder().clock(clock).seed(11).senders("SHOPCO").start();
    long group = textLocal.addGroup("Optimove customers");
    textLocal.addSyntheticContacts(group, customers, CUSTOMERS, 1);
    long templateId = textLocal.addTemplate("OPT_Sale", "Hi [%FIRST_NAME%], our sale starts now");
    LocalDateTime local = LocalDateTime.of(2026, 1, 6, 10, 0);
    sendAt = local.toInstant(ZoneOffset.UTC);
    scheduled =
        optimove.addScheduledCampaign(
            CHANNEL.value(), List.of(templateId), local, TARGETS, List.of());
    settings =
        TextLocalIntegrationSettings.builder()
            .apiKey(Secret.of(FakeTextLocal.DEFAULT_API_KEY))
            .username("optimove-api")
            .password(Secret.of("caps-test-1"))
            .apiLoginUrl(textLocal.baseUrl())
            .contactGroup(Long.toString(group), "Optimove customers")
            .contactGroupPrefix("OPT_")
            .keyField(CustomField.CUSTOM1)
            .senderName("SHOPCO")
            .build();
  }

  @AfterEach
  void tearDown() {
    textLocal.close();
    optimove.close();
  }

  ClientOptions options(String endpoint) {
    return ClientOptions.builder().endpoint(endpoint).clock(clock).sleeper(clock::sleep).build();
  }

  TextLocalRuntime runtime(SendCaps caps) {
    return TextLocalRuntime.builder()
        .settings(settings)
        .textLocal(
            settings.clientBuilder(options(textLocal.baseUrl())).testMode(false).buildClient())
        .optimove(
            OptimoveClient.builder()
                .clientOptions(options(optimove.baseUrl()))
                .credential(Secret.of(FakeOptimove.DEFAULT_API_KEY))
                .buildClient())
        .channel(CHANNEL)
        .tenantZone(ZoneOffset.UTC)
        .clock(clock)
        .targetAttributes(List.of(FakeCustomer.FIRST_NAME))
        .sendCaps(caps)
        .executionListener(
            new ExecutionListener() {
              @Override
              public void onDropped(CustomerId customerId, RejectionReason reason, String detail) {
                dropped.put(customerId.value(), detail);
              }
            })
        .testMode(false)
        .build();
  }

  void runUntil(TextLocalRuntime runtime, Instant until) {
    runtime.runDue();
    while (clock.instant().isBefore(until)) {
      clock.advance(Duration.ofHours(1));
      runtime.runDue();
    }
  }

  @Test
  void aPerCampaignCapOfTwentySendsTwentyAndReportsTheOtherForty() {
    CampaignId campaign = CampaignId.scheduled(scheduled.campaignId());
    try (TextLocalRuntime runtime = runtime(InMemorySendCaps.builder().perCampaign(20).build())) {
      runUntil(runtime, sendAt.plus(Duration.ofHours(1)));

      assertThat(runtime.ledger().find(CampaignRecord.keyOf(campaign, "505")))
          .hasValueSatisfying(r -> assertThat(r.sentAt()).hasValue(sendAt));
      assertThat(textLocal.sentMessages().count()).isEqualTo(20);
      assertThat(runtime.capRefusals().get("scheduled cap_campaign")).isEqualTo(40);
      assertThat(dropped).hasSize(40);
      assertThat(dropped.values())
          .containsOnly("per-campaign cap of 20 reached for campaign " + campaign + ": not sent");
      long droppedInJournal =
          dropped.keySet().stream()
              .filter(
                  id ->
                      runtime
                          .journal()
                          .entry(campaign, CustomerId.of(id))
                          .map(e -> e.state() == RecipientState.DROPPED)
                          .orElse(false))
              .count();
      assertThat(droppedInJournal).isEqualTo(40);
    }
  }

  @Test
  void withoutCapsReachedEveryTargetIsSent() {
    try (TextLocalRuntime runtime = runtime(SendCaps.unlimited())) {
      runUntil(runtime, sendAt.plus(Duration.ofHours(1)));
      assertThat(textLocal.sentMessages().count()).isEqualTo(TARGETS);
      assertThat(runtime.capRefusals().total()).isZero();
    }
  }
}
