package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.RetryOptions;
import io.campaignrelay.core.metrics.EngagementMetric;
import io.campaignrelay.optimove.models.CampaignMetric;
import io.campaignrelay.optimove.models.EngagementEvent;
import io.campaignrelay.optimove.models.MetricId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Optimove's plain-text error explanations reach the exception message; secrets never do. */
class ErrorBodiesTest extends OptimoveTestSupport {

  static final List<CampaignMetric> ROW =
      List.of(new CampaignMetric(452, 1234, 7, MetricId.DELIVERED, 1));

  @Test
  void aBareTextBodyIsTheMessage() {
    enqueue(400, "Invalid ChannelID 99 for this API key\n(details follow)");

    assertThatThrownBy(() -> client.updateCampaignMetrics(ROW))
        .isInstanceOf(ApiServiceException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("Invalid ChannelID 99 for this API key")
        .hasMessageNotContaining("details follow");
  }

  @Test
  void aJsonQuotedTextBodyIsTheMessage() {
    enqueue(403, "\"Forbidden: attribute FIRST_NAME is not allowed for this key\"");

    assertThatThrownBy(() -> client.listPromotions())
        .hasMessageContaining("attribute FIRST_NAME is not allowed");
  }

  /** The body excerpt of an error status is sdk-core's to mask by value (issue 12, item 9). */
  @Test
  void anEchoedApiKeyIsMaskedInTheMessage() {
    enqueue(401, "Unknown API key " + API_KEY);

    assertThatThrownBy(() -> client.listPromotions())
        .hasMessageContaining("Unknown API key ****")
        .hasMessageNotContaining(API_KEY);
  }

  @Test
  void anEchoedApiKeyIsMaskedInAHandBuiltMessageAndItsExcerpt() {
    enqueueJson(
        "{\"isSuccess\":false,\"error\":{\"detail\":\"key " + API_KEY + " lacks rights\"}}");

    assertThatThrownBy(() -> client.updateCampaignMetrics(ROW))
        .hasMessageContaining("key **** lacks rights")
        .hasMessageNotContaining(API_KEY)
        .satisfies(
            e -> assertThat(((ApiServiceException) e).bodyExcerpt()).doesNotContain(API_KEY));
  }

  @Test
  void anHtmlPageIsNotTakenForAnExplanation() {
    OptimoveClient noRetry = clientBuilder().retryOptions(RetryOptions.none()).buildClient();
    enqueue(502, "<html><body><h1>502 Bad Gateway</h1></body></html>");

    assertThatThrownBy(() -> noRetry.listPromotions())
        .hasMessageContaining("HTTP 502")
        .hasMessageNotContaining("<html>");
  }

  @Test
  void anIsSuccessFalseEnvelopeKeepsItsErrorsInTheMessage() {
    enqueueJson(
        "{\"isSuccess\":false,\"errors\":[{\"error\":\"INVALID_CUSTOMER\",\"customerId\":\"C1\"}]}");

    assertThatThrownBy(() -> client.updateCampaignMetrics(ROW))
        .hasMessageContaining("isSuccess=false")
        .hasMessageContaining("INVALID_CUSTOMER");
  }

  @Test
  void saveEventTextErrorsReachTheMessageWithoutTheTenantToken() {
    EngagementMetricsClient metrics =
        EngagementMetricsClient.builder()
            .tenantId("123")
            .credential(Secret.of("tenant-token-XYZ"))
            .endpoint(server.url("/").toString())
            .clock(clock)
            .sleeper(sleeps::add)
            .buildClient();
    enqueue(400, "bad signature for token tenant-token-XYZ");

    assertThatThrownBy(
            () ->
                metrics.saveEvents(
                    List.of(
                        EngagementEvent.forCustomer(
                            EngagementMetric.DELIVERED,
                            "C1",
                            NOW.minus(Duration.ofMinutes(1)),
                            Map.of()))))
        .hasMessageContaining("bad signature for token ****")
        .hasMessageNotContaining("tenant-token-XYZ");
  }
}
