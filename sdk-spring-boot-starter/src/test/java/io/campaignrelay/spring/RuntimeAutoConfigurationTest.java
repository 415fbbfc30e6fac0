package io.campaignrelay.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.runtime.InboundHandler;
import io.campaignrelay.core.runtime.InboundRequest;
import io.campaignrelay.core.runtime.InboundResponse;
import io.campaignrelay.core.runtime.SendCaps;
import io.campaignrelay.delivyr.DelivyrRuntime;
import io.campaignrelay.jdbc.DbScheduler;
import io.campaignrelay.jdbc.JdbcListenerTokens;
import io.campaignrelay.jdbc.JdbcSendCaps;
import io.campaignrelay.jdbc.JdbcStore;
import io.campaignrelay.testkit.FakeCustomer;
import io.campaignrelay.testkit.FakeDelivyr;
import io.campaignrelay.testkit.FakeOptimove;
import io.campaignrelay.testkit.FakeTextLocal;
import io.campaignrelay.textlocal.TextLocalRuntime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/** The runtimes built by the starter from the properties, on the testkit's fakes. */
@ExtendWith(OutputCaptureExtension.class)
class RuntimeAutoConfigurationTest {
  static final String SECRET = "webhook-signing-secret-1";
  static final String TOKEN = "listener-token-1";

  @TempDir Path state;
  FakeOptimove optimove;
  FakeDelivyr delivyr;
  FakeTextLocal textLocal;

  /** A host with no beans of its own: everything comes from the starter. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class EmptyHost {}

  @BeforeEach
  void start() {
    optimove = FakeOptimove.builder().start();
    delivyr = FakeDelivyr.builder().optimove(optimove).start();
    textLocal = FakeTextLocal.builder().start();
  }

  @AfterEach
  void stop() {
    optimove.close();
    delivyr.close();
    textLocal.close();
  }

  List<String> args() {
    List<String> a = new ArrayList<>();
    a.add("--campaignrelay.state.directory=" + state);
    a.add("--campaignrelay.scheduler.driven-by-caller=true");
    a.add("--campaignrelay.optimove.endpoint=" + optimove.baseUrl());
    a.add("--campaignrelay.optimove.api-key=" + FakeOptimove.DEFAULT_API_KEY);
    a.add("--campaignrelay.optimove.metrics-endpoint=" + optimove.metricsBaseUrl());
    a.add("--campaignrelay.delivyr.endpoint=" + delivyr.baseUrl());
    a.add("--campaignrelay.delivyr.api-key=" + FakeDelivyr.DEFAULT_API_KEY);
    a.add("--campaignrelay.delivyr.runtime.webhook-secret=" + SECRET);
    a.add("--campaignrelay.delivyr.runtime.listener-token=" + TOKEN);
    a.add("--campaignrelay.delivyr.runtime.integration.api-endpoint=https://api5.optimove.net/");
    a.add(
        "--campaignrelay.delivyr.runtime.integration.customer-attributes="
            + FakeCustomer.MOBILE_NUMBER
            + ","
            + FakeCustomer.FIRST_NAME);
    a.add("--campaignrelay.delivyr.runtime.integration.tenant-id=" + optimove.tenantId());
    a.add(
        "--campaignrelay.delivyr.runtime.integration.tenant-token="
            + FakeOptimove.DEFAULT_TENANT_TOKEN);
    a.add("--campaignrelay.textlocal.endpoint=" + textLocal.baseUrl());
    a.add("--campaignrelay.textlocal.api-key=" + FakeTextLocal.DEFAULT_API_KEY);
    a.add("--campaignrelay.textlocal.runtime.channel=508");
    a.add("--campaignrelay.textlocal.runtime.tenant-zone=Europe/London");
    a.add("--campaignrelay.textlocal.runtime.integration.username=optimove-api");
    a.add("--campaignrelay.textlocal.runtime.integration.password=runtime-pw-1");
    a.add("--campaignrelay.textlocal.runtime.integration.api-login-url=" + textLocal.baseUrl());
    a.add(
        "--campaignrelay.textlocal.runtime.integration.contact-group-id="
            + FakeTextLocal.CONTACTS_GROUP_ID);
    a.add("--campaignrelay.textlocal.runtime.integration.contact-group-name=Optimove customers");
    a.add("--campaignrelay.textlocal.runtime.integration.key-field=CUSTOM1");
    return a;
  }

  ConfigurableApplicationContext run() {
    SpringApplication app = new SpringApplication(EmptyHost.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    return app.run(args().toArray(String[]::new));
  }

  @Test
  void bothRuntimesAreBuiltFromThePropertiesInTestingModeWithTheirHandlersMapped() {
    try (ConfigurableApplicationContext context = run()) {
      DelivyrRuntime dl = context.getBean(DelivyrRuntime.class);
      TextLocalRuntime tl = context.getBean(TextLocalRuntime.class);
      assertThat(dl.testingMode()).isTrue();
      assertThat(tl.testMode()).isTrue();
      assertThat(context.getBean(CampaignRelayInbound.OPTIMOVE_EVENT_HANDLER))
          .isSameAs(dl.optimoveEventHandler());
      assertThat(context.getBean(CampaignRelayInbound.DELIVYR_WEBHOOK_HANDLER))
          .isSameAs(dl.webhookHandler());

      // the runtime's handler, with its listener token, on the runtime's own JDBC state
      InboundHandler events = dl.optimoveEventHandler();
      String event13 =
          "{\"EventTypeID\":13,\"TimeStamp\":\"2026-01-05 09:00\",\"CampaignID\":7,"
              + "\"ChannelID\":452}";
      InboundResponse noToken =
          events.handle(InboundRequest.builder("POST", "/x").body(event13).build());
      assertThat(noToken.status()).isEqualTo(401);
      InboundRequest good =
          InboundRequest.builder("POST", "/x").queryParameter("token", TOKEN).body(event13).build();
      assertThat(events.handle(good).status()).isEqualTo(202);
      assertThat(events.handle(good).outcome()).isEqualTo("duplicate");

      // /actuator/info: each runtime's own ledger (an event 13 enters it when its job reads the
      // campaign from Optimove, not on receipt)
      Info.Builder info = new Info.Builder();
      context.getBean("campaignRelayInfoContributor", InfoContributor.class).contribute(info);
      assertThat(info.build().getDetails().get("campaignrelay").toString())
          .contains("runtimes={delivyr={campaignsInFlight=0, campaignsKnown=0}")
          .contains("textlocal={campaignsInFlight=0, campaignsKnown=0}");

      // the runtime's jobs run on db-scheduler and are counted by outcome
      MeterRegistry meters = context.getBean(MeterRegistry.class);
      DbScheduler scheduler = context.getBean("campaignRelayDelivyrScheduler", DbScheduler.class);
      scheduler.runDue();
      // (the fake Optimove knows no campaign 7: the job fails and is retried later)
      double campaignJobs =
          meters.find("campaignrelay.jobs").tag("type", "campaign").counters().stream()
              .mapToDouble(Counter::count)
              .sum();
      assertThat(campaignJobs).isEqualTo(1.0);
      assertThat(
              meters
                  .get("campaignrelay.jobs")
                  .tags("type", "campaign", "outcome", "failed")
                  .counter()
                  .count())
          .isEqualTo(1.0);

      // each runtime's outbox depth, read from its tables
      assertThat(meters.get("campaignrelay.outbox.depth").tag("vendor", "delivyr").gauge().value())
          .isZero();
      assertThat(
              meters.get("campaignrelay.outbox.depth").tag("vendor", "textlocal").gauge().value())
          .isZero();

      // TEST mode: nothing reached a send endpoint
      assertThat(delivyr.sentMessages().isEmpty()).isTrue();
      assertThat(delivyr.loggedMessages().isEmpty()).isTrue();
      assertThat(textLocal.sentMessages().isEmpty()).isTrue();

      SmartLifecycle dlState = context.getBean("campaignRelayDelivyrState", SmartLifecycle.class);
      assertThat(dlState.isRunning()).isTrue();
      context.stop();
      assertThat(dlState.isRunning()).isFalse();
    }
  }

  @Test
  void liveOnlyWhenTurnedOffExplicitlyAndSaidAtWarn(CapturedOutput output) {
    List<String> a = args();
    a.add("--campaignrelay.delivyr.runtime.testing-mode=false");
    a.add("--campaignrelay.delivyr.runtime.listener-base-url=https://relay.example/campaignrelay/");
    SpringApplication app = new SpringApplication(EmptyHost.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    try (ConfigurableApplicationContext context = app.run(a.toArray(String[]::new))) {
      assertThat(context.getBean(DelivyrRuntime.class).testingMode()).isFalse();
      assertThat(context.getBean(TextLocalRuntime.class).testMode()).isTrue();
      assertThat(output.getOut())
          .containsPattern(
              "WARN .*campaignrelay.delivyr.runtime.testing-mode=false: the delivyr"
                  + " runtime is LIVE")
          .doesNotContainPattern("WARN .*campaignrelay.textlocal.runtime.testing-mode=false")
          .doesNotContain(SECRET)
          .doesNotContain(TOKEN);
      // building the runtime sent nothing
      assertThat(delivyr.sentMessages().isEmpty()).isTrue();
    }
  }

  @Test
  void theSendCapsAndTheRotatedListenerTokenAreKeptInTheDatabaseForEveryInstance() {
    List<String> a = new ArrayList<>(args());
    a.remove("--campaignrelay.delivyr.runtime.listener-token=" + TOKEN);
    a.add("--campaignrelay.send-caps.per-destination-per-day=2");
    a.add("--campaignrelay.send-caps.per-country-per-hour=50");
    a.add("--campaignrelay.send-caps.per-campaign=70");
    SpringApplication app = new SpringApplication(EmptyHost.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    try (ConfigurableApplicationContext context = app.run(a.toArray(String[]::new))) {
      RuntimeState dlState = context.getBean("campaignRelayDelivyrState", RuntimeState.class);
      RuntimeState tlState = context.getBean("campaignRelayTextLocalState", RuntimeState.class);
      assertThat(dlState.sendCaps()).isInstanceOf(JdbcSendCaps.class);
      assertThat(tlState.sendCaps()).isInstanceOf(JdbcSendCaps.class);
      assertThat(dlState.sendCaps().limit(SendCaps.Scope.DESTINATION_PER_DAY)).hasValue(2);
      assertThat(dlState.sendCaps().limit(SendCaps.Scope.COUNTRY_PER_HOUR)).hasValue(50);
      assertThat(tlState.sendCaps().limit(SendCaps.Scope.CAMPAIGN)).hasValue(70);

      // another instance: its own store on the same database, under the runtime's prefix
      String prefix =
          context.getBean(CampaignRelayProperties.class).getDelivyr().getRuntime().getTablePrefix();
      try (JdbcStore other =
          context.getBean(JdbcStore.class).toBuilder().tablePrefix(prefix).build()) {
        SendCaps otherCaps = JdbcSendCaps.builder().store(other).perDestinationPerDay(2).build();
        Instant now = Instant.parse("2026-11-24T09:00:00Z");
        assertThat(dlState.sendCaps().tryAcquire("c", "+447911000001", "GB", now)).isEmpty();
        assertThat(otherCaps.tryAcquire("c", "+447911000001", "GB", now)).isEmpty();
        assertThat(dlState.sendCaps().tryAcquire("c", "+447911000001", "GB", now))
            .contains(SendCaps.Scope.DESTINATION_PER_DAY);

        DelivyrRuntime dl = context.getBean(DelivyrRuntime.class);
        InboundHandler events = dl.optimoveEventHandler();
        dl.rotateListenerToken();
        String first = dlState.listenerTokens().current().orElseThrow().reveal();
        JdbcListenerTokens otherTokens = JdbcListenerTokens.of(other, "delivyr");
        assertThat(otherTokens.matches(first)).isTrue();
        String event13 =
            "{\"EventTypeID\":13,\"TimeStamp\":\"2026-01-05 09:00\",\"CampaignID\":8,"
                + "\"ChannelID\":452}";
        assertThat(
                events
                    .handle(
                        InboundRequest.builder("POST", "/x")
                            .queryParameter("token", first)
                            .body(event13)
                            .build())
                    .status())
            .isEqualTo(202);
        // rotated by the other instance: this one refuses the old token at once
        String second = otherTokens.rotate().reveal();
        assertThat(
                events
                    .handle(
                        InboundRequest.builder("POST", "/x")
                            .queryParameter("token", first)
                            .body(event13)
                            .build())
                    .status())
            .isEqualTo(401);
        assertThat(
                events
                    .handle(
                        InboundRequest.builder("POST", "/x")
                            .queryParameter("token", second)
                            .body(event13)
                            .build())
                    .outcome())
            .isEqualTo("duplicate");
      }
    }
  }

  @Test
  void badSendCapsAreListedUnderTheirProperties() {
    CampaignRelayProperties.SendCaps caps = new CampaignRelayProperties.SendCaps();
    caps.setPerDestinationPerDay(0);
    caps.setPerCampaign(-5);
    try (JdbcStore store = JdbcStore.h2(state.resolve("caps"))) {
      assertThatThrownBy(() -> RuntimeState.sendCaps(store, caps))
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e ->
                  assertThat(e.problems())
                      .extracting(ConfigurationProblem::field)
                      .containsExactly(
                          "campaignrelay.send-caps.per-destination-per-day",
                          "campaignrelay.send-caps.per-campaign"));
    }
  }

  @Test
  void everyRuntimeProblemIsListedWithSecretsMasked() {
    CampaignRelayProperties p = new CampaignRelayProperties();
    p.getDelivyr().getRuntime().setWebhookSecret("  padded-SECRET-77 ");
    p.getDelivyr().getRuntime().setTenantZone("Mars/Base");
    p.getDelivyr().getRuntime().setTablePrefix("Bad-Prefix");
    p.getDelivyr().getRuntime().setListenerBaseUrl("https://relay.example/hooks/");
    p.getTextlocal().getRuntime().setChannel(0);
    p.getTextlocal().getRuntime().setTablePrefix("crdl_");
    p.getDelivyr().getRuntime().setTablePrefix("crdl_");
    List<ConfigurationProblem> problems = CampaignRelaySettingsCheck.problems(p);
    assertThat(problems)
        .extracting(ConfigurationProblem::field)
        .contains(
            "campaignrelay.delivyr.runtime.webhook-secret",
            "campaignrelay.delivyr.runtime.tenant-zone",
            "campaignrelay.delivyr.api-key",
            "campaignrelay.optimove.api-key",
            "campaignrelay.delivyr.runtime.integration.tenant-id",
            "campaignrelay.delivyr.runtime.integration.tenant-token",
            "campaignrelay.delivyr.runtime.integration.api-endpoint",
            "campaignrelay.delivyr.runtime.integration.customer-attributes",
            "campaignrelay.inbound.optimove-events-path",
            "campaignrelay.delivyr.runtime.webhook-path",
            "campaignrelay.textlocal.runtime.channel",
            "campaignrelay.textlocal.runtime.tenant-zone",
            "campaignrelay.textlocal.runtime.table-prefix",
            "campaignrelay.textlocal.api-key",
            "campaignrelay.textlocal.runtime.integration.api-login-url",
            "campaignrelay.textlocal.runtime.integration.contact-group-id");
    assertThat(problems.toString()).doesNotContain("padded-SECRET-77");
    assertThat(problems)
        .filteredOn(q -> q.field().equals("campaignrelay.inbound.optimove-events-path"))
        .singleElement()
        .satisfies(q -> assertThat(q.fix()).contains("/hooks/optimove/events"));

    p.getDelivyr().getRuntime().setTablePrefix("bad-prefix");
    assertThat(CampaignRelaySettingsCheck.problems(p))
        .extracting(ConfigurationProblem::field)
        .contains("campaignrelay.delivyr.runtime.table-prefix");
  }
}
