package io.campaignrelay.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.optimove.OptimoveMetricsSink;
import io.campaignrelay.testkit.EngagementEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One metrics path: a small LIVE campaign through each runtime against the same FakeOptimove, and
 * the engagement events Optimove received from both compared: the same context keys (the sink's,
 * defined once) and the same metric for the same outcome.
 */
class MetricsPathTest {

  @Test
  void bothRuntimesSendTheSameContextKeysAndMetricsThroughTheOneSink(@TempDir Path state) {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (OfflineVendors w = OfflineVendors.start(3, 400, 0);
        TextLocalDemo textLocal = new TextLocalDemo(w, quiet, 400, state);
        DelivyrDemo delivyr = new DelivyrDemo(w, quiet, 400, 0, state)) {
      textLocal.setUp();
      delivyr.setUp();
      textLocal.runLive();
      delivyr.runLive();
      for (int day = 1; day <= 7; day++) {
        w.everyHourFor(24, textLocal::runDue);
        delivyr.onDay(day);
      }
      String tl = textLocal.campaignId().value();
      String dv = Long.toString(delivyr.liveCampaign().campaignId());
      List<EngagementEvent> fromTextLocal = new ArrayList<>();
      List<EngagementEvent> fromDelivyr = new ArrayList<>();
      for (EngagementEvent e : w.optimove().receivedEvents()) {
        String c = e.context().path(OptimoveMetricsSink.CAMPAIGN_KEY).asText();
        if (c.equals(tl)) {
          fromTextLocal.add(e);
        } else if (c.equals(dv)) {
          fromDelivyr.add(e);
        }
      }
      assertThat(fromTextLocal).isNotEmpty();
      assertThat(fromDelivyr).isNotEmpty();
      Set<String> tlKeys = keys(fromTextLocal);
      assertThat(tlKeys)
          .isEqualTo(keys(fromDelivyr))
          .containsExactlyInAnyOrder(
              OptimoveMetricsSink.CAMPAIGN_KEY, OptimoveMetricsSink.CHANNEL_KEY);
      // the same outcome is the same metric: both flows deliver, bounce and drop
      Set<String> tlMetrics = names(fromTextLocal);
      Set<String> dvMetrics = names(fromDelivyr);
      assertThat(tlMetrics).contains("Delivered", "Bounced");
      assertThat(dvMetrics).contains("Delivered", "Bounced", "Dropped");
      assertThat(dvMetrics).containsAll(tlMetrics);
      assertThat(w.optimove().receivedEvents())
          .noneSatisfy(e -> assertThat(e.context().has("campaignId")).isTrue())
          .noneSatisfy(e -> assertThat(e.context().has("templateId")).isTrue());
    }
  }

  private static Set<String> keys(List<EngagementEvent> events) {
    Set<String> keys = new TreeSet<>();
    events.forEach(e -> e.context().fieldNames().forEachRemaining(keys::add));
    return keys;
  }

  private static Set<String> names(List<EngagementEvent> events) {
    Set<String> names = new TreeSet<>();
    events.forEach(e -> names.add(e.event()));
    return names;
  }
}
