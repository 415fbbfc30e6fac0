package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.AuthenticationException;
import io.campaignrelay.core.http.RateLimitException;
import io.campaignrelay.core.http.RetryOptions;
import io.campaignrelay.core.http.ServerException;
import io.campaignrelay.optimove.models.CampaignMetric;
import io.campaignrelay.optimove.models.ChannelTemplate;
import io.campaignrelay.optimove.models.MetricId;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseToleranceTest extends OptimoveTestSupport {

  @ParameterizedTest
  @ValueSource(strings = {"", "true", "{\"ResponseCode\":200}", "null", "OK", "{}"})
  void writeSuccessShapesAreAccepted(String body) throws Exception {
    enqueue(200, body);
    assertThatNoException()
        .isThrownBy(() -> client.deleteTemplates(ChannelId.of(452), List.of(TemplateId.of(1))));
    assertThat(take().getTarget()).endsWith("DeleteChannelTemplates");
  }

  @Test
  void jsonStringBodyOnSuccessStatusIsAnError() {
    enqueue(200, "\"Invalid ChannelID\"");
    assertThatThrownBy(
            () -> client.createTemplates(ChannelId.of(452), List.of(ChannelTemplate.of(1, "a"))))
        .isInstanceOfSatisfying(
            ApiServiceException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(200);
              assertThat(e.vendorMessage()).contains("Invalid ChannelID");
              assertThat(e.getMessage()).contains("AddChannelTemplates");
            });
  }

  @Test
  void falseIsAnError() {
    enqueue(200, "false");
    assertThatThrownBy(() -> client.deleteTemplates(ChannelId.of(452), List.of(TemplateId.of(1))))
        .isInstanceOf(ApiServiceException.class)
        .hasMessageContaining("answered false");
  }

  @Test
  void responseCodeInBodyOutsideTwoHundredIsMapped() {
    enqueue(200, "{\"ResponseCode\":401,\"Message\":\"bad key\"}");
    assertThatThrownBy(() -> client.deleteTemplates(ChannelId.of(452), List.of(TemplateId.of(1))))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("bad key");
  }

  @Test
  void unauthorizedAndForbiddenBecomeAuthenticationErrors() {
    enqueue(401, "\"Unauthorized\"");
    enqueue(403, "\"Authorization-Token Expired\"");
    assertThatThrownBy(() -> client.listTemplates(ChannelId.of(452)))
        .isInstanceOfSatisfying(
            AuthenticationException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(401);
              assertThat(e.vendorMessage()).contains("Unauthorized");
              assertThat(e.getMessage()).doesNotContain(API_KEY);
            });
    assertThatThrownBy(() -> client.listTemplates(ChannelId.of(452)))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void tooManyRequestsOnAReadIsRetriedHonouringRetryAfter() {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "3")
            .body("{\"status\":429,\"error\":\"Too Many Requests\",\"message\":\"rate limit\"}")
            .build());
    enqueueJson("[{\"TemplateID\":1,\"TemplateName\":\"A\"}]");

    assertThat(client.listTemplates(ChannelId.of(452))).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(sleeps).contains(Duration.ofSeconds(3));
  }

  @Test
  void tooManyRequestsOnAMetricWriteIsRetriedThenRefused() {
    // a 429 means Optimove processed nothing, so even a write without a key is retried
    for (int i = 0; i < 4; i++) {
      enqueue(429, "{\"status\":429,\"message\":\"rate limit\"}");
    }
    assertThatThrownBy(
            () ->
                client.updateCampaignMetrics(
                    List.of(new CampaignMetric(452, 1, 1, MetricId.DELIVERED, 1))))
        .isInstanceOfSatisfying(
            RateLimitException.class, e -> assertThat(e.requestRefused()).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(1 + RetryOptions.DEFAULT_MAX_RETRIES);
  }

  @Test
  void serverErrorOnAReadIsRetriedThenSurfaced() {
    for (int i = 0; i < 10; i++) {
      enqueue(500, "\"Internal error\"");
    }
    assertThatThrownBy(() -> client.listTemplates(ChannelId.of(452)))
        .isInstanceOf(ServerException.class);
    assertThat(server.getRequestCount()).isGreaterThan(1);
  }

  @Test
  void repeatSafeTemplateWriteIsRetriedOnServerError() {
    enqueue(503, "");
    enqueue(200, "");
    client.createTemplates(ChannelId.of(452), List.of(ChannelTemplate.of(1, "a")));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void metricWriteThatReachedTheServerIsNotResent() {
    server.enqueue(
        new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    enqueue(200, "");
    assertThatThrownBy(
            () ->
                client.updateCampaignMetrics(
                    List.of(new CampaignMetric(452, 1, 1, MetricId.DELIVERED, 1))))
        .isInstanceOfSatisfying(
            ApiConnectionException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
