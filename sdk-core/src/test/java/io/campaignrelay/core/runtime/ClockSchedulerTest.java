package io.campaignrelay.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClockSchedulerTest {
  static final Instant START = Instant.parse("2026-11-30T08:00:00Z"); // a Monday
  static final ZoneId LONDON = ZoneId.of("Europe/London");

  /** A clock that moves only when told. */
  static final class ManualClock extends Clock {
    Instant now = START;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  @TempDir Path dir;
  final ManualClock clock = new ManualClock();
  final List<String> ran = new ArrayList<>();

  ClockScheduler scheduler(JobStore store) {
    ClockScheduler s = ClockScheduler.builder().clock(clock).jobStore(store).build();
    s.register("execute", run -> ran.add(run.key() + "@" + clock.now));
    s.register("templates-sync", run -> ran.add(run.key() + "@" + clock.now));
    return s;
  }

  @Test
  void aOneOffJobRunsOnceWhenDueAndSchedulingItAgainIsANoOp() {
    ClockScheduler s = scheduler(InMemoryJobStore.create());
    JobKey key = JobKey.of("execute", 3701, 452);
    assertThat(s.scheduleOnce(key, START.plus(Duration.ofHours(2)))).isTrue();
    assertThat(s.scheduleOnce(key, START)).isFalse();

    assertThat(s.runDue()).isZero();
    clock.advance(Duration.ofHours(2));
    assertThat(s.runDue()).isEqualTo(1);
    assertThat(s.runDue()).isZero();
    clock.advance(Duration.ofDays(3));
    assertThat(s.runDue()).isZero();

    assertThat(ran).containsExactly("execute:3701:452@2026-11-30T10:00:00Z");
    assertThat(s.job(key))
        .hasValueSatisfying(j -> assertThat(j.state()).isEqualTo(ScheduledJob.State.DONE));
    assertThat(s.scheduleOnce(key, clock.now)).isFalse();
  }

  @Test
  void aDailyJobRunsAtItsLocalTimeEachDayAndOnceAfterMissedDays() {
    ClockScheduler s = scheduler(InMemoryJobStore.create());
    JobKey key = JobKey.of("templates-sync");
    s.scheduleDaily(key, LocalTime.of(6, 30), LONDON);
    // 08:00 UTC is past 06:30 London (GMT in winter): the first run is tomorrow.
    assertThat(s.job(key).orElseThrow().nextRunAt())
        .isEqualTo(Instant.parse("2026-12-01T06:30:00Z"));
    for (int day = 0; day < 7; day++) {
      clock.advance(Duration.ofDays(1));
      s.runDue();
    }
    assertThat(ran).hasSize(7).allMatch(r -> r.contains("T08:00:00Z"));
    clock.advance(Duration.ofDays(5)); // the runtime was down for five days
    assertThat(s.runDue()).isEqualTo(1);
    assertThat(s.job(key).orElseThrow().runs()).isEqualTo(8);
  }

  @Test
  void aFailedRunIsRetriedWithGrowingDelaysAndTheHandlerCanScheduleMore() {
    ClockScheduler s =
        ClockScheduler.builder().clock(clock).retryDelay(Duration.ofMinutes(1)).build();
    int[] attempts = {0};
    s.register(
        "metrics",
        run -> {
          attempts[0]++;
          if (run.attempt() < 3) {
            throw new IllegalStateException("vendor down");
          }
          s.scheduleOnce(JobKey.of("outbox"), clock.now);
        });
    List<String> flushed = new ArrayList<>();
    s.register("outbox", run -> flushed.add(run.key().value()));
    JobKey key = JobKey.of("metrics", 3701, "day1");
    s.scheduleOnce(key, START);

    s.runDue();
    assertThat(s.job(key).orElseThrow().failures()).isEqualTo(1);
    assertThat(s.job(key).orElseThrow().lastError()).contains("vendor down");
    clock.advance(Duration.ofSeconds(59));
    assertThat(s.runDue()).isZero();
    clock.advance(Duration.ofSeconds(1));
    s.runDue();
    assertThat(s.job(key).orElseThrow().nextRunAt())
        .isEqualTo(clock.now.plus(Duration.ofMinutes(2)));
    clock.advance(Duration.ofMinutes(2));
    assertThat(s.runDue()).isEqualTo(2); // the third attempt, then the job it scheduled for now
    assertThat(attempts[0]).isEqualTo(3);
    assertThat(flushed).containsExactly("outbox");
  }

  @Test
  void aJobWithoutAHandlerWaitsAndSaysWhy() {
    ClockScheduler s = ClockScheduler.builder().clock(clock).build();
    s.scheduleOnce(JobKey.of("unknown", 1), START);
    s.runDue();
    assertThat(s.job(JobKey.of("unknown", 1)).orElseThrow().lastError())
        .contains("register(\"unknown\"");
  }

  @Test
  void aRestartedSchedulerOnTheSameFileResumesEveryJobAndRunsNoneTwice() {
    Path file = dir.resolve("jobs.log");
    try (FileJobStore store = FileJobStore.open(file)) {
      ClockScheduler s = scheduler(store);
      s.scheduleOnce(JobKey.of("execute", 1, 452), START);
      s.scheduleOnce(JobKey.of("execute", 2, 452), START.plus(Duration.ofDays(2)));
      s.scheduleDaily(JobKey.of("templates-sync"), LocalTime.of(9, 0), ZoneOffset.UTC);
      s.runDue(); // execute:1 and today's 09:00? not yet: it is 08:00
    }
    assertThat(ran).containsExactly("execute:1:452@" + START);
    clock.advance(Duration.ofDays(3));
    try (FileJobStore reopened = FileJobStore.open(file)) {
      ClockScheduler s = scheduler(reopened);
      assertThat(s.scheduleOnce(JobKey.of("execute", 1, 452), START)).isFalse();
      assertThat(s.runDue()).isEqualTo(2);
    }
    assertThat(ran)
        .containsExactly(
            "execute:1:452@" + START, "templates-sync@" + clock.now, "execute:2:452@" + clock.now);
  }

  @Test
  void aTornJobFileTailIsDiscarded() throws Exception {
    Path file = dir.resolve("jobs.log");
    try (FileJobStore store = FileJobStore.open(file)) {
      store.put(ScheduledJob.once(JobKey.of("a"), START));
      store.put(ScheduledJob.once(JobKey.of("b"), START));
    }
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    try (FileJobStore store = FileJobStore.open(file)) {
      assertThat(store.discardedLines()).isEqualTo(1);
      assertThat(store.all()).extracting(j -> j.key().value()).containsExactly("a");
    }
  }

  @Test
  void badSettingsAreListedTogether() {
    assertThatThrownBy(
            () ->
                ClockScheduler.builder()
                    .clock(null)
                    .retryDelay(Duration.ZERO)
                    .maxRunsPerCall(0)
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("clock")
        .hasMessageContaining("retryDelay")
        .hasMessageContaining("maxRunsPerCall");
  }

  @Test
  void jobKeysAreValidatedAndTyped() {
    assertThat(JobKey.of("metrics", 3701, "day3").value()).isEqualTo("metrics:3701:day3");
    assertThat(JobKey.of("metrics", 3701).type()).isEqualTo("metrics");
    assertThat(new JobKey("outbox").type()).isEqualTo("outbox");
    assertThatThrownBy(() -> new JobKey("")).isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> new JobKey("a b")).isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> new JobKey(":x")).isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> new JobKey("x".repeat(201)))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void aCancelledJobNeverRuns() {
    ClockScheduler s = scheduler(InMemoryJobStore.create());
    JobKey key = JobKey.of("execute", 9, 452);
    s.scheduleOnce(key, START);
    assertThat(s.cancel(key)).isTrue();
    assertThat(s.cancel(key)).isFalse();
    assertThat(s.runDue()).isZero();
    assertThat(ran).isEmpty();
  }
}
