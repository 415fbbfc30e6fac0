package io.campaignrelay.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.runtime.SendCaps;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a reservation costs: {@link JdbcSendCaps#tryAcquire} once per message on H2 and on embedded
 * PostgreSQL (one transaction of three conditional updates each), sequential and from 4 threads on
 * 4 instances. Run with {@code -Dcampaignrelay.bench=true}; prints reservations per second.
 */
@EnabledIfSystemProperty(named = "campaignrelay.bench", matches = "true")
class SendCapsThroughputBenchmark {
  static final Instant T = Instant.parse("2026-11-24T09:15:00Z");
  static final int N = 4_000;

  @TempDir Path dir;

  @Test
  void reservationsPerSecond() throws Exception {
    measure("H2", JdbcStore.builder().h2File(dir.resolve("bench")));
    measure(
        "PostgreSQL",
        JdbcStore.builder().jdbcUrl(TestPostgres.url()).schema(TestPostgres.freshSchema()));
  }

  void measure(String name, JdbcStore.Builder settings) throws Exception {
    List<JdbcStore> stores =
        List.of(settings.build(), settings.build(), settings.build(), settings.build());
    try {
      List<SendCaps> caps =
          stores.stream()
              .map(
                  s ->
                      (SendCaps)
                          JdbcSendCaps.builder()
                              .store(s)
                              .perCampaign(1_000_000)
                              .perCountryPerHour(1_000_000)
                              .build())
              .toList();
      long t0 = System.nanoTime();
      for (int i = 0; i < N; i++) {
        assertThat(caps.get(0).tryAcquire("seq", "+4479110" + i, "GB", T)).isEmpty();
      }
      double seq = N / ((System.nanoTime() - t0) / 1e9);
      long t1 = System.nanoTime();
      List<Integer> granted =
          RuntimeStateContract.race(
              4,
              r ->
                  () -> {
                    int n = 0;
                    for (int i = 0; i < N / 4; i++) {
                      if (caps.get(r).tryAcquire("par", "+4479111" + r + i, "GB", T).isEmpty()) {
                        n++;
                      }
                    }
                    return n;
                  });
      double par = N / ((System.nanoTime() - t1) / 1e9);
      assertThat(granted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(N);
      long t2 = System.nanoTime();
      List<Integer> batched =
          RuntimeStateContract.race(
              4,
              r ->
                  () -> {
                    int n = 0;
                    for (int b = 0; b < N / 4 / 100; b++) {
                      List<SendCaps.Request> batch = new java.util.ArrayList<>();
                      for (int i = 0; i < 100; i++) {
                        batch.add(
                            new SendCaps.Request("bat", "+4479112" + r + (b * 100 + i), "GB"));
                      }
                      n +=
                          (int)
                              caps.get(r).tryAcquireAll(batch, T).stream()
                                  .filter(java.util.Optional::isEmpty)
                                  .count();
                    }
                    return n;
                  });
      double bat = N / ((System.nanoTime() - t2) / 1e9);
      assertThat(batched.stream().mapToInt(Integer::intValue).sum()).isEqualTo(N);
      System.out.printf(
          "send caps on %s: %.0f reservations/s one by one, %.0f/s one by one from 4 instances,"
              + " %.0f/s in batches of 100 from 4 instances (one country and campaign)%n",
          name, seq, par, bat);
    } finally {
      stores.forEach(JdbcStore::close);
    }
  }
}
