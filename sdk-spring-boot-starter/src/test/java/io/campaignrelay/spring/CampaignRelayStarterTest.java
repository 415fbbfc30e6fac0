package io.campaignrelay.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.delivyr.DelivyrClient;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.testkit.FakeDelivyr;
import io.campaignrelay.testkit.FakeOptimove;
import io.campaignrelay.testkit.FakeTextLocal;
import io.campaignrelay.textlocal.TextLocalClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The starter in a running application: real HTTP calls to its endpoints and the actuator. */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class CampaignRelayStarterTest {
  static final String OPTIMOVE_KEY = "opt-SECRET-key-7731";
  static final String TEXTLOCAL_KEY = "tl-SECRET-key-5512";
  static final String DELIVYR_KEY = "dv-SECRET-key-9904";
  static final FakeOptimove OPTIMOVE = FakeOptimove.builder().apiKey(OPTIMOVE_KEY).start();
  static final FakeTextLocal TEXTLOCAL = FakeTextLocal.builder().apiKey(TEXTLOCAL_KEY).start();
  static final FakeDelivyr DELIVYR = FakeDelivyr.builder().apiKey(DELIVYR_KEY).start();
  @TempDir static Path state;

  @DynamicPropertySource
  static void vendors(DynamicPropertyRegistry r) {
    r.add("campaignrelay.optimove.endpoint", OPTIMOVE::baseUrl);
    r.add("campaignrelay.optimove.api-key", () -> OPTIMOVE_KEY);
    r.add("campaignrelay.textlocal.endpoint", TEXTLOCAL::baseUrl);
    r.add("campaignrelay.textlocal.api-key", () -> TEXTLOCAL_KEY);
    r.add("campaignrelay.delivyr.endpoint", DELIVYR::baseUrl);
    r.add("campaignrelay.delivyr.api-key", () -> DELIVYR_KEY);
    r.add("campaignrelay.delivyr.runtime.webhook-path", () -> "/hooks/delivyr");
    r.add("campaignrelay.state.directory", () -> state.toString());
    r.add("management.endpoints.web.exposure.include", () -> "health,info,metrics,env,configprops");
    r.add("management.endpoint.health.show-details", () -> "always");
    r.add("management.endpoint.env.show-values", () -> "always");
    r.add("management.endpoint.configprops.show-values", () -> "always");
    r.add("management.info.env.enabled", () -> "true");
  }

  @AfterAll
  static void stop() {
    OPTIMOVE.close();
    TEXTLOCAL.close();
    DELIVYR.close();
  }

  @LocalServerPort int port;
  @Autowired OptimoveClient optimove;
  @Autowired TextLocalClient textLocal;
  @Autowired DelivyrClient delivyr;

  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void clientsAreBuiltFromTheProperties() {
    assertThat(optimove.endpoint()).startsWith(OPTIMOVE.baseUrl().replaceAll("/$", ""));
    assertThat(textLocal.testMode()).as("testing mode is on by default").isTrue();
    assertThat(delivyr.endpoint()).startsWith(DELIVYR.baseUrl().replaceAll("/$", ""));
  }

  @Test
  void eventListenerPassesTheRawBodyToTheHandler() throws Exception {
    byte[] body = "{\"EventTypeID\":1,\"TimeStamp\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> ok =
        post(
            "/campaignrelay/optimove/events?token=" + TestApp.TOKEN,
            body,
            "Content-Type",
            "application/json");
    assertThat(ok.statusCode()).isEqualTo(202);
    assertThat(ok.body()).isEqualTo("{\"outcome\":\"accepted\",\"reason\":\"\"}");
    assertThat(TestApp.EVENTS).anySatisfy(b -> assertThat(b).isEqualTo(body));

    HttpResponse<String> refused = post("/campaignrelay/optimove/events?token=wrong", body);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("\"outcome\":\"bad_token\"");
  }

  @Test
  void forgedWebhookIsRefusedAndASignedOneAccepted() throws Exception {
    byte[] body = "{\"event\":\"message.delivered\"}".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> forged = post("/hooks/delivyr", body, "X-Delivyr-Signature", "forged");
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.body()).contains("bad_signature");
    assertThat(post("/hooks/delivyr", body, "X-Delivyr-Signature", "good-signature").statusCode())
        .isEqualTo(202);
    assertThat(post("/campaignrelay/delivyr/webhooks", body).statusCode())
        .as("the default path is replaced by the configured one")
        .isEqualTo(404);
  }

  @Test
  void oversizedBodyIsRefusedBeforeTheHandler() throws Exception {
    byte[] big = new byte[1_048_577];
    HttpResponse<String> r = post("/hooks/delivyr", big, "X-Delivyr-Signature", "good-signature");
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void healthReportsEachVendorWithoutSending() throws Exception {
    long sentBefore = TEXTLOCAL.requestCount();
    HttpResponse<String> r = get("/actuator/health");
    assertThat(r.statusCode()).isEqualTo(200);
    for (String vendor : new String[] {"optimove", "textlocal", "delivyr"}) {
      assertThat(r.body())
          .containsPattern("\"" + vendor + "\":\\{\"details\":\\{[^}]*},\"status\":\"UP\"}");
    }
    assertThat(TEXTLOCAL.requestCount() - sentBefore).isEqualTo(1);
    assertThat(TEXTLOCAL.sentMessages().all()).isEmpty();
  }

  @Test
  void infoShowsVersionAndTestingMode() throws Exception {
    HttpResponse<String> r = get("/actuator/info");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("\"campaignrelay\"")
        .contains("\"sdkVersion\"")
        .contains("\"testingMode\":{\"textlocal\":true,\"delivyr\":true}")
        .contains("\"campaignsInFlight\":0");
  }

  @Test
  void metricsCountVendorCalls() throws Exception {
    get("/actuator/health");
    HttpResponse<String> r = get("/actuator/metrics/campaignrelay.http.requests");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"vendor\"").contains("textlocal").contains("delivyr");
    assertThat(get("/actuator/metrics/campaignrelay.campaigns.in.flight").statusCode())
        .isEqualTo(200);
  }

  @Test
  void secretsAreMaskedInEnvConfigpropsAndLogs(CapturedOutput output) throws Exception {
    HttpResponse<String> env = get("/actuator/env");
    HttpResponse<String> props = get("/actuator/configprops");
    assertThat(env.statusCode()).isEqualTo(200);
    assertThat(props.statusCode()).isEqualTo(200);
    assertThat(env.body()).contains("campaignrelay.textlocal.api-key").contains("\"******\"");
    assertThat(props.body()).contains("campaignrelay");
    get("/actuator/health");
    for (String secret : new String[] {OPTIMOVE_KEY, TEXTLOCAL_KEY, DELIVYR_KEY}) {
      assertThat(env.body()).doesNotContain(secret);
      assertThat(props.body()).doesNotContain(secret);
      assertThat(output.getAll()).doesNotContain(secret);
    }
    assertThat(env.body()).contains(TEXTLOCAL.baseUrl().replaceAll("/$", ""));
  }
}
