package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.RateLimitException;
import io.campaignrelay.core.metrics.DeliveryEvent;
import io.campaignrelay.core.metrics.DeliveryOutcome;
import io.campaignrelay.core.metrics.EngagementMetric;
import io.campaignrelay.core.metrics.MetricsSnapshot;
import io.campaignrelay.core.outbox.FileMetricsOutbox;
import io.campaignrelay.core.outbox.MetricsOutbox;
import io.campaignrelay.core.outbox.OutboxDelivery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OptimoveMetricsSink} through its outbox against a server written here: a storm of 429s,
 * outages and a restart; every event must reach the server exactly once.
 */
class MetricsOutboxSinkTest extends OptimoveTestSupport {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Answers 429 while {@code refusing} is positive (counting down), else 200; counts customers. */
  static final class StormServer extends Dispatcher {
    final AtomicInteger refusing = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final Map<String, Integer> received = new ConcurrentHashMap<>();

    @Override
    public MockResponse dispatch(RecordedRequest r) {
      requests.incrementAndGet();
      if (refusing.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0) {
        return new MockResponse.Builder()
            .code(429)
            .addHeader("Content-Type", "application/json")
            .body(
                "{\"status\":429,\"error\":\"Too Many Requests\",\"message\":\"You have exceeded"
                    + " the rate limit\"}")
            .build();
      }
      try {
        JsonNode body = JSON.readTree(r.getBody().string(StandardCharsets.UTF_8));
        for (JsonNode e : body) {
          String key =
              e.has("customer")
                  ? e.get("event").asText() + "/" + e.get("customer").asText()
                  : e.get("CampaignID").asText()
                      + "/"
                      + e.get("MetricID").asText()
                      + "="
                      + e.get("MetricValue").asText();
          received.merge(key, 1, Integer::sum);
        }
      } catch (java.io.IOException e) {
        return new MockResponse.Builder().code(400).body("\"unreadable\"").build();
      }
      return new MockResponse.Builder().code(200).body("").build();
    }
  }

  EngagementMetricsClient engagement() {
    return EngagementMetricsClient.builder()
        .tenantId("123")
        .credential(Secret.of("tenant-token-XYZ"))
        .endpoint(server.url("/").toString())
        .clock(clock)
        .sleeper(sleeps::add)
        .batchSize(3)
        .buildClient();
  }

  OptimoveMetricsSink sink(MetricsOutbox outbox) {
    OptimoveMetricsSink.Builder b =
        OptimoveMetricsSink.builder()
            .engagementClient(engagement())
            .channel(ChannelId.SCHEDULED_SMS)
            .bufferSize(4)
            .aggregates(client, ChannelId.SCHEDULED_SMS, c -> 7L)
            .clock(clock);
    if (outbox != null) {
      b.outbox(outbox);
    }
    return b.build();
  }

  static DeliveryEvent delivered(int i) {
    return new DeliveryEvent(
        "evt-" + i,
        CampaignId.of("1234"),
        CustomerId.of("C" + i),
        DeliveryOutcome.DELIVERED,
        NOW.minus(Duration.ofMinutes(5)));
  }

  @Test
  void aStormOf429sThenRecoveryDeliversEveryEventExactlyOnce() {
    StormServer storm = new StormServer();
    server.setDispatcher(storm);
    OptimoveMetricsSink sink = sink(null);

    storm.refusing.set(1_000);
    for (int i = 0; i < 50; i++) {
      sink.accept(delivered(i));
      if (i % 10 == 9) {
        sink.flush();
      }
    }
    assertThat(storm.received).isEmpty();
    assertThat(sink.depth()).isEqualTo(50);

    storm.refusing.set(7);
    for (int i = 0; i < 50; i++) {
      sink.accept(delivered(i)); // repeats of the same event ids are ignored
    }
    for (int round = 0; round < 20 && sink.depth() > 0; round++) {
      sink.flush();
    }
    assertThat(sink.depth()).isZero();
    assertThat(storm.received).hasSize(50);
    assertThat(storm.received.values()).containsOnly(1);
  }

  @Test
  void aFailedFlushSaysWhyAndKeepsTheRestInOrder() {
    StormServer storm = new StormServer();
    server.setDispatcher(storm);
    OptimoveMetricsSink sink = sink(null);
    storm.refusing.set(Integer.MAX_VALUE);
    for (int i = 0; i < 3; i++) {
      sink.accept(delivered(i));
    }

    OutboxDelivery.Result r = sink.flush();
    assertThat(r.isComplete()).isFalse();
    assertThat(r.failure()).get().isInstanceOf(RateLimitException.class);
    assertThat(r.remaining()).isEqualTo(3);
    assertThat(sink.outbox().pending(OptimoveMetricsSink.ENGAGEMENT_TOPIC, 10))
        .extracting(e -> e.id())
        .containsExactly("saveEvent:evt-0", "saveEvent:evt-1", "saveEvent:evt-2");
    storm.refusing.set(0);
    assertThat(sink.flush().delivered()).isEqualTo(3);
    assertThat(storm.received).containsOnlyKeys("Delivered/C0", "Delivered/C1", "Delivered/C2");
  }

  @Test
  void aRestartOnTheFileOutboxDeliversWhatWasPending() {
    StormServer storm = new StormServer();
    server.setDispatcher(storm);
    Path file = dir.resolve("metrics-outbox.log");
    storm.refusing.set(Integer.MAX_VALUE);
    try (FileMetricsOutbox outbox =
        FileMetricsOutbox.open(
            file, FileMetricsOutbox.Durability.SYNC, clock, MetricsOutbox.DEFAULT_RETENTION)) {
      OptimoveMetricsSink sink = sink(outbox);
      for (int i = 0; i < 9; i++) {
        sink.accept(delivered(i));
      }
      sink.report(
          MetricsSnapshot.builder(CampaignId.of("1234"))
              .targeted(9)
              .add(EngagementMetric.DELIVERED, 9)
              .build());
      assertThat(sink.depth()).isEqualTo(10);
      // the process dies here: nothing more is written
    }
    assertThat(storm.received).isEmpty();

    storm.refusing.set(0);
    try (FileMetricsOutbox outbox =
        FileMetricsOutbox.open(
            file, FileMetricsOutbox.Durability.SYNC, clock, MetricsOutbox.DEFAULT_RETENTION)) {
      OptimoveMetricsSink sink = sink(outbox);
      assertThat(sink.depth()).isEqualTo(10);
      OutboxDelivery.Result r = sink.flush();
      assertThat(r.isComplete()).isTrue();
      assertThat(r.delivered()).isEqualTo(10);
      for (int i = 0; i < 9; i++) {
        sink.accept(delivered(i)); // a webhook repeated after the restart
      }
      assertThat(sink.depth()).isZero();
    }
    try (FileMetricsOutbox outbox =
        FileMetricsOutbox.open(
            file, FileMetricsOutbox.Durability.SYNC, clock, MetricsOutbox.DEFAULT_RETENTION)) {
      OptimoveMetricsSink sink = sink(outbox);
      assertThat(sink.depth()).isZero();
      sink.accept(delivered(3));
      assertThat(sink.flush().delivered()).isZero();
    }
    assertThat(storm.received).hasSize(10);
    assertThat(storm.received.values()).containsOnly(1);
    assertThat(storm.received).containsEntry("1234/1=9", 1);
  }

  @Test
  void eventsThatAgedPastSevenDaysInTheOutboxAreDroppedNotSentForever() {
    StormServer storm = new StormServer();
    server.setDispatcher(storm);
    MutableClock later = new MutableClock(NOW);
    OptimoveMetricsSink sink =
        OptimoveMetricsSink.builder()
            .engagementClient(
                EngagementMetricsClient.builder()
                    .tenantId("123")
                    .credential(Secret.of("t"))
                    .endpoint(server.url("/").toString())
                    .clock(later)
                    .sleeper(sleeps::add)
                    .buildClient())
            .bufferSize(10)
            .clock(later)
            .build();
    storm.refusing.set(Integer.MAX_VALUE);
    sink.accept(delivered(1));
    sink.flush();
    later.advance(Duration.ofDays(8));
    sink.accept(
        new DeliveryEvent(
            "fresh",
            CampaignId.of("1234"),
            CustomerId.of("C2"),
            DeliveryOutcome.DELIVERED,
            later.instant()));
    storm.refusing.set(0);

    assertThat(sink.flush().delivered()).isEqualTo(2);
    assertThat(storm.received).containsOnlyKeys("Delivered/C2");
    assertThat(sink.skippedTooOld()).isEqualTo(1);
  }

  /** A clock the test moves. */
  static final class MutableClock extends java.time.Clock {
    private java.time.Instant now;

    MutableClock(java.time.Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }
}
