package io.campaignrelay.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.runtime.JobKey;
import io.campaignrelay.core.runtime.JobRun;
import io.campaignrelay.core.runtime.ScheduledJob;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link DbScheduler} on every database the store supports (see the subclasses):
 * driven by the caller on a simulated clock, nothing waits.
 */
abstract class SchedulerContract {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  static final ZoneId LONDON = ZoneId.of("Europe/London");

  private final List<AutoCloseable> opened = new ArrayList<>();
  final MutableClock clock = new MutableClock(T0);

  abstract JdbcStore.Builder settings();

  JdbcStore store() {
    JdbcStore s = settings().build();
    opened.add(s);
    return s;
  }

  DbScheduler scheduler(String name) {
    DbScheduler s =
        DbScheduler.builder()
            .store(store())
            .clock(clock)
            .instanceName(name)
            .retryDelay(Duration.ofMinutes(5))
            .drivenByCaller(true)
            .build();
    opened.add(0, s);
    return s;
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  @Test
  void aOneOffJobRunsOnceAtItsTimeAndItsKeyStaysTaken() {
    DbScheduler s = scheduler("a");
    List<JobRun> runs = Collections.synchronizedList(new ArrayList<>());
    s.register("execute", runs::add);
    JobKey key = JobKey.of("execute", 3701, 452);
    assertThat(s.scheduleOnce(key, T0.plusSeconds(60))).isTrue();
    assertThat(s.scheduleOnce(key, T0)).isFalse();
    s.runDue();
    assertThat(runs).isEmpty();
    clock.advance(Duration.ofSeconds(60));
    s.runDue();
    s.runDue();
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).scheduledFor()).isEqualTo(T0.plusSeconds(60));
    assertThat(runs.get(0).attempt()).isEqualTo(1);
    assertThat(s.job(key).orElseThrow().state()).isEqualTo(ScheduledJob.State.DONE);
    // Done, and still a no-op to schedule again.
    assertThat(s.scheduleOnce(key, clock.instant())).isFalse();
    clock.advance(Duration.ofDays(1));
    s.runDue();
    assertThat(runs).hasSize(1);
  }

  @Test
  void aDailyJobRunsAtItsLocalTimeEveryDayOfAWeek() {
    DbScheduler s = scheduler("a");
    List<Instant> runs = Collections.synchronizedList(new ArrayList<>());
    s.register("templates-sync", r -> runs.add(r.scheduledFor()));
    JobKey key = JobKey.of("templates-sync");
    assertThat(s.scheduleDaily(key, LocalTime.of(9, 30), LONDON)).isTrue();
    assertThat(s.scheduleDaily(key, LocalTime.of(10, 0), LONDON)).isFalse();
    for (int hour = 0; hour < 7 * 24; hour++) {
      clock.advance(Duration.ofHours(1));
      s.runDue();
    }
    assertThat(runs).hasSize(7);
    assertThat(runs.get(0)).isEqualTo(Instant.parse("2026-11-24T09:30:00Z"));
    assertThat(runs.get(6)).isEqualTo(Instant.parse("2026-11-30T09:30:00Z"));
    assertThat(s.job(key).orElseThrow().runs()).isEqualTo(7);
  }

  @Test
  void aFailedRunIsRetriedLaterAsTheNextAttempt() {
    DbScheduler s = scheduler("a");
    List<JobRun> runs = Collections.synchronizedList(new ArrayList<>());
    s.register(
        "flaky",
        r -> {
          runs.add(r);
          if (r.attempt() == 1) {
            throw new IllegalStateException("vendor down");
          }
        });
    JobKey key = JobKey.of("flaky", 1);
    s.scheduleOnce(key, T0);
    s.runDue();
    assertThat(s.job(key).orElseThrow().lastError()).contains("vendor down");
    clock.advance(Duration.ofMinutes(4));
    s.runDue();
    assertThat(runs).hasSize(1);
    clock.advance(Duration.ofMinutes(1));
    s.runDue();
    assertThat(runs).extracting(JobRun::attempt).containsExactly(1, 2);
    assertThat(s.job(key).orElseThrow().state()).isEqualTo(ScheduledJob.State.DONE);
  }

  @Test
  void aCancelledJobNeverRuns() {
    DbScheduler s = scheduler("a");
    AtomicInteger runs = new AtomicInteger();
    s.register("x", r -> runs.incrementAndGet());
    s.scheduleOnce(JobKey.of("x", 1), T0.plusSeconds(1));
    assertThat(s.cancel(JobKey.of("x", 1))).isTrue();
    assertThat(s.cancel(JobKey.of("x", 1))).isFalse();
    assertThat(s.scheduleOnce(JobKey.of("x", 1), T0)).isFalse();
    clock.advance(Duration.ofHours(1));
    s.runDue();
    assertThat(runs).hasValue(0);
    assertThat(s.job(JobKey.of("x", 1)).orElseThrow().state())
        .isEqualTo(ScheduledJob.State.CANCELLED);
  }

  @Test
  void withThreeInstancesOnOneDatabaseEveryJobRunsOnce() throws Exception {
    List<DbScheduler> instances = List.of(scheduler("a"), scheduler("b"), scheduler("c"));
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    for (DbScheduler s : instances) {
      for (String type : List.of("metrics", "templates-sync")) {
        s.register(
            type,
            r ->
                runs.computeIfAbsent(
                        r.key().value() + "@" + r.scheduledFor(), k -> new AtomicInteger())
                    .incrementAndGet());
      }
    }
    // Every instance schedules the same jobs, as every replica of a service would at start.
    for (DbScheduler s : instances) {
      for (int d = 1; d <= 7; d++) {
        s.scheduleOnce(JobKey.of("metrics", 3701, 452, "day" + d), T0.plus(Duration.ofDays(d)));
      }
      s.scheduleDaily(JobKey.of("templates-sync"), LocalTime.of(3, 0), LONDON);
    }
    for (int step = 0; step < 8 * 8; step++) {
      clock.advance(Duration.ofHours(3));
      RuntimeStateContract.race(
          3,
          i ->
              () -> {
                instances.get(i).runDue();
                return null;
              });
    }
    assertThat(runs.keySet().stream().filter(k -> k.startsWith("metrics"))).hasSize(7);
    assertThat(runs.keySet().stream().filter(k -> k.startsWith("templates"))).hasSize(8);
    assertThat(runs.values()).allMatch(c -> c.get() == 1);
  }

  @Test
  void runDueOnAPollingSchedulerAndBadSettingsAreTypedErrors() {
    DbScheduler polling = DbScheduler.builder().store(store()).clock(clock).build();
    opened.add(0, polling);
    assertThat(catchThrowableOfType(ConfigurationException.class, polling::runDue))
        .hasMessageContaining("drivenByCaller(true)");
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> DbScheduler.builder().threads(0).retryDelay(Duration.ZERO).build());
    assertThat(e.getMessage()).contains("store").contains("threads").contains("retryDelay");
  }
}
