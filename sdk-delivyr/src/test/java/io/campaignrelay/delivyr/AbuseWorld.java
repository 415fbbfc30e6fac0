package io.campaignrelay.delivyr;

import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.runtime.InboundRequest;
import io.campaignrelay.core.runtime.InboundResponse;
import io.campaignrelay.delivyr.models.OptimoveAccessType;
import io.campaignrelay.optimove.EngagementMetricsClient;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.OptimoveMetricsSink;
import io.campaignrelay.phonenumber.LibPhoneNumberParser;
import io.campaignrelay.testkit.FakeCustomer;
import io.campaignrelay.testkit.FakeDelivyr;
import io.campaignrelay.testkit.FakeOptimove;
import io.campaignrelay.testkit.SimulatedClock;
import io.campaignrelay.testkit.SyntheticCustomers;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;

/**
 * A LIVE Delivyr runtime (testing mode off, so anything that got through would really be sent to
 * the fake) on fake Optimove and Delivyr, with libphonenumber, and the attacker's tools: posting to
 * the listener with any token, posting webhooks signed or not.
 */
final class AbuseWorld implements AutoCloseable {

  static final String SECRET = "whsec-abuse-secret";
  static final int CUSTOMERS = 20;

  final SimulatedClock clock = SimulatedClock.create();
  final FakeOptimove fakeOptimove;
  final FakeDelivyr fakeDelivyr;
  final DelivyrRuntime runtime;
  final long templateId;

  private AbuseWorld(Consumer<DelivyrRuntime.Builder> tweak) {
    fakeOptimove = FakeOptimove.builder().clock(clock).seed(9).start();
    fakeOptimove.addCustomers(
        CUSTOMERS, SyntheticCustomers.builder().seed(9).invalidPhoneRate(0).build());
    fakeDelivyr = FakeDelivyr.builder().clock(clock).seed(9).optimove(fakeOptimove).start();
    String template =
        fakeDelivyr.addTemplate(
            "Basket", "Hi {{FIRST_NAME}}, your basket", "approved", List.of("triggered"), null);
    templateId = TemplateIdMapping.toOptimoveTemplateId(template);
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
    EngagementMetricsClient engagement =
        EngagementMetricsClient.builder()
            .clientOptions(options(fakeOptimove.metricsBaseUrl()))
            .endpoint(fakeOptimove.metricsBaseUrl())
            .tenantId(Long.toString(fakeOptimove.tenantId()))
            .credential(Secret.of(FakeOptimove.DEFAULT_TENANT_TOKEN))
            .buildClient();
    OptimoveMetricsSink sink =
        OptimoveMetricsSink.builder()
            .engagementClient(engagement)
            .mapping(DelivyrMetrics.mapping())
            .bufferSize(10_000)
            .clock(clock)
            .build();
    OptimoveIntegrationSettings settings =
        OptimoveIntegrationSettings.builder()
            .apiEndpoint("https://api5.optimove.net/")
            .apiKey(Secret.of(FakeOptimove.DEFAULT_API_KEY), OptimoveAccessType.INTEGRATIONS)
            .customerAttributes(FakeCustomer.MOBILE_NUMBER, FakeCustomer.FIRST_NAME)
            .triggeredOverride(
                OptimoveIntegrationSettings.PHONE_OVERRIDE, "personalization.purchase.mobile")
            .tenant(
                Long.toString(fakeOptimove.tenantId()),
                Secret.of(FakeOptimove.DEFAULT_TENANT_TOKEN))
            .testingMode(false)
            .build();
    DelivyrRuntime.Builder b =
        DelivyrRuntime.builder()
            .settings(settings)
            .delivyr(delivyr)
            .optimove(optimove)
            .metricsSink(sink)
            .webhookSecret(Secret.of(SECRET))
            .listenerBaseUrl("https://relay.example/hooks/")
            .phoneParser(LibPhoneNumberParser.international())
            .clock(clock);
    tweak.accept(b);
    runtime = b.build();
  }

  static AbuseWorld start() {
    return start(b -> {});
  }

  static AbuseWorld start(Consumer<DelivyrRuntime.Builder> tweak) {
    return new AbuseWorld(tweak);
  }

  ClientOptions options(String endpoint) {
    return ClientOptions.builder().endpoint(endpoint).clock(clock).sleeper(clock::sleep).build();
  }

  /** The token of the URL the runtime registered (what Optimove, and only Optimove, knows). */
  String token() {
    String q = URI.create(runtime.listenerUrl()).getQuery();
    return q == null ? null : q.substring("token=".length());
  }

  InboundResponse post(String body) {
    return post(body, token());
  }

  InboundResponse post(String body, String token) {
    InboundRequest.Builder r = InboundRequest.builder("POST", "/hooks/optimove/events").body(body);
    if (token != null) {
      r.queryParameter("token", token);
    }
    return runtime.optimoveEventHandler().handle(r.build());
  }

  InboundResponse post(byte[] body) {
    return runtime
        .optimoveEventHandler()
        .handle(
            InboundRequest.builder("POST", "/hooks/optimove/events")
                .queryParameter("token", token())
                .body(body)
                .build());
  }

  InboundResponse webhook(String body, boolean signed) {
    long t = clock.instant().getEpochSecond();
    InboundRequest.Builder r = InboundRequest.builder("POST", "/hooks/delivyr/webhooks").body(body);
    if (signed) {
      r.header(
          DelivyrWebhook.SIGNATURE_HEADER,
          "t=" + t + ",v1=" + DelivyrWebhook.sign(t, body, Secret.of(SECRET)));
    }
    return runtime.webhookHandler().handle(r.build());
  }

  String phoneOf(int customer) {
    return fakeOptimove
        .customer(SyntheticCustomers.customerId(customer))
        .orElseThrow()
        .mobileNumber();
  }

  /** An event-11 payload: personalInfo phone, and a purchase.mobile override when given. */
  String trigger(String requestId, String customerId, String phone, String overridePhone) {
    return "{\"requestId\":\""
        + requestId
        + "\",\"customerID\":\""
        + customerId
        + "\",\"channelID\":250,\"campaignID\":\"1.1.1\",\"templateID\":"
        + templateId
        + ",\"timestamp\":\""
        + clock.instant().getEpochSecond()
        + "\",\"personalization\":{\"personalInfo\":{\"MOBILE_NUMBER\":\""
        + phone
        + "\",\"FIRST_NAME\":\"Ann\"}"
        + (overridePhone == null ? "" : ",\"purchase\":{\"mobile\":\"" + overridePhone + "\"}")
        + "}}";
  }

  int sent() {
    // every message that reached the fake's send endpoints (the log holds test-mode ones too)
    return Math.max(fakeDelivyr.sentMessages().count(), fakeDelivyr.loggedMessages().count());
  }

  @Override
  public void close() {
    runtime.close();
    fakeDelivyr.close();
    fakeOptimove.close();
  }
}
