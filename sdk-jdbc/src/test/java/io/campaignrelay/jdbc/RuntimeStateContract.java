package io.campaignrelay.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.runtime.CampaignClaims;
import io.campaignrelay.core.runtime.CampaignJobs;
import io.campaignrelay.core.runtime.CampaignRecord;
import io.campaignrelay.core.runtime.ClockScheduler;
import io.campaignrelay.core.runtime.InMemoryJobStore;
import io.campaignrelay.core.runtime.JobKey;
import io.campaignrelay.core.runtime.ScheduledJob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of the runtime's state ports in a database (ledger, processed ids, claims, job
 * store), run unchanged on H2 and PostgreSQL (see the subclasses); each test on a database or
 * schema of its own. The races run N stores (each with its own connections, as N instances would)
 * on N threads released at once: exactly one wins.
 */
abstract class RuntimeStateContract {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00.123456Z");
  static final int RACERS = 8;

  private final List<JdbcStore> opened = new ArrayList<>();

  abstract JdbcStore.Builder settings();

  abstract DataSource rawDataSource();

  JdbcStore open() {
    JdbcStore s = settings().build();
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeStores() {
    opened.forEach(JdbcStore::close);
  }

  static CampaignRecord record(long campaign, String settings) {
    CampaignRecord.Builder b = CampaignRecord.builder(CampaignId.scheduled(campaign), "452", T0);
    if (settings != null) {
      b.attribute(CampaignJobs.SETTINGS_ATTRIBUTE, settings);
    }
    return b.build();
  }

  /** Runs {@code work(i)} for i = 0..n-1 on n threads started together; returns their results. */
  static <T> List<T> race(int n, java.util.function.IntFunction<Callable<T>> work)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Callable<T> c = work.apply(i);
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return c.call();
                }));
      }
      go.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get(60, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  List<JdbcStore> stores(int n) {
    List<JdbcStore> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(open());
    }
    return out;
  }

  // ---- ledger

  @Test
  void theLedgerKeepsEveryFieldAndPutIfAbsentKeepsTheFirst() {
    JdbcCampaignLedger ledger = open().campaignLedger();
    CampaignRecord r =
        record(3701, "v1").toBuilder()
            .sentAt(T0.plusSeconds(90))
            .metricDayDone(1)
            .metricDayDone(3)
            .attribute("batch", "a&b=c%d é")
            .attribute("empty", "")
            .build();
    assertThat(ledger.putIfAbsent(r)).isTrue();
    assertThat(ledger.putIfAbsent(record(3701, "v2"))).isFalse();
    assertThat(ledger.find(r.key())).contains(r);
    assertThat(ledger.find("nope:452")).isEmpty();

    CampaignRecord updated = r.toBuilder().metricDayDone(4).build();
    ledger.put(updated);
    ledger.put(record(12, null));
    // Another instance on the same database sees it.
    assertThat(open().campaignLedger().find(r.key())).contains(updated);
    assertThat(ledger.all()).extracting(CampaignRecord::key).containsExactly("12:452", "3701:452");
  }

  @Test
  void ofInstancesRecordingTheSameCampaignAtOnceExactlyOneStoresIt() throws Exception {
    List<JdbcStore> stores = stores(RACERS);
    List<Boolean> won =
        race(RACERS, i -> () -> stores.get(i).campaignLedger().putIfAbsent(record(77, "s" + i)));
    assertThat(won).containsOnlyOnce(true);
    String winner = "s" + won.indexOf(true);
    assertThat(stores.get(0).campaignLedger().find("77:452").orElseThrow().attribute("settings"))
        .contains(winner);
  }

  @Test
  void aSecondRuntimeWithOtherSettingsOnTheSameCampaignIsRefusedBeforeItSchedulesAnything() {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    JdbcStore first = open();
    JdbcStore second = open();
    InMemoryJobStore jobsOfSecond = InMemoryJobStore.create();
    CampaignJobs a = jobs(first, ClockScheduler.builder().clock(clock).build());
    CampaignJobs b =
        jobs(second, ClockScheduler.builder().clock(clock).jobStore(jobsOfSecond).build());
    assertThat(a.schedule(record(5, "throttle=10"))).isTrue();
    assertThat(b.schedule(record(5, "throttle=10"))).isFalse(); // same settings: fine

    int before = jobsOfSecond.all().size();
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> b.schedule(record(5, "throttle=99")));
    assertThat(e.getMessage()).contains("throttle=10").contains("throttle=99");
    assertThat(jobsOfSecond.all()).hasSize(before);
  }

  private static CampaignJobs jobs(JdbcStore store, ClockScheduler scheduler) {
    return CampaignJobs.builder()
        .scheduler(scheduler)
        .ledger(store.campaignLedger())
        .claims(store.campaignClaims())
        .runner(
            (record, listener) -> {
              throw new AssertionError("nothing may run");
            })
        .build();
  }

  // ---- processed ids

  @Test
  void anIdIsNewOnceUntilItExpiresAndPurgeRemovesExpiredRows() throws Exception {
    JdbcProcessedIds ids = open().processedIds();
    Instant exp = T0.plus(Duration.ofDays(1));
    assertThat(ids.markIfAbsent("optimove-event", "e1", T0, exp)).isTrue();
    assertThat(ids.markIfAbsent("optimove-event", "e1", T0.plusSeconds(5), exp)).isFalse();
    assertThat(ids.markIfAbsent("delivyr-webhook", "e1", T0, exp)).isTrue(); // other namespace
    assertThat(ids.contains("optimove-event", "e1", T0)).isTrue();
    assertThat(ids.contains("optimove-event", "e2", T0)).isFalse();
    assertThat(ids.contains("optimove-event", "e1", exp)).isFalse();
    // Expired: new again, with the new expiry.
    assertThat(ids.markIfAbsent("optimove-event", "e1", exp, exp.plusSeconds(60))).isTrue();
    assertThat(ids.contains("optimove-event", "e1", exp.plusSeconds(59))).isTrue();

    assertThat(ids.markIfAbsent("optimove-event", "old", T0, T0.plusSeconds(1))).isTrue();
    assertThat(ids.purgeExpired(exp)).isEqualTo(2);
    assertThat(rows("processed_ids")).isEqualTo(1);
  }

  @Test
  void ofInstancesMarkingTheSameIdAtOnceExactlyOneSeesItAsNew() throws Exception {
    List<JdbcStore> stores = stores(RACERS);
    Instant exp = T0.plusSeconds(3600);
    List<Boolean> fresh =
        race(RACERS, i -> () -> stores.get(i).processedIds().markIfAbsent("ev", "x", T0, exp));
    assertThat(fresh).containsOnlyOnce(true);
    // And once expired, again exactly one.
    List<Boolean> again =
        race(
            RACERS,
            i ->
                () ->
                    stores.get(i).processedIds().markIfAbsent("ev", "x", exp, exp.plusSeconds(60)));
    assertThat(again).containsOnlyOnce(true);
  }

  // ---- claims

  @Test
  void aLeaseIsHeldRenewedByItsHolderOnlyAndTakenOverWhenItExpires() {
    JdbcCampaignClaims a = open().campaignClaims();
    JdbcCampaignClaims b = open().campaignClaims();
    Duration lease = Duration.ofMinutes(10);
    CampaignClaims.Claim mine = a.tryClaim("execute:1:452", "A", T0, lease).orElseThrow();
    assertThat(mine.expiresAt()).isEqualTo(T0.plus(lease));
    assertThat(b.tryClaim("execute:1:452", "B", T0.plusSeconds(599), lease)).isEmpty();
    assertThat(a.tryClaim("execute:1:452", "A", T0.plusSeconds(60), lease)).isPresent();
    assertThat(b.renew(new CampaignClaims.Claim("execute:1:452", "B", T0), T0, lease)).isEmpty();
    Optional<CampaignClaims.Claim> renewed = a.renew(mine, T0.plusSeconds(300), lease);
    assertThat(renewed.orElseThrow().expiresAt()).isEqualTo(T0.plusSeconds(300).plus(lease));

    // A dies: its lease lapses, B takes over, and A can no longer renew.
    Instant later = T0.plusSeconds(300).plus(lease);
    CampaignClaims.Claim theirs = b.tryClaim("execute:1:452", "B", later, lease).orElseThrow();
    assertThat(a.renew(mine, later, lease)).isEmpty();
    a.release(mine); // not A's any more: nothing happens
    assertThat(a.tryClaim("execute:1:452", "A", later, lease)).isEmpty();
    b.release(theirs);
    assertThat(a.tryClaim("execute:1:452", "A", later, lease)).isPresent();
  }

  @Test
  void ofInstancesClaimingTheSameKeyAtOnceExactlyOneHoldsIt() throws Exception {
    List<JdbcStore> stores = stores(RACERS);
    Duration lease = Duration.ofMinutes(1);
    List<Optional<CampaignClaims.Claim>> first =
        race(RACERS, i -> () -> stores.get(i).campaignClaims().tryClaim("k", "o" + i, T0, lease));
    assertThat(first.stream().filter(Optional::isPresent).count()).isEqualTo(1);
    // The lease expired: again exactly one takes it over.
    Instant later = T0.plus(lease);
    List<Optional<CampaignClaims.Claim>> second =
        race(
            RACERS, i -> () -> stores.get(i).campaignClaims().tryClaim("k", "p" + i, later, lease));
    assertThat(second.stream().filter(Optional::isPresent).count()).isEqualTo(1);
  }

  // ---- job store

  @Test
  void theJobStoreKeepsJobsAndAnswersWhatIsDueEarliestFirst() {
    JdbcJobStore store = open().jobStore();
    ScheduledJob daily =
        ScheduledJob.daily(
            JobKey.of("templates-sync"), LocalTime.of(3, 0), ZoneId.of("Europe/London"), T0);
    ScheduledJob once = ScheduledJob.once(JobKey.of("execute", 1, 452), T0.minusSeconds(1));
    ScheduledJob later = ScheduledJob.once(JobKey.of("execute", 2, 452), T0.plusSeconds(10));
    assertThat(store.putIfAbsent(daily)).isTrue();
    assertThat(store.putIfAbsent(once)).isTrue();
    assertThat(store.putIfAbsent(later)).isTrue();
    assertThat(store.putIfAbsent(ScheduledJob.once(once.key(), T0))).isFalse();
    assertThat(store.get(daily.key())).contains(daily);
    assertThat(store.due(T0)).containsExactly(once);
    ScheduledJob done = once.completed(T0);
    store.put(done);
    ScheduledJob failed = later.failed(T0.plusSeconds(20), "boom");
    store.put(failed);
    assertThat(store.due(T0.plus(Duration.ofDays(1))))
        .extracting(j -> j.key().value())
        .containsExactly("execute:2:452", "templates-sync");
    assertThat(open().jobStore().all()).containsExactly(done, failed, daily);
  }

  @Test
  void aClockSchedulerOnTheJdbcJobStoreResumesItsJobsAfterARestart() {
    AtomicReference<Instant> now = new AtomicReference<>(T0);
    Clock clock =
        new Clock() {
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
            return now.get();
          }
        };
    List<String> ran = new ArrayList<>();
    ClockScheduler first =
        ClockScheduler.builder().clock(clock).jobStore(open().jobStore()).build();
    first.register("daily", run -> ran.add("first " + run.scheduledFor()));
    first.scheduleDaily(JobKey.of("daily"), LocalTime.of(9, 0), ZoneOffset.UTC);
    now.set(Instant.parse("2026-11-24T09:00:00Z"));
    assertThat(first.runDue()).isEqualTo(1);

    // A new process on the same database: the job is there, due tomorrow, and runs once.
    ClockScheduler second =
        ClockScheduler.builder().clock(clock).jobStore(open().jobStore()).build();
    second.register("daily", run -> ran.add("second " + run.scheduledFor()));
    assertThat(second.scheduleDaily(JobKey.of("daily"), LocalTime.of(9, 0), ZoneOffset.UTC))
        .isFalse();
    assertThat(second.runDue()).isZero();
    now.set(Instant.parse("2026-11-25T09:00:00Z"));
    assertThat(second.runDue()).isEqualTo(1);
    assertThat(ran).containsExactly("first 2026-11-24T09:00:00Z", "second 2026-11-25T09:00:00Z");
    assertThat(second.job(JobKey.of("daily")).orElseThrow().runs()).isEqualTo(2);
  }

  // ---- bad input

  @Test
  void missingOrOversizedArgumentsAreTypedErrors() {
    JdbcStore store = open();
    assertThat(
            catchThrowableOfType(
                ConfigurationException.class,
                () -> store.processedIds().markIfAbsent("ns", null, T0, T0)))
        .hasMessageContaining("id");
    assertThat(
            catchThrowableOfType(
                ConfigurationException.class,
                () -> store.campaignClaims().tryClaim("k", "x".repeat(300), T0, Duration.ZERO)))
        .hasMessageContaining("at most 256");
    assertThat(
            catchThrowableOfType(
                ConfigurationException.class, () -> store.campaignLedger().putIfAbsent(null)))
        .hasMessageContaining("record");
  }

  long rows(String table) throws Exception {
    JdbcStore s = open();
    try (Connection c = rawDataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + s.table(table))) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
