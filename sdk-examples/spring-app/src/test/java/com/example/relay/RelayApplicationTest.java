package com.example.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.campaignrelay.core.Secret;
import io.campaignrelay.delivyr.DelivyrWebhook;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The example application on a random port: real HTTP calls to its endpoints and actuator. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class RelayApplicationTest {
  static final OfflineVendors VENDORS = OfflineVendors.start();

  @DynamicPropertySource
  static void vendors(DynamicPropertyRegistry r) {
    VENDORS.properties().forEach((k, v) -> r.add(k, () -> v));
    r.add("campaignrelay.state.directory", () -> "target/test-relay-state");
    r.add("management.endpoints.web.exposure.include", () -> "health,info,metrics,env,configprops");
    r.add("management.endpoint.env.show-values", () -> "always");
    r.add("management.endpoint.configprops.show-values", () -> "always");
  }

  @AfterAll
  static void stop() {
    VENDORS.close();
  }

  @LocalServerPort int port;
  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> webhook(String body, String signature) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/delivyr"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      b.header(DelivyrWebhook.SIGNATURE_HEADER, signature);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String event(String id) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"message.delivered\",\"createdAt\":\"2026-11-23T09:59:58Z\","
        + "\"data\":{\"messageId\":\"msg_1\",\"customerId\":\"C1\",\"phone\":\"+447700900123\","
        + "\"campaign\":{\"optimoveCampaignId\":\"1234\",\"channelId\":452,"
        + "\"optimoveTemplateId\":1362194475194},\"url\":null}}";
  }

  static String sign(String body, String secret) {
    long t = Instant.now().getEpochSecond();
    return "t=" + t + ",v1=" + DelivyrWebhook.sign(t, body, Secret.of(secret));
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
  }

  @Test
  void infoAndMetrics() throws Exception {
    assertThat(get("/actuator/info").body())
        .contains("\"testingMode\":{\"textlocal\":true,\"delivyr\":true}");
    get("/actuator/health");
    HttpResponse<String> m = get("/actuator/metrics/campaignrelay.http.requests");
    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(m.body()).contains("\"COUNT\"").contains("textlocal");
  }

  @Test
  void forgedWebhookRefusedSignedAcceptedReplayDeduplicated() throws Exception {
    String body = event("evt_" + System.nanoTime());
    HttpResponse<String> forged = webhook(body, sign(body, "not-the-secret"));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.body()).contains("bad_signature");
    assertThat(webhook(body, null).statusCode()).isEqualTo(401);
    String signature = sign(body, OfflineVendors.WEBHOOK_SECRET);
    assertThat(webhook(body, signature).statusCode()).isEqualTo(202);
    HttpResponse<String> replay = webhook(body, signature);
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.body()).contains("duplicate");
    String tampered = body.replace("msg_1", "msg_2");
    assertThat(webhook(tampered, signature).statusCode()).isEqualTo(401);
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
          OfflineVendors.WEBHOOK_SECRET
        }) {
      assertThat(env).doesNotContain(secret);
      assertThat(props).doesNotContain(secret);
      assertThat(output.getAll()).doesNotContain(secret);
    }
    assertThat(env).contains("campaignrelay.delivyr.api-key").contains("relay.delivyr.webhook-secret");
  }

  @Test
  void aBadConfigurationFailsTheStartWithTheReport(CapturedOutput output) {
    SpringApplication app = new SpringApplication(RelayApplication.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    Throwable failure =
        catchThrowable(
            () ->
                app.run(
                    "--relay.delivyr.webhook-secret=x",
                    "--campaignrelay.state.directory=target/bad-state",
                    "--campaignrelay.delivyr.api-key=k",
                    "--campaignrelay.delivyr.endpoint=not a url",
                    "--campaignrelay.textlocal.runtime.testing-mode=false"));
    assertThat(failure).isNotNull();
    assertThat(output.getAll())
        .contains("APPLICATION FAILED TO START")
        .contains("Campaign Relay is not configured correctly (2 problems)")
        .contains("Property: campaignrelay.delivyr.endpoint")
        .contains("Property: campaignrelay.textlocal.runtime.listener-base-url");
  }
}
