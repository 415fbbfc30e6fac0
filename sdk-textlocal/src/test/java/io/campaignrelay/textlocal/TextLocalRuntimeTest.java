package io.campaignrelay.textlocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.runtime.CampaignJobs;
import io.campaignrelay.core.runtime.CampaignRecord;
import io.campaignrelay.core.runtime.JobKey;
import io.campaignrelay.core.runtime.ScheduledJob;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.optimove.EngagementMetricsClient;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.OptimoveMetricsSink;
import io.campaignrelay.optimove.OptimoveTemplatePublisher;
import io.campaignrelay.optimove.models.MetricId;
import io.campaignrelay.testkit.ChannelTemplate;
import io.campaignrelay.testkit.FakeCustomer;
import io.campaignrelay.testkit.FakeOptimove;
import io.campaignrelay.testkit.FakeTextLocal;
import io.campaignrelay.testkit.ScheduledCampaign;
import io.campaignrelay.testkit.SentMessage;
import io.campaignrelay.testkit.SimulatedClock;
import io.campaignrelay.testkit.SyntheticCustomers;
import io.campaignrelay.textlocal.models.CustomField;
import io.campaignrelay.textlocal.models.CustomerContact;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TextLocal runtime over a simulated week against the testkit's fakes, driven by the clock
 * alone: templates imported and contacts synced daily, the day's campaign read from Optimove and
 * executed exactly at its send time, metrics pulled on days 1 to 7 and reported, with a restart on
 * the same files before day 4.
 */
class TextLocalRuntimeTest {
  static final ChannelId CHANNEL = ChannelId.of(505);
  static final int CUSTOMERS = 1_200;
  static final int TARGETS = 700;
  static final Set<String> SEND_COMMANDS = Set.of("/send/", "/bulk_json/", "/create_group/");
  static final Set<String> WRITE_COMMANDS =
      Set.of("/send/", "/bulk_json/", "/create_group/", "/create_contacts_bulk/", "/delete_group/");

  @TempDir Path state;

  final SimulatedClock clock = SimulatedClock.create(); // Monday 2026-01-05 09:00 UTC
  final SyntheticCustomers customers = SyntheticCustomers.seeded(7);
  final List<Map.Entry<Instant, String>> textLocalCalls =
      Collections.synchronizedList(new ArrayList<>());
  FakeOptimove optimove;
  FakeTextLocal textLocal;
  long group;
  long templateId;
  long welcomeId;
  ScheduledCampaign scheduled;
  Instant sendAt;
  TextLocalIntegrationSettings settings;
  String textLocalUrl;

  @BeforeEach
  void setUp() {
    optimove =
        FakeOptimove.builder()
            .clock(clock)
            .seed(7)
            .keyAttributes(FakeCustomer.MOBILE_NUMBER, FakeCustomer.FIRST_NAME)
            .start();
    optimove.addCustomers(CUSTOMERS, customers);
    textLocal = FakeTextLocal.builder().clock(clock).seed(7).senders("SHOPCO").start();
    group = textLocal.addGroup("Optimove customers");
    textLocal.addSyntheticContacts(group, customers, CUSTOMERS, 1);
    templateId =
        textLocal.addTemplate(
            "OPT_Spring sale", "Hi [%FIRST_NAME%], our spring sale starts today. Reply STOP");
    welcomeId = textLocal.addTemplate("OPT_Welcome", "Welcome to ShopCo! Reply STOP to opt out");
    textLocal.addTemplate("VIP_Early access", "Early access for our VIPs starts now");
    LocalDateTime local = LocalDateTime.of(2026, 1, 6, 10, 0);
    sendAt = local.toInstant(ZoneOffset.UTC);
    scheduled =
        optimove.addScheduledCampaign(
            CHANNEL.value(), List.of(templateId), local, TARGETS, List.of());
    settings =
        TextLocalIntegrationSettings.builder()
            .apiKey(Secret.of(FakeTextLocal.DEFAULT_API_KEY))
            .username("optimove-api")
            .password(Secret.of("runtime-test-1"))
            .apiLoginUrl(textLocal.baseUrl())
            .contactGroup(Long.toString(group), "Optimove customers")
            .contactGroupPrefix("OPT_")
            .keyField(CustomField.CUSTOM1)
            .senderName("SHOPCO")
            .build();
    textLocalUrl = textLocal.baseUrl();
  }

  @AfterEach
  void tearDown() {
    textLocal.close();
    optimove.close();
  }

  ClientOptions options(String endpoint, OkHttpClient http) {
    ClientOptions.Builder b =
        ClientOptions.builder().endpoint(endpoint).clock(clock).sleeper(clock::sleep);
    return (http == null ? b : b.httpClient(http)).build();
  }

  /** One process: its clients and a runtime on the shared state directory. */
  TextLocalRuntime runtime(boolean testMode, List<CustomerContact> newContacts) {
    OkHttpClient recording =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  textLocalCalls.add(
                      Map.entry(clock.instant(), chain.request().url().encodedPath()));
                  return chain.proceed(chain.request());
                })
            .build();
    TextLocalClient tl =
        settings.clientBuilder(options(textLocalUrl, recording)).testMode(false).buildClient();
    OptimoveClient op =
        OptimoveClient.builder()
            .clientOptions(options(optimove.baseUrl(), null))
            .credential(Secret.of(FakeOptimove.DEFAULT_API_KEY))
            .buildClient();
    EngagementMetricsClient engagement =
        EngagementMetricsClient.builder()
            .clientOptions(options(optimove.metricsBaseUrl(), null))
            .endpoint(optimove.metricsBaseUrl())
            .tenantId(Long.toString(optimove.tenantId()))
            .credential(Secret.of(FakeOptimove.DEFAULT_TENANT_TOKEN))
            .buildClient();
    return TextLocalRuntime.builder()
        .settings(settings)
        .textLocal(tl)
        .optimove(op)
        .channel(CHANNEL)
        .tenantZone(ZoneOffset.UTC)
        .clock(clock)
        .stateDirectory(state)
        .targetAttributes(List.of(FakeCustomer.FIRST_NAME))
        .contactFeed(g -> newContacts)
        .templatePublisher(OptimoveTemplatePublisher.builder().client(op).build())
        .metricsSink(
            OptimoveMetricsSink.builder()
                .engagementClient(engagement)
                .channel(CHANNEL)
                .clock(clock)
                .build())
        .testMode(testMode)
        .build();
  }

  /** Moves the clock an hour at a time up to {@code until}, running what falls due. */
  void runUntil(TextLocalRuntime runtime, Instant until) {
    runtime.runDue();
    while (clock.instant().isBefore(until)) {
      clock.advance(Duration.ofHours(1));
      runtime.runDue();
    }
  }

  List<String> sendCallsBefore(Instant t) {
    return callsBefore(SEND_COMMANDS, t);
  }

  List<String> callsBefore(Set<String> commands, Instant t) {
    synchronized (textLocalCalls) {
      return textLocalCalls.stream()
          .filter(e -> commands.contains(e.getValue()) && e.getKey().isBefore(t))
          .map(Map.Entry::getValue)
          .toList();
    }
  }

  @Test
  void aLiveWeekWithARestartBeforeDayFourSendsOnceAtTheSendTimeAndReportsEveryDayOnce() {
    CampaignId campaign = CampaignId.scheduled(scheduled.campaignId());
    PhoneNumber newPhone = PhoneNumber.ofE164("+447700900999");
    List<CustomerContact> feed =
        List.of(new CustomerContact(CustomerId.of("NEW-1"), "Nia", "New", newPhone));
    String ledgerKey = CampaignRecord.keyOf(campaign, "505");

    try (TextLocalRuntime first = runtime(false, feed)) {
      runUntil(first, sendAt.minus(Duration.ofHours(1)));
      // the day's campaign is read and scheduled; nothing has gone to TextLocal's send commands
      assertThat(first.ledger().find(ledgerKey)).isPresent();
      assertThat(sendCallsBefore(Instant.MAX)).isEmpty();
      assertThat(textLocal.sentMessages().count()).isZero();

      runUntil(first, sendAt.plus(Duration.ofDays(3)).plus(Duration.ofHours(2)));
      assertThat(first.ledger().find(ledgerKey).orElseThrow().metricDaysDone())
          .containsExactly(1, 2, 3);
    } // killed after the day-3 pull, before day 4

    int sentBeforeRestart = textLocal.sentMessages().count();
    try (TextLocalRuntime second = runtime(false, feed)) {
      runUntil(second, sendAt.plus(Duration.ofDays(8)));

      CampaignRecord done = second.ledger().find(ledgerKey).orElseThrow();
      assertThat(done.sentAt()).hasValue(sendAt); // exactly at its send time
      assertThat(done.metricDaysDone()).containsExactly(1, 2, 3, 4, 5, 6, 7);
      assertThat(second.scheduler().job(CampaignJobs.executeKey(campaign, "505")))
          .hasValueSatisfying(j -> assertThat(j.runs()).isEqualTo(1));
      for (int d = 1; d <= 7; d++) {
        assertThat(second.scheduler().job(CampaignJobs.metricsKey(campaign, "505", d)))
            .hasValueSatisfying(j -> assertThat(j.runs()).isEqualTo(1));
      }
      // daily jobs ran every day of the week (first due the morning after the start)
      assertThat(second.scheduler().job(JobKey.of(TextLocalRuntime.TEMPLATES_IMPORT)))
          .hasValueSatisfying(j -> assertThat(j.runs()).isEqualTo(9));
      assertThat(second.scheduler().job(JobKey.of(TextLocalRuntime.CONTACTS_SYNC, group)))
          .hasValueSatisfying(j -> assertThat(j.runs()).isEqualTo(9));
      assertThat(second.scheduler().job(JobKey.of(TextLocalRuntime.CAMPAIGNS_OF_THE_DAY)))
          .hasValueSatisfying(j -> assertThat(j.runs()).isEqualTo(9));

      // sent once, at the send time, nothing after the restart
      assertThat(sendCallsBefore(sendAt)).isEmpty();
      assertThat(textLocal.sentMessages().count()).isEqualTo(sentBeforeRestart).isPositive();
      Map<String, Long> perNumber =
          textLocal.sentMessages().all().stream()
              .collect(Collectors.groupingBy(SentMessage::to, Collectors.counting()));
      assertThat(perNumber.values()).containsOnly(1L);
      assertThat(textLocal.sentMessages().all())
          .allSatisfy(m -> assertThat(m.sendAt()).isEqualTo(sendAt));
      CampaignDispatch dispatch = second.dispatch(campaign).orElseThrow();
      assertThat(dispatch.route()).isEqualTo(CampaignDispatch.Route.BULK_JSON);
      assertThat(dispatch.submitted()).isEqualTo(perNumber.size());
      assertThat(dispatch.targeted()).isEqualTo(TARGETS);

      // the week's campaign counts reached Optimove as growth, summing to the last pull's totals
      Map<Integer, Long> reported = new HashMap<>();
      optimove
          .receivedMetrics()
          .forEach(m -> reported.merge(m.metricId(), m.metricValue(), Long::sum));
      CampaignRecord totals =
          second.ledger().find(CampaignRecord.keyOf(campaign, "textlocal")).orElseThrow();
      long delivered = Long.parseLong(totals.attribute("reported.DELIVERED").orElse("0"));
      long bounced = Long.parseLong(totals.attribute("reported.BOUNCED").orElse("0"));
      long deliveredNow = 0;
      for (String batch : dispatch.batchIds()) {
        deliveredNow += statusClient().getBatchStatus(batch).numDelivered();
      }
      assertThat(delivered).isPositive().isLessThanOrEqualTo(deliveredNow);
      assertThat(reported.get(MetricId.DELIVERED.id())).isEqualTo(delivered);
      assertThat(reported.getOrDefault(MetricId.BOUNCED.id(), 0L)).isEqualTo(bounced);
      assertThat(optimove.receivedMetrics())
          .allSatisfy(
              m -> {
                assertThat(m.campaignId()).isEqualTo(scheduled.campaignId());
                assertThat(m.templateId()).isEqualTo(templateId);
                assertThat(m.channelId()).isEqualTo(CHANNEL.value());
              });
      // each customer's delivery event once, across the restart
      Set<String> seen = new HashSet<>();
      assertThat(optimove.receivedEvents()).isNotEmpty();
      optimove
          .receivedEvents()
          .forEach(e -> assertThat(seen.add(e.event() + "/" + e.customer())).isTrue());

      // templates with previews, routed by prefix, published to the channel; contacts synced
      assertThat(second.lastTemplateImport().orElseThrow().templatesOf(Long.toString(group)))
          .extracting(t -> t.name())
          .containsExactlyInAnyOrder("OPT_Spring sale", "OPT_Welcome");
      assertThat(optimove.channelTemplates(CHANNEL.value()))
          .extracting(ChannelTemplate::templateName)
          .anySatisfy(n -> assertThat(n).contains("OPT_Spring sale"))
          .noneSatisfy(n -> assertThat(n).contains("VIP_"));
      assertThat(textLocal.contact(group, newPhone.digits())).isPresent();
    }
  }

  TextLocalClient statusClient() {
    return settings.clientBuilder(options(textLocal.baseUrl(), null)).buildClient();
  }

  @Test
  void testModeRunsTheWeekWithoutASingleSendOrCreateAtTextLocal() {
    CampaignId campaign = CampaignId.scheduled(scheduled.campaignId());
    PhoneNumber newPhone = PhoneNumber.ofE164("+447700900998");
    try (TextLocalRuntime runtime =
        runtime(
            true, List.of(new CustomerContact(CustomerId.of("NEW-2"), "Tom", "Test", newPhone)))) {
      assertThat(runtime.testMode()).isTrue();
      runUntil(runtime, sendAt.plus(Duration.ofDays(8)));

      assertThat(callsBefore(WRITE_COMMANDS, Instant.MAX)).isEmpty();
      assertThat(textLocalCalls).extracting(Map.Entry::getValue).contains("/get_templates/");
      assertThat(textLocal.sentMessages().count()).isZero();
      assertThat(textLocal.testModeMessages().count()).isZero();
      assertThat(textLocal.contact(group, newPhone.digits())).isEmpty();
      assertThat(runtime.messageLog().byCampaign(campaign)).hasSizeGreaterThan(TARGETS / 2);
      assertThat(
              runtime.ledger().find(CampaignRecord.keyOf(campaign, "505")).orElseThrow().sentAt())
          .hasValue(sendAt);
      assertThat(runtime.dispatch(campaign)).isEmpty();
      assertThat(optimove.receivedMetrics()).isEmpty();
    }
  }

  @Test
  void aSameTextCampaignIsOneGroupSendAtItsTimeAndTheDurableLedgerRefusesASecond() {
    LocalDateTime local = LocalDateTime.of(2026, 1, 7, 15, 0);
    Instant at = local.toInstant(ZoneOffset.UTC);
    ScheduledCampaign same =
        optimove.addScheduledCampaign(CHANNEL.value(), List.of(welcomeId), local, 300, List.of());
    CampaignId campaign = CampaignId.scheduled(same.campaignId());
    try (TextLocalRuntime first = runtime(false, List.of())) {
      runUntil(first, at.plus(Duration.ofDays(2)));
    }
    List<Map.Entry<Instant, String>> groupSends;
    synchronized (textLocalCalls) {
      groupSends = textLocalCalls.stream().filter(e -> e.getValue().equals("/send/")).toList();
    }
    assertThat(groupSends).extracting(Map.Entry::getKey).containsExactly(at);
    try (TextLocalRuntime second = runtime(false, List.of())) {
      runUntil(second, at.plus(Duration.ofDays(8)));
      CampaignDispatch d = second.dispatch(campaign).orElseThrow();
      assertThat(d.route()).isEqualTo(CampaignDispatch.Route.TEMPORARY_GROUP);
      assertThat(d.batchIds()).hasSize(1);
      assertThat(second.ledger().find(CampaignRecord.keyOf(campaign, "505")).orElseThrow())
          .satisfies(r -> assertThat(r.metricDaysDone()).containsExactly(1, 2, 3, 4, 5, 6, 7));
      Template welcome =
          second.importTemplates().templatesOf(Long.toString(group)).stream()
              .filter(t -> t.name().equals("OPT_Welcome"))
              .findFirst()
              .orElseThrow();
      Campaign again =
          Campaign.builder()
              .kind(CampaignKind.SCHEDULED)
              .id(campaign)
              .channel(CHANNEL)
              .templateId(welcome.id())
              .sendTime(at)
              .build();
      assertThatThrownBy(
              () ->
                  second
                      .flow()
                      .run(
                          again,
                          welcome,
                          Stream.empty(),
                          ExecutionMode.LIVE,
                          ExecutionListener.NONE))
          .isInstanceOf(CampaignAlreadySentException.class);
    }
    synchronized (textLocalCalls) {
      assertThat(textLocalCalls.stream().filter(e -> e.getValue().equals("/send/"))).hasSize(1);
    }
  }

  /**
   * A proxy written for this test in front of the fake: it forwards every call (so TextLocal really
   * sends), but cuts the answer of the first {@code bulk_json}, as a dropped connection would.
   */
  static final class CuttingProxy implements AutoCloseable {
    final MockWebServer server = new MockWebServer();
    final OkHttpClient http = new OkHttpClient();
    final AtomicInteger bulkCalls = new AtomicInteger();

    CuttingProxy(String target) throws IOException {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
              String type = r.getHeaders().get("Content-Type");
              RequestBody body =
                  RequestBody.create(
                      r.getBody() == null ? new byte[0] : r.getBody().toByteArray(),
                      type == null ? null : MediaType.parse(type));
              Request forward =
                  new Request.Builder()
                      .url(target.replaceAll("/$", "") + r.getTarget())
                      .post(body)
                      .build();
              try (Response real = http.newCall(forward).execute()) {
                String text = real.body().string();
                if (r.getTarget().equals("/bulk_json/") && bulkCalls.incrementAndGet() == 1) {
                  text = text.substring(0, Math.min(25, text.length()));
                }
                return new MockResponse.Builder()
                    .code(real.code())
                    .addHeader("Content-Type", "application/json")
                    .body(text)
                    .build();
              } catch (IOException e) {
                return new MockResponse.Builder().code(502).body("proxy: " + e).build();
              }
            }
          });
      server.start();
    }

    String url() {
      return server.url("/").toString();
    }

    @Override
    public void close() {
      server.close();
    }
  }

  @Test
  void aCutBulkJsonAnswerIsReconciledAndNobodyGetsTheMessageTwice() throws IOException {
    CampaignId campaign = CampaignId.scheduled(scheduled.campaignId());
    try (CuttingProxy proxy = new CuttingProxy(textLocal.baseUrl())) {
      textLocalUrl = proxy.url();
      try (TextLocalRuntime runtime = runtime(false, List.of())) {
        runUntil(runtime, sendAt.plus(Duration.ofDays(8)));
        assertThat(proxy.bulkCalls.get()).isGreaterThan(1);
        assertThat(runtime.scheduler().job(CampaignJobs.executeKey(campaign, "505")))
            .hasValueSatisfying(
                j -> {
                  assertThat(j.runs()).isEqualTo(1);
                  assertThat(j.state()).isEqualTo(ScheduledJob.State.DONE);
                });
        assertThat(runtime.ledger().find(CampaignRecord.keyOf(campaign, "505")).orElseThrow())
            .satisfies(r -> assertThat(r.metricDaysDone()).containsExactly(1, 2, 3, 4, 5, 6, 7));
      }
    }
    Map<String, Long> perNumber =
        textLocal.sentMessages().all().stream()
            .collect(Collectors.groupingBy(SentMessage::to, Collectors.counting()));
    assertThat(perNumber).hasSize(TARGETS);
    assertThat(perNumber.values()).containsOnly(1L);
    assertThat(sendCallsBefore(sendAt)).isEmpty();
  }

  @Test
  void readingTheDayAgainSchedulesNothingNew() {
    try (TextLocalRuntime runtime = runtime(true, List.of())) {
      assertThat(runtime.scheduleCampaignsOf(sendAt.atZone(ZoneOffset.UTC).toLocalDate()))
          .isEqualTo(1);
      assertThat(runtime.scheduleCampaignsOf(sendAt.atZone(ZoneOffset.UTC).toLocalDate())).isZero();
    }
  }

  @Test
  void missingSettingsAreListedTogether() {
    assertThatThrownBy(() -> TextLocalRuntime.builder().build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("settings")
        .hasMessageContaining("textLocal")
        .hasMessageContaining("optimove")
        .hasMessageContaining("channel")
        .hasMessageContaining("tenantZone");
  }
}
