package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.metrics.EngagementMetric;
import io.campaignrelay.optimove.models.ChannelTemplate;
import io.campaignrelay.optimove.models.EngagementEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Logs at TRACE (headers and bodies) must never show the API key, tenant token or signature. */
class RedactionTest extends OptimoveTestSupport {

  static final String TOKEN = "tenant-token-SECRET-42";

  @Test
  void noCredentialOrSignatureReachesTheLogs() throws Exception {
    enqueue(200, "");
    enqueue(401, "\"Unauthorized\"");
    enqueue(200, "");
    EngagementMetricsClient metrics =
        EngagementMetricsClient.builder()
            .tenantId("123")
            .credential(Secret.of(TOKEN))
            .endpoint(server.url("/").toString())
            .clock(clock)
            .buildClient();

    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    String signature;
    try {
      client.createTemplates(ChannelId.of(452), List.of(ChannelTemplate.of(1, "Welcome")));
      assertThatThrownBy(() -> client.listTemplates(ChannelId.of(452)))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(API_KEY));
      metrics.saveEvents(
          List.of(EngagementEvent.forCustomer(EngagementMetric.DELIVERED, "C1", NOW, null)));
    } finally {
      System.setOut(original);
    }
    take();
    take();
    RecordedRequest signed = take();
    signature = signed.getHeaders().get("x-optimove-signature-content");

    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log)
        .contains("AddChannelTemplates")
        .contains("saveEvent")
        .contains("X-API-KEY: ****");
    assertThat(log).doesNotContain(API_KEY).doesNotContain(TOKEN).doesNotContain(signature);
    assertThat(metrics.toString()).doesNotContain(TOKEN);
    assertThat(client.toString()).doesNotContain(API_KEY);
  }
}
