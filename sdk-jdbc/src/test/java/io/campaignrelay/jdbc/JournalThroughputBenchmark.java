package io.campaignrelay.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.execution.ExecutionJournal;
import io.campaignrelay.core.execution.InMemoryExecutionJournal;
import io.campaignrelay.core.execution.JournalEntry;
import io.campaignrelay.core.execution.RecipientState;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * By hand only (not a *Test, and off unless {@code -Dcampaignrelay.bench=true}): 1M recipients
 * recorded as the engine records them (a batch of 1,000 PENDING entries, then the same 1,000 as
 * DISPATCHED) on the in-memory journal, on embedded PostgreSQL and on the H2 file; prints the
 * throughput and the live heap after a full GC.
 *
 * <pre>
 * mvn -o -q -pl sdk-jdbc -am test -Dtest=JournalThroughputBenchmark \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dcampaignrelay.bench=true -DargLine=-Xmx256m
 * </pre>
 */
@EnabledIfSystemProperty(named = "campaignrelay.bench", matches = "true")
class JournalThroughputBenchmark {
  static final int RECIPIENTS = Integer.getInteger("campaignrelay.bench.recipients", 1_000_000);
  static final int BATCH = 1000;

  @TempDir Path dir;

  @Test
  void oneMillionRecipients() {
    List<String> lines = new ArrayList<>();
    lines.add(run("in-memory", InMemoryExecutionJournal.create(), 1));
    try (JdbcStore pg =
        JdbcStore.builder()
            .jdbcUrl(TestPostgres.url())
            .schema(TestPostgres.freshSchema())
            .build()) {
      lines.add(run("postgresql (embedded, 14)", pg.executionJournal(), 2));
      assertThat(pg.executionJournal().count(CampaignId.scheduled(2))).isEqualTo(RECIPIENTS);
    }
    try (JdbcStore h2 = JdbcStore.h2(dir.resolve("bench"))) {
      lines.add(run("h2 file", h2.executionJournal(), 3));
    }
    lines.forEach(System.out::println);
  }

  private static String run(String name, ExecutionJournal journal, long campaign) {
    CampaignId id = CampaignId.scheduled(campaign);
    Instant at = Instant.parse("2026-11-24T08:00:00Z");
    long heapBefore = liveHeap();
    long nanos = 0;
    for (int from = 0; from < RECIPIENTS; from += BATCH) {
      List<JournalEntry> pending = new ArrayList<>(BATCH);
      List<JournalEntry> sent = new ArrayList<>(BATCH);
      for (int i = from; i < from + BATCH; i++) {
        CustomerId c = CustomerId.of("C" + i);
        pending.add(JournalEntry.of(id, c, RecipientState.PENDING, at, ""));
        sent.add(JournalEntry.of(id, c, RecipientState.DISPATCHED, at, "m" + i));
      }
      long t0 = System.nanoTime();
      journal.recordAll(pending);
      journal.recordAll(sent);
      nanos += System.nanoTime() - t0;
    }
    long heapAfter = liveHeap();
    double seconds = nanos / 1e9;
    return String.format(
        Locale.ROOT,
        "%-28s %,d recipients (%,d entries) in %.2f s: %,.0f recipients/s, %,.0f entries/s;"
            + " live heap %,.1f MiB -> %,.1f MiB (%+.1f MiB)",
        name,
        RECIPIENTS,
        2L * RECIPIENTS,
        seconds,
        RECIPIENTS / seconds,
        2 * RECIPIENTS / seconds,
        heapBefore / 1048576.0,
        heapAfter / 1048576.0,
        (heapAfter - heapBefore) / 1048576.0);
  }

  private static long liveHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
