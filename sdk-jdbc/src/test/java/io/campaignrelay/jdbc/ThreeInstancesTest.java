package io.campaignrelay.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.IdempotencyKey;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.execution.ReconcileResult;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.runtime.CampaignJobs;
import io.campaignrelay.core.runtime.CampaignRecord;
import io.campaignrelay.core.runtime.JobKey;
import io.campaignrelay.core.runtime.ScheduledJob;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three runtime instances on one embedded PostgreSQL, each with its own {@link JdbcStore}, {@link
 * DbScheduler}, ledger, claims, journal and {@link CampaignJobs} over a {@link CampaignExecutor}: a
 * campaign of {@link #RECIPIENTS} recipients and a simulated week of jobs (a daily job and the
 * campaign's 7 metric pulls). The instance that runs the campaign first dies after batch {@value
 * #KILL_AFTER_BATCHES}: its store closes (so it cannot even release its claim) and its channel
 * throws; it is never driven again. Its claim expires and another instance resumes from the
 * journal. Time is simulated: every instance reads one {@link MutableClock}, advanced by the test.
 */
class ThreeInstancesTest {
  /**
   * Recipients of the campaign: 20,000 in the default build (about 15 s), {@code
   * -Drelay.threeInstances.recipients=100000} for the full run (about 66 s on 2 shared cores).
   */
  static final int RECIPIENTS = Integer.getInteger("relay.threeInstances.recipients", 20_000);

  static final int BATCH = 500;
  static final int KILL_AFTER_BATCHES = 17;
  static final Instant SEND = Instant.parse("2026-11-24T09:00:00Z");
  static final Duration LEASE = Duration.ofMinutes(5);

  private final MutableClock clock = new MutableClock(SEND.minusSeconds(3600));
  private final Vendor vendor = new Vendor();
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened) {
      try {
        c.close();
      } catch (RuntimeException ignored) {
        // the killed instance's store is closed already
      }
    }
  }

  /** The vendor: one for all instances; dedupes by key, counts what it accepted per recipient. */
  static final class Vendor {
    final Map<IdempotencyKey, String> accepted = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> perRecipient = new ConcurrentHashMap<>();
    final AtomicLong offered = new AtomicLong();

    synchronized List<DispatchResult> accept(List<OutboundMessage> batch) {
      List<DispatchResult> out = new ArrayList<>(batch.size());
      for (OutboundMessage m : batch) {
        offered.incrementAndGet();
        String id = accepted.get(m.idempotencyKey());
        if (id == null) {
          id = "v" + accepted.size();
          accepted.put(m.idempotencyKey(), id);
          perRecipient
              .computeIfAbsent(m.customerId().value(), k -> new AtomicInteger())
              .incrementAndGet();
        }
        out.add(DispatchResult.accepted(m.idempotencyKey(), id));
      }
      return out;
    }

    synchronized List<ReconcileResult> reconcile(List<OutboundMessage> messages) {
      List<ReconcileResult> out = new ArrayList<>(messages.size());
      for (OutboundMessage m : messages) {
        String id = accepted.get(m.idempotencyKey());
        out.add(
            id == null
                ? ReconcileResult.notSent(m.idempotencyKey(), "not in the vendor's records")
                : ReconcileResult.sent(m.idempotencyKey(), id));
      }
      return out;
    }
  }

  /** One runtime instance. */
  final class Instance {
    final String name;
    final JdbcStore store;
    final DbScheduler scheduler;
    final CampaignJobs jobs;
    final AtomicBoolean dead = new AtomicBoolean();
    final AtomicInteger batches = new AtomicInteger();

    Instance(String name, String schema, AtomicBoolean killOne, Map<String, AtomicInteger> ran) {
      this.name = name;
      this.store =
          JdbcStore.builder()
              .jdbcUrl(TestPostgres.url() + "&ApplicationName=" + name)
              .schema(schema)
              .build();
      this.scheduler =
          DbScheduler.builder()
              .store(store)
              .clock(clock)
              .instanceName(name)
              .retryDelay(Duration.ofMinutes(1))
              .maxRetryDelay(Duration.ofMinutes(2))
              .drivenByCaller(true)
              .build();
      opened.add(scheduler);
      opened.add(store);
      MessageChannel channel =
          new MessageChannel() {
            @Override
            public String name() {
              return "vendor";
            }

            @Override
            public int maxBatchSize() {
              return BATCH;
            }

            @Override
            public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
              if (batches.incrementAndGet() > KILL_AFTER_BATCHES
                  && killOne.compareAndSet(false, true)) {
                dead.set(true);
                store.close(); // the process is gone: no journal write, no claim release
              }
              if (dead.get()) {
                throw new ApiConnectionException(
                    "instance " + name + " was killed", false, 1, null);
              }
              return vendor.accept(batch);
            }

            @Override
            public List<ReconcileResult> reconcile(List<OutboundMessage> messages) {
              return vendor.reconcile(messages);
            }
          };
      CampaignExecutor executor =
          CampaignExecutor.builder()
              .targetSource(EngineFixtures.targets(RECIPIENTS))
              .channel(channel)
              .journal(store.executionJournal())
              .clock(clock)
              .build();
      this.jobs =
          CampaignJobs.builder()
              .scheduler(scheduler)
              .ledger(store.campaignLedger())
              .claims(store.campaignClaims())
              .owner(name)
              .lease(LEASE)
              .clock(clock)
              .runner(
                  (record, listener) ->
                      executor.toBuilder()
                          .listener(listener)
                          .build()
                          .execute(campaign(), EngineFixtures.template(), ExecutionMode.LIVE))
              .metricsPull(
                  (record, day) ->
                      ran.computeIfAbsent(record.key() + ":day" + day, k -> new AtomicInteger())
                          .incrementAndGet())
              .build();
      scheduler.register(
          "templates-sync",
          run ->
              ran.computeIfAbsent("templates-sync@" + run.scheduledFor(), k -> new AtomicInteger())
                  .incrementAndGet());
    }

    void runDue() {
      if (!dead.get()) {
        scheduler.runDue();
        scheduler.detectDeadExecutions();
      }
    }
  }

  static Campaign campaign() {
    return EngineFixtures.campaign(3701, RECIPIENTS);
  }

  @Test
  void threeInstancesSendEveryMessageOnceAndRunEveryJobOnceThoughOneDiesMidCampaign()
      throws Exception {
    String schema = TestPostgres.freshSchema();
    AtomicBoolean killOne = new AtomicBoolean();
    Map<String, AtomicInteger> ran = new ConcurrentHashMap<>();
    List<Instance> instances = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      instances.add(new Instance(name, schema, killOne, ran));
    }
    CampaignRecord record =
        CampaignRecord.builder(campaign().id(), "vendor", SEND)
            .attribute(CampaignJobs.SETTINGS_ATTRIBUTE, "batch=" + BATCH)
            .build();
    List<Boolean> added = new ArrayList<>();
    for (Instance i : instances) {
      added.add(i.jobs.schedule(record));
      i.scheduler.scheduleDaily(
          JobKey.of("templates-sync"), LocalTime.of(3, 0), ZoneId.of("Europe/London"));
    }
    assertThat(added).containsExactly(true, false, false);

    long started = System.nanoTime();
    // A simulated week and a day, in steps of 1 minute around the send, then of 3 hours; each
    // step, every live instance polls at once.
    while (clock.instant().isBefore(SEND.plus(Duration.ofDays(8)))) {
      boolean nearSend =
          clock.instant().isAfter(SEND.minusSeconds(60))
              && clock.instant().isBefore(SEND.plus(Duration.ofMinutes(30)));
      clock.advance(nearSend ? Duration.ofMinutes(1) : Duration.ofHours(3));
      RuntimeStateContract.race(
          instances.size(),
          n ->
              () -> {
                instances.get(n).runDue();
                return null;
              });
    }
    long millis = (System.nanoTime() - started) / 1_000_000;

    Instance killed = instances.stream().filter(i -> i.dead.get()).findFirst().orElseThrow();
    Instance survivor = instances.stream().filter(i -> !i.dead.get()).findFirst().orElseThrow();
    System.out.printf(
        "three instances: %d recipients in %d ms (simulated week included); %s killed after %d"
            + " batches; vendor offered %d, accepted %d%n",
        RECIPIENTS,
        millis,
        killed.name,
        KILL_AFTER_BATCHES,
        vendor.offered.get(),
        vendor.accepted.size());

    // Every message accepted once: no duplicate, none lost.
    assertThat(vendor.accepted).hasSize(RECIPIENTS);
    assertThat(vendor.perRecipient).hasSize(RECIPIENTS);
    assertThat(vendor.perRecipient.values()).allMatch(c -> c.get() == 1);
    assertThat(vendor.perRecipient).containsKey("K0").containsKey("K" + (RECIPIENTS - 1));
    JdbcExecutionJournal journal = survivor.store.executionJournal();
    assertThat(journal.count(campaign().id())).isEqualTo(RECIPIENTS);
    assertThat(journal.pending(campaign().id())).isEmpty();
    assertThat(journal.isDone(campaign().id(), CustomerId.of("K12345"))).isTrue();

    // Every job once: the send recorded once, each metric day pulled once, the daily job once a
    // day.
    CampaignRecord sent = survivor.store.campaignLedger().find(record.key()).orElseThrow();
    assertThat(sent.sentAt()).isPresent();
    assertThat(sent.metricDaysDone()).containsExactly(1, 2, 3, 4, 5, 6, 7);
    ScheduledJob execute =
        survivor.scheduler.job(CampaignJobs.executeKey(campaign().id(), "vendor")).orElseThrow();
    assertThat(execute.state()).isEqualTo(ScheduledJob.State.DONE);
    assertThat(execute.runs()).isEqualTo(1);
    for (int d = 1; d <= 7; d++) {
      assertThat(ran.get(record.key() + ":day" + d)).as("day " + d).hasValue(1);
    }
    assertThat(ran.keySet().stream().filter(k -> k.startsWith("templates-sync"))).hasSize(8);
    assertThat(ran.values()).allMatch(c -> c.get() == 1);
  }
}
