package io.campaignrelay.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.ExecutionJournal;
import io.campaignrelay.core.execution.ExecutionReport;
import io.campaignrelay.core.execution.InMemoryExecutionJournal;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.OutboundMessage;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * By hand only (off unless {@code -Dcampaignrelay.bench=true}): the engine ({@link
 * CampaignExecutor} with a channel that accepts everything at once) on the in-memory journal and on
 * {@link JdbcExecutionJournal} over embedded PostgreSQL, 1M recipients each; and, with {@code
 * -Dcampaignrelay.bench.large=<n>}, n recipients on the JDBC journal with the live heap (after a
 * full GC) sampled every 1M recipients (or {@code -Dcampaignrelay.bench.sampleEvery=<n>}), to be
 * run under {@code -Xmx256m}:
 *
 * <pre>
 * mvn -o -q -pl sdk-jdbc -am test -Dtest=EngineThroughputBenchmark \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dcampaignrelay.bench=true -DargLine=-Xmx256m
 * </pre>
 */
@EnabledIfSystemProperty(named = "campaignrelay.bench", matches = "true")
class EngineThroughputBenchmark {
  static final int RECIPIENTS = Integer.getInteger("campaignrelay.bench.recipients", 1_000_000);
  static final int LARGE = Integer.getInteger("campaignrelay.bench.large", 0);
  static final int SAMPLE_EVERY = Integer.getInteger("campaignrelay.bench.sampleEvery", 1_000_000);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC);

  /** Accepts every message at once; samples the live heap every 1M recipients when asked. */
  static final class InstantChannel implements MessageChannel {
    final boolean sampleHeap;
    final List<String> samples = java.util.Collections.synchronizedList(new ArrayList<>());
    long accepted;

    InstantChannel(boolean sampleHeap) {
      this.sampleHeap = sampleHeap;
    }

    @Override
    public String name() {
      return "instant";
    }

    @Override
    public int maxBatchSize() {
      return 1000;
    }

    /** As many batches in flight as the vendor channels allow by default. */
    @Override
    public int maxConcurrentBatches() {
      return 4;
    }

    @Override
    public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
      List<DispatchResult> out = new ArrayList<>(batch.size());
      long first;
      synchronized (this) {
        first = accepted;
        accepted += batch.size();
      }
      for (OutboundMessage m : batch) {
        out.add(DispatchResult.accepted(m.idempotencyKey(), "v" + first++));
      }
      if (sampleHeap && first % SAMPLE_EVERY == 0) {
        samples.add(String.format(Locale.ROOT, "%,d: %.1f MiB", first, liveHeap() / 1048576.0));
      }
      return out;
    }
  }

  @Test
  void engineOnTheJdbcJournalAgainstInMemory() {
    double memory = run("in-memory journal", InMemoryExecutionJournal.create(), 1, RECIPIENTS);
    String schema = TestPostgres.freshSchema();
    try (JdbcStore pg = JdbcStore.builder().jdbcUrl(TestPostgres.url()).schema(schema).build()) {
      java.util.Map<String, long[]> spent = new java.util.TreeMap<>();
      ExecutionJournal timed =
          (ExecutionJournal)
              java.lang.reflect.Proxy.newProxyInstance(
                  ExecutionJournal.class.getClassLoader(),
                  new Class<?>[] {ExecutionJournal.class},
                  (proxy, method, args) -> {
                    long t = System.nanoTime();
                    try {
                      return method.invoke(pg.executionJournal(), args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                      throw e.getCause();
                    } finally {
                      long[] a = spent.computeIfAbsent(method.getName(), k -> new long[2]);
                      a[0]++;
                      a[1] += System.nanoTime() - t;
                    }
                  });
      double jdbc = run("jdbc journal, postgresql", timed, 2, RECIPIENTS);
      spent.forEach(
          (m, a) ->
              System.out.printf(Locale.ROOT, "  %-10s %,d calls, %.1f s%n", m, a[0], a[1] / 1e9));
      System.out.printf(Locale.ROOT, "jdbc / in-memory = %.0f%%%n", 100 * jdbc / memory);
      assertThat(pg.executionJournal().count(CampaignId.scheduled(2))).isEqualTo(RECIPIENTS);
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "campaignrelay.bench.large", matches = "[0-9]+")
  void manyRecipientsOnTheJdbcJournalWithAFlatHeap() {
    try (JdbcStore pg =
        JdbcStore.builder()
            .jdbcUrl(TestPostgres.url())
            .schema(TestPostgres.freshSchema())
            .build()) {
      InstantChannel channel = new InstantChannel(true);
      run("jdbc journal, large", pg.executionJournal(), 3, LARGE, channel);
      System.out.println("max heap " + Runtime.getRuntime().maxMemory() / 1048576 + " MiB");
      channel.samples.forEach(s -> System.out.println("  live heap at " + s));
    }
  }

  private static double run(String name, ExecutionJournal journal, long campaign, int n) {
    return run(name, journal, campaign, n, new InstantChannel(false));
  }

  private static double run(
      String name, ExecutionJournal journal, long campaign, int n, InstantChannel channel) {
    CampaignExecutor executor =
        CampaignExecutor.builder()
            .targetSource(EngineFixtures.targets(n))
            .channel(channel)
            .journal(journal)
            .clock(CLOCK)
            .build();
    long t0 = System.nanoTime();
    ExecutionReport report =
        executor.execute(
            EngineFixtures.campaign(campaign, n), EngineFixtures.template(), ExecutionMode.LIVE);
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(report.dispatched()).isEqualTo(n);
    double rate = n / seconds;
    System.out.printf(
        Locale.ROOT,
        "%-26s %,d recipients in %.1f s: %,.0f recipients/s%n",
        name,
        n,
        seconds,
        rate);
    return rate;
  }

  static long liveHeap() {
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
