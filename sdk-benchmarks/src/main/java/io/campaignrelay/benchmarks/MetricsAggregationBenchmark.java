package io.campaignrelay.benchmarks;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.metrics.CampaignMetrics;
import io.campaignrelay.core.metrics.DeliveryEvent;
import io.campaignrelay.core.metrics.DeliveryOutcome;
import io.campaignrelay.core.metrics.MetricsMapping;
import io.campaignrelay.core.metrics.RejectionReason;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link CampaignMetrics#record(DeliveryEvent)}: one campaign's events aggregated from scratch, as
 * a webhook receiver or a daily poll does. The pool holds {@value #EVENTS} events for 100,000
 * customers: 80% delivered, 8% clicks (several per customer), 5% undelivered, 3% rejected, 2%
 * opt-outs, 2% repeats of an earlier event id (webhook retries). Each call aggregates the whole
 * pool into a new {@link CampaignMetrics}, so the score is <b>nanoseconds per event</b> including
 * the growth of the aggregator's sets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class MetricsAggregationBenchmark {

  static final int EVENTS = 200_000;
  private static final int CUSTOMERS = 100_000;

  private final CampaignId campaign = CampaignId.of(Long.toString(Workload.CAMPAIGN_ID));
  private final MetricsMapping mapping = MetricsMapping.engagementDefault();
  private DeliveryEvent[] events;

  /** Creates the state. */
  public MetricsAggregationBenchmark() {}

  /** Builds the event pool (deterministic). */
  @Setup
  public void setUp() {
    events = new DeliveryEvent[EVENTS];
    Instant t0 = Instant.parse("2026-11-22T10:00:00Z");
    CustomerId[] customers = new CustomerId[CUSTOMERS];
    for (int c = 0; c < CUSTOMERS; c++) {
      customers[c] = CustomerId.of(Workload.customerId(c));
    }
    long seed = 42;
    for (int i = 0; i < EVENTS; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      int roll = (int) ((seed >>> 33) % 100);
      if (roll < 2 && i > 0) {
        events[i] = events[(int) ((seed >>> 20) % i)];
        continue;
      }
      DeliveryOutcome outcome =
          roll < 82
              ? DeliveryOutcome.DELIVERED
              : roll < 90
                  ? DeliveryOutcome.CLICKED
                  : roll < 95
                      ? DeliveryOutcome.UNDELIVERED
                      : roll < 98
                          ? DeliveryOutcome.rejected(RejectionReason.INVALID_PHONE_FORMAT)
                          : DeliveryOutcome.OPTED_OUT;
      events[i] =
          new DeliveryEvent(
              "evt-" + i, campaign, customers[i % CUSTOMERS], outcome, t0.plusSeconds(i));
    }
  }

  /**
   * Aggregates the pool into a new aggregator.
   *
   * @return the aggregator, consumed by JMH
   */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public CampaignMetrics aggregate() {
    CampaignMetrics metrics = CampaignMetrics.create(campaign, CUSTOMERS, mapping);
    for (DeliveryEvent e : events) {
      metrics.record(e);
    }
    return metrics;
  }
}
