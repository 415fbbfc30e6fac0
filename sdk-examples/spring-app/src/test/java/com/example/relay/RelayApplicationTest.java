package com.example.relay;

import io.campaignrelay.core.ChannelId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.Secret;
import io.campaignrelay.delivyr.DelivyrRuntime;
import io.campaignrelay.delivyr.DelivyrWebhook;
import io.campaignrelay.delivyr.TemplateIdMapping;
import io.campaignrelay.jdbc.DbScheduler;
import io.campaignrelay.jdbc.JdbcStore;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.models.EventType;
import io.campaignrelay.testkit.ListenerCall;
import io.campaignrelay.testkit.SyntheticCustomers;
import io.campaignrelay.textlocal.TextLocalRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example application on a random port, its runtimes built by the starter from the properties:
 * real HTTP calls to the runtimes' endpoints and the actuator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class RelayApplicationTest {
  static final OfflineVendors VENDORS = OfflineVendors.start();
  static final String RUN = Long.toString(System.nanoTime());

  @DynamicPropertySource
  static void vendors(DynamicPropertyRegistry r) {
    VENDORS.properties().forEach((k, v) -> r.add(k, () -> v));
    // a fresh embedded database per run; jobs run when the test says (no real time passes)
    r.add("relay.datasource.url", () -> "jdbc:h2:file:./target/test-relay-state/" + RUN);
    r.add("campaignrelay.state.directory", () -> "target/test-relay-state/" + RUN);
    r.add("campaignrelay.scheduler.driven-by-caller", () -> "true");
    r.add("management.endpoints.web.exposure.include", () -> "health,info,metrics,env,configprops");
    r.add("management.endpoint.env.show-values", () -> "always");
    r.add("management.endpoint.configprops.show-values", () -> "always");
  }

  @AfterAll
  static void stop() {
    VENDORS.close();
  }

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  final HttpClient http = HttpClient.newHttpClient();

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(path)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> webhook(String body, String signature) throws Exception {
    return post(
        "/hooks/delivyr/webhooks",
        body,
        signature == null ? Map.of() : Map.of(DelivyrWebhook.SIGNATURE_HEADER, signature));
  }

  static String webhookEvent(String id) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"message.delivered\",\"createdAt\":\""
        + Instant.now().truncatedTo(ChronoUnit.SECONDS)
        + "\","
        + "\"data\":{\"messageId\":\"msg_1\",\"customerId\":\"C1\",\"phone\":\"+447700900123\","
        + "\"campaign\":{\"optimoveCampaignId\":\"1234\",\"channelId\":452,"
        + "\"optimoveTemplateId\":1362194475194},\"url\":null}}";
  }

  static String sign(String body, String secret) {
    long t = Instant.now().getEpochSecond();
    return "t=" + t + ",v1=" + DelivyrWebhook.sign(t, body, Secret.of(secret));
  }

  static double metric(String body) {
    // {"name":...,"measurements":[{"statistic":"VALUE","value":1.0}],...}
    String v = body.replaceAll(".*\"measurements\":\\[\\{\"statistic\":\"[A-Z]+\",\"value\":", "");
    return Double.parseDouble(v.substring(0, v.indexOf('}')));
  }

  @Test
  void theRuntimesAreTheStartersInTestingMode() {
    assertThat(context.getBean(DelivyrRuntime.class).testingMode()).isTrue();
    assertThat(context.getBean(TextLocalRuntime.class).testMode()).isTrue();
    // on the application's DataSource (the embedded H2 database of this run), not a file of its own
    assertThat(context.getBean(JdbcStore.class).database()).contains("test-relay-state/" + RUN);
  }

  @Test
  void anOptimoveEventIsAcceptedOnceAndARepeatIsADuplicate() throws Exception {
    long campaign = ThreadLocalRandom.current().nextLong(1_000, 1_000_000_000);
    String event13 =
        "{\"EventTypeID\":13,\"TimeStamp\":\"2026-01-05 09:00\",\"CampaignID\":"
            + campaign
            + ",\"ChannelID\":452}";
    String path = "/hooks/optimove/events?token=" + OfflineVendors.LISTENER_TOKEN;
    assertThat(post("/hooks/optimove/events", event13, Map.of()).statusCode()).isEqualTo(401);
    assertThat(post("/hooks/optimove/events?token=guess", event13, Map.of()).statusCode())
        .isEqualTo(401);
    HttpResponse<String> first = post(path, event13, Map.of());
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(first.body()).contains("accepted");
    HttpResponse<String> repeat = post(path, event13, Map.of());
    assertThat(repeat.statusCode()).isEqualTo(200);
    assertThat(repeat.body()).contains("duplicate");
  }

  @Test
  void forgedWebhookRefusedSignedAcceptedReplayDeduplicated() throws Exception {
    String body = webhookEvent("evt_" + System.nanoTime());
    HttpResponse<String> forged = webhook(body, sign(body, "not-the-secret"));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.body()).contains("bad_signature");
    assertThat(webhook(body, null).statusCode()).isEqualTo(401);
    double before =
        metric(get("/actuator/metrics/campaignrelay.outbox.depth?tag=vendor:delivyr").body());
    String signature = sign(body, OfflineVendors.WEBHOOK_SECRET);
    assertThat(webhook(body, signature).statusCode()).isEqualTo(202);
    HttpResponse<String> replay = webhook(body, signature);
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.body()).contains("duplicate");
    String tampered = body.replace("msg_1", "msg_2");
    assertThat(webhook(tampered, signature).statusCode()).isEqualTo(401);
    // the accepted event waits in the runtime's outbox (in the database) for its flush job
    HttpResponse<String> depth =
        get("/actuator/metrics/campaignrelay.outbox.depth?tag=vendor:delivyr");
    assertThat(depth.statusCode()).isEqualTo(200);
    assertThat(metric(depth.body())).isEqualTo(before + 1);
  }

  @Test
  void aTriggerInTestingModeIsRenderedAndSendsNothing() throws Exception {
    // Optimove's listener registration, as the runtime's install does with a public base URL
    context
        .getBean(OptimoveClient.class)
        .createEventListener(
            EventType.TRIGGERED,
            url("/hooks/optimove/events?token=" + OfflineVendors.LISTENER_TOKEN), ChannelId.of(250));
    String customer = SyntheticCustomers.customerId(3);
    long delivyrRequests = VENDORS.delivyr().requestCount();
    assertThat(
            VENDORS
                .optimove()
                .fireTrigger(
                    customer,
                    250,
                    TemplateIdMapping.toOptimoveTemplateId(VENDORS.triggeredTemplate()),
                    "Basket reminder",
                    "basket_abandoned",
                    Map.of(),
                    false))
        .extracting(ListenerCall::status)
        .containsExactly(202);
    context.getBean("campaignRelayDelivyrScheduler", DbScheduler.class).runDue();

    DelivyrRuntime runtime = context.getBean(DelivyrRuntime.class);
    assertThat(runtime.messageLog().byCustomer(CustomerId.of(customer)))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.text())
                    .hasValueSatisfying(t -> assertThat(t).contains("your basket is waiting")));
    // nothing reached a send endpoint; only reads (the template) were made at Delivyr
    assertThat(VENDORS.delivyr().sentMessages().isEmpty()).isTrue();
    assertThat(VENDORS.delivyr().loggedMessages().isEmpty()).isTrue();
    assertThat(VENDORS.textLocal().sentMessages().all()).isEmpty();
    assertThat(VENDORS.delivyr().requestCount() - delivyrRequests).isLessThanOrEqualTo(2);
    HttpResponse<String> jobs =
        get("/actuator/metrics/campaignrelay.jobs?tag=type:trigger&tag=outcome:succeeded");
    assertThat(jobs.statusCode()).isEqualTo(200);
    assertThat(metric(jobs.body())).isEqualTo(1.0);
  }

  @Test
  void healthIsUpForEachVendorAndSendsNothing() throws Exception {
    HttpResponse<String> r = get("/actuator/health");
    assertThat(r.statusCode()).isEqualTo(200);
    for (String vendor : new String[] {"optimove", "textlocal", "delivyr"}) {
      assertThat(r.body())
          .containsPattern("\"" + vendor + "\":\\{\"details\":\\{[^}]*},\"status\":\"UP\"}");
    }
    assertThat(VENDORS.textLocal().sentMessages().all()).isEmpty();
    assertThat(VENDORS.delivyr().sentMessages().isEmpty()).isTrue();
  }

  @Test
  void infoAndMetrics() throws Exception {
    assertThat(get("/actuator/info").body())
        .contains("\"testingMode\":{\"textlocal\":true,\"delivyr\":true}")
        .contains("\"runtimes\":{\"delivyr\":{\"campaignsInFlight\":");
    get("/actuator/health");
    HttpResponse<String> m = get("/actuator/metrics/campaignrelay.http.requests");
    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(m.body()).contains("\"COUNT\"").contains("textlocal");
    HttpResponse<String> depth = get("/actuator/metrics/campaignrelay.outbox.depth");
    assertThat(depth.statusCode()).isEqualTo(200);
    assertThat(depth.body()).contains("delivyr").contains("textlocal");
  }

  @Test
  void secretsAreMasked(CapturedOutput output) throws Exception {
    String env = get("/actuator/env").body();
    String props = get("/actuator/configprops").body();
    for (String secret :
        new String[] {
          OfflineVendors.OPTIMOVE_KEY,
          OfflineVendors.TEXTLOCAL_KEY,
          OfflineVendors.DELIVYR_KEY,
          OfflineVendors.WEBHOOK_SECRET,
          OfflineVendors.LISTENER_TOKEN,
          OfflineVendors.TENANT_TOKEN,
          OfflineVendors.TEXTLOCAL_PASSWORD
        }) {
      assertThat(env).doesNotContain(secret);
      assertThat(props).doesNotContain(secret);
      assertThat(output.getAll()).doesNotContain(secret);
    }
    assertThat(env)
        .contains("campaignrelay.delivyr.api-key")
        .contains("campaignrelay.delivyr.runtime.webhook-secret");
    assertThat(props).contains("webhookSecret").contains("tenantToken");
  }

  @Test
  void aBadConfigurationFailsTheStartWithTheReport(CapturedOutput output) {
    SpringApplication app = new SpringApplication(RelayApplication.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    Throwable failure =
        catchThrowable(
            () ->
                app.run(
                    "--relay.datasource.url=jdbc:h2:mem:bad",
                    "--campaignrelay.state.directory=target/bad-state",
                    "--campaignrelay.delivyr.api-key=k",
                    "--campaignrelay.delivyr.endpoint=not a url",
                    "--campaignrelay.delivyr.runtime.webhook-secret=s3cr3t-never-shown",
                    "--campaignrelay.delivyr.runtime.tenant-zone=Mars/Base",
                    "--campaignrelay.textlocal.runtime.testing-mode=false"));
    assertThat(failure).isNotNull();
    assertThat(output.getAll())
        .contains("APPLICATION FAILED TO START")
        .contains("Campaign Relay is not configured correctly (")
        .contains("Property: campaignrelay.delivyr.endpoint")
        .contains("Property: campaignrelay.textlocal.runtime.listener-base-url")
        .contains("Property: campaignrelay.delivyr.runtime.tenant-zone")
        .contains("Property: campaignrelay.delivyr.runtime.integration.tenant-token")
        .contains("Property: campaignrelay.optimove.api-key")
        .doesNotContain("s3cr3t-never-shown");
  }
}
