package io.campaignrelay.core.execution;

import static io.campaignrelay.core.execution.EngineFixtures.campaign;
import static io.campaignrelay.core.execution.EngineFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.http.ApiErrorDetails;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.metrics.RejectionReason;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Batches in flight: how many leave at once, what is durable before each leaves, the order of the
 * callbacks, and what a failure or a crash with batches in flight leaves behind.
 */
class ConcurrentDispatchTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);

  /**
   * A thread-safe vendor: delivers each key once (repeats of a delivered key are answered with the
   * first id when {@code dedup}), can reconcile from its records, and lets a test hold or fail a
   * given call. It checks, inside every call, that the journal already has the batch PENDING.
   */
  static final class ConcurrentVendor implements MessageChannel {
    final int maxInFlight;
    final boolean dedup;
    final int maxBatch;
    final ExecutionJournal journal;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger returned = new AtomicInteger();
    final AtomicInteger mostInFlight = new AtomicInteger();
    final Map<IdempotencyKey, String> delivered = new ConcurrentHashMap<>();
    final List<String> deliveries = new CopyOnWriteArrayList<>();
    final List<String> notPendingWhenSent = new CopyOnWriteArrayList<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    // Called at the start of call number n (1-based), on the dispatching thread.
    volatile IntConsumer onCall = n -> {};
    // Called next, with the batch (its first message tells which batch of the run it is).
    volatile java.util.function.Consumer<List<OutboundMessage>> onBatch = b -> {};
    volatile int failCall = -1;
    volatile boolean failBeforeDelivering;
    volatile RuntimeException failure;

    ConcurrentVendor(int maxInFlight, boolean dedup, int maxBatch, ExecutionJournal journal) {
      this.maxInFlight = maxInFlight;
      this.dedup = dedup;
      this.maxBatch = maxBatch;
      this.journal = journal;
    }

    @Override
    public String name() {
      return "concurrent-vendor";
    }

    @Override
    public int maxBatchSize() {
      return maxBatch;
    }

    @Override
    public int maxConcurrentBatches() {
      return maxInFlight;
    }

    @Override
    public boolean deduplicatesByIdempotencyKey() {
      return dedup;
    }

    @Override
    public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
      int n = calls.incrementAndGet();
      int now = inFlight.incrementAndGet();
      mostInFlight.accumulateAndGet(now, Math::max);
      threads.add(Thread.currentThread().getName());
      try {
        for (OutboundMessage m : batch) {
          JournalEntry e = journal.entry(m.campaign().id(), m.customerId()).orElse(null);
          if (e == null || e.state() != RecipientState.PENDING) {
            notPendingWhenSent.add(m.customerId().value());
          }
        }
        onCall.accept(n);
        onBatch.accept(batch);
        if (n == failCall && failBeforeDelivering) {
          throw failure;
        }
        List<DispatchResult> out = new ArrayList<>();
        for (OutboundMessage m : batch) {
          String earlier = delivered.get(m.idempotencyKey());
          if (earlier != null && dedup) {
            out.add(DispatchResult.accepted(m.idempotencyKey(), earlier, "b" + n));
            continue;
          }
          String id = "m-" + n + "-" + m.customerId().value();
          delivered.put(m.idempotencyKey(), id);
          deliveries.add(m.customerId().value());
          out.add(DispatchResult.accepted(m.idempotencyKey(), id, "b" + n));
        }
        if (n == failCall) {
          throw failure;
        }
        return out;
      } finally {
        inFlight.decrementAndGet();
        returned.incrementAndGet();
      }
    }

    @Override
    public List<ReconcileResult> reconcile(List<OutboundMessage> messages) {
      List<ReconcileResult> out = new ArrayList<>();
      for (OutboundMessage m : messages) {
        String id = delivered.get(m.idempotencyKey());
        out.add(
            id != null
                ? ReconcileResult.sent(m.idempotencyKey(), id)
                : ReconcileResult.notSent(m.idempotencyKey(), "not in the vendor's records"));
      }
      return out;
    }
  }

  /** Records every callback and the thread it ran on. */
  static final class Recording implements ExecutionListener {
    final List<Long> dispatchedSeen = new ArrayList<>();
    final Set<Thread> threads = new HashSet<>();

    @Override
    public void onProgress(ExecutionProgress progress) {
      threads.add(Thread.currentThread());
      dispatchedSeen.add(progress.dispatched());
    }

    @Override
    public void onDropped(CustomerId customerId, RejectionReason reason, String detail) {
      threads.add(Thread.currentThread());
    }
  }

  static CampaignExecutor.Builder executor(
      int recipients, ExecutionJournal journal, MessageChannel channel) {
    return CampaignExecutor.builder()
        .targetSource(new EngineFixtures.Targets(recipients))
        .channel(channel)
        .journal(journal)
        .clock(CLOCK);
  }

  /** Waits (on a dispatch thread) until a condition holds; fails after 20 seconds. */
  static void spinUntil(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("a condition never held: the engine did not overlap batches");
      }
      Thread.onSpinWait();
    }
  }

  /** Whether the executing thread is waiting for the batches in flight before a run stops. */
  static boolean waitsToEndTheRun(Thread executing) {
    Thread.State state = executing.getState();
    if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
      return false;
    }
    for (StackTraceElement frame : executing.getStackTrace()) {
      if (frame.getMethodName().equals("awaitAll")) {
        return true;
      }
    }
    return false;
  }

  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        throw new AssertionError("a latch was never released: the engine did not overlap batches");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void upToTheChannelsMaximumBatchesLeaveAtOnceEachDurablyPendingFirst() {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    ConcurrentVendor vendor = new ConcurrentVendor(4, false, 10, journal);
    CountDownLatch fourInFlight = new CountDownLatch(4);
    vendor.onCall =
        n -> {
          if (n <= 4) {
            // The first four calls return only once all four are in flight together.
            fourInFlight.countDown();
            await(fourInFlight);
          }
        };
    Recording listener = new Recording();

    ExecutionReport report =
        executor(200, journal, vendor)
            .listener(listener)
            .build()
            .execute(campaign(1, 200), template(), ExecutionMode.LIVE);

    assertThat(report.dispatched()).isEqualTo(200);
    assertThat(vendor.calls.get()).isEqualTo(20);
    assertThat(vendor.mostInFlight.get()).isEqualTo(4);
    assertThat(vendor.notPendingWhenSent).isEmpty();
    assertThat(vendor.threads).allMatch(t -> t.startsWith("campaignrelay-dispatch-"));
    assertThat(listener.threads).containsOnly(Thread.currentThread());
    assertThat(listener.dispatchedSeen).isSorted().endsWith(200L, 200L);
    assertThat(new HashSet<>(vendor.deliveries)).hasSize(200);
    assertThat(vendor.deliveries).hasSize(200);
    assertThat(journal.pending(report.campaignId())).isEmpty();
  }

  @Test
  void aBatchAnsweredEarlyLetsTheNextOneLeaveWhileAnOlderOneIsStillOnItsWay() {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    ConcurrentVendor vendor = new ConcurrentVendor(2, false, 10, journal);
    CountDownLatch thirdBatch = new CountDownLatch(1);
    vendor.onBatch =
        batch -> {
          String first = batch.get(0).customerId().value();
          if (first.equals("C0")) {
            // The run's first batch answers only once its third has left: the second one's
            // answer freed its slot.
            await(thirdBatch);
          } else if (first.equals("C20")) {
            thirdBatch.countDown();
          }
        };
    Recording listener = new Recording();

    ExecutionReport report =
        executor(60, journal, vendor)
            .listener(listener)
            .build()
            .execute(campaign(4, 60), template(), ExecutionMode.LIVE);

    assertThat(report.dispatched()).isEqualTo(60);
    assertThat(vendor.mostInFlight.get()).isLessThanOrEqualTo(2);
    assertThat(vendor.notPendingWhenSent).isEmpty();
    // Answers are processed in the order the batches left, whatever order they came in.
    assertThat(listener.dispatchedSeen).startsWith(10L, 20L, 30L).isSorted().endsWith(60L, 60L);
    assertThat(listener.threads).containsOnly(Thread.currentThread());
    assertThat(vendor.deliveries).hasSize(60).doesNotHaveDuplicates();
  }

  @Test
  void batchesAnsweredButNotYetProcessedAreHeldAtMostTwiceTheSlots() {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    ConcurrentVendor vendor = new ConcurrentVendor(2, false, 10, journal);
    Thread executing = Thread.currentThread();
    AtomicInteger callsWhileFirstWasOut = new AtomicInteger();
    vendor.onBatch =
        batch -> {
          if (batch.get(0).customerId().value().equals("C0")) {
            // Holds the run's first batch until the three after it are answered and the executing
            // thread waits: it may then hold four batches (twice the two slots), not a fifth.
            spinUntil(
                () ->
                    vendor.returned.get() >= 3
                        && (executing.getState() == Thread.State.WAITING
                            || executing.getState() == Thread.State.TIMED_WAITING));
            callsWhileFirstWasOut.set(vendor.calls.get());
          }
        };

    ExecutionReport report =
        executor(80, journal, vendor)
            .build()
            .execute(campaign(5, 80), template(), ExecutionMode.LIVE);

    assertThat(callsWhileFirstWasOut.get()).isEqualTo(4);
    assertThat(report.dispatched()).isEqualTo(80);
    assertThat(vendor.mostInFlight.get()).isLessThanOrEqualTo(2);
    assertThat(vendor.deliveries).hasSize(80).doesNotHaveDuplicates();
  }

  @Test
  void theHostMayChooseFewerButNeverMoreThanTheChannelAllows() {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    ConcurrentVendor two = new ConcurrentVendor(2, false, 10, journal);
    executor(100, journal, two)
        .concurrency(8)
        .build()
        .execute(campaign(2, 100), template(), ExecutionMode.LIVE);
    assertThat(two.mostInFlight.get()).isLessThanOrEqualTo(2);

    ConcurrentVendor eight = new ConcurrentVendor(8, false, 10, journal);
    executor(100, journal, eight)
        .concurrency(1)
        .build()
        .execute(campaign(3, 100), template(), ExecutionMode.LIVE);
    assertThat(eight.mostInFlight.get()).isEqualTo(1);
    assertThat(eight.threads).containsOnly(Thread.currentThread().getName());

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> executor(1, journal, eight).concurrency(-1).build());
    assertThat(e.getMessage()).contains("concurrency").contains("-1");
  }

  @Test
  void aRefusedBatchStopsTheRunAfterTheBatchesInFlightAreRecordedAndTheRerunSendsTheRest() {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    ConcurrentVendor vendor = new ConcurrentVendor(3, false, 10, journal);
    CountDownLatch thirdStarted = new CountDownLatch(1);
    vendor.failCall = 2;
    vendor.failBeforeDelivering = true;
    vendor.failure =
        new ApiServiceException(
            new ApiErrorDetails(
                "acme", "POST send", 402, "7", "Insufficient credits", null, false, ""),
            true);
    Thread executing = Thread.currentThread();
    vendor.onCall =
        n -> {
          if (n == 2) {
            await(thirdStarted);
          } else if (n == 1 || n == 3) {
            if (n == 3) {
              thirdStarted.countDown();
            }
            // Batches 1 and 3 answer only once the executing thread, told of the refusal, waits
            // for them to end the run (or, wrongly, once a fourth batch has left): the slot the
            // refused batch gave back must not carry another batch out.
            spinUntil(() -> vendor.calls.get() >= 4 || waitsToEndTheRun(executing));
          }
        };
    Campaign c = campaign(4, 100);

    CampaignExecutionException e =
        catchThrowableOfType(
            CampaignExecutionException.class,
            () ->
                executor(100, journal, vendor).build().execute(c, template(), ExecutionMode.LIVE));

    assertThat(e.getMessage()).contains("refused the batch");
    assertThat(e.getCause()).isSameAs(vendor.failure);
    // Batches 1 and 3 were in flight with the failing one: answered and recorded, never PENDING.
    assertThat(vendor.calls.get()).isEqualTo(3);
    assertThat(journal.pending(c.id())).isEmpty();
    long failed =
        Stream.of(journalStates(journal, c.id(), 100))
            .filter(s -> s == RecipientState.FAILED)
            .count();
    assertThat(failed).isEqualTo(10);
    assertThat(e.partialReport().dispatched()).isEqualTo((vendor.calls.get() - 1) * 10L);

    vendor.failCall = -1;
    vendor.onCall = n -> {};

    ExecutionReport resumed =
        executor(100, journal, vendor).build().execute(c, template(), ExecutionMode.LIVE);

    assertThat(resumed.uncertain()).isZero();
    assertThat(vendor.deliveries).hasSize(100).doesNotHaveDuplicates();
    assertThat(journal.pending(c.id())).isEmpty();
  }

  @Test
  void anUnknownOutcomeWithBatchesInFlightStaysPendingAndIsReconciledNotResentOnAGuess() {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    ConcurrentVendor vendor = new ConcurrentVendor(4, false, 10, journal);
    vendor.failCall = 3;
    vendor.failure =
        new ApiConnectionException("connection reset after the request was written", true, 1, null);
    Campaign c = campaign(5, 120);

    CampaignExecutionException e =
        catchThrowableOfType(
            CampaignExecutionException.class,
            () ->
                executor(120, journal, vendor).build().execute(c, template(), ExecutionMode.LIVE));

    assertThat(e.getMessage()).contains("unknown");
    assertThat(journal.pending(c.id())).hasSize(10);
    int sentBefore = vendor.deliveries.size();
    assertThat(sentBefore).isGreaterThanOrEqualTo(30);

    vendor.failCall = -1;
    ExecutionReport resumed =
        executor(120, journal, vendor).build().execute(c, template(), ExecutionMode.LIVE);

    // The vendor's records say the ten were delivered: none goes again.
    assertThat(resumed.reconciled()).containsEntry(ReconcileResult.Status.SENT, 10L);
    assertThat(vendor.deliveries).hasSize(120).doesNotHaveDuplicates();
    assertThat(journal.pending(c.id())).isEmpty();
  }

  @Test
  void aHaltWithBatchesInFlightResumesWithoutADuplicateOrALoss() {
    for (int haltAt = 2; haltAt <= 9; haltAt++) {
      InMemoryExecutionJournal durable = InMemoryExecutionJournal.create();
      HaltingJournal halting = new HaltingJournal(durable, haltAt);
      ConcurrentVendor vendor = new ConcurrentVendor(4, false, 10, durable);
      Campaign c = campaign(100 + haltAt, 150);
      CountDownLatch release = new CountDownLatch(1);
      Thread watchdog = null;
      if (haltAt <= 4) {
        // The batches sent before the halt are still on their way when it comes, and answer only
        // once the executing thread waits for them: a run that returned without waiting would
        // leave them in flight.
        vendor.onCall = n -> await(release);
        Thread executing = Thread.currentThread();
        watchdog =
            new Thread(
                () -> {
                  await(halting.halted);
                  while (release.getCount() > 0
                      && executing.getState() != Thread.State.WAITING
                      && executing.getState() != Thread.State.TIMED_WAITING) {
                    Thread.onSpinWait();
                  }
                  release.countDown();
                });
        watchdog.setDaemon(true);
        watchdog.start();
      }

      Throwable halt =
          catchThrowableOfType(
              Halt.class,
              () ->
                  executor(150, halting, vendor)
                      .build()
                      .execute(c, template(), ExecutionMode.LIVE));
      assertThat(halt).as("halt at write %d", haltAt).isNotNull();
      int inFlightAfter = vendor.inFlight.get();
      release.countDown();
      assertThat(inFlightAfter).as("nothing is still being sent after the run ended").isZero();

      // A fresh process on what was durable: reconciles first, then sends the rest once.
      ExecutionReport resumed =
          executor(150, durable, vendor).build().execute(c, template(), ExecutionMode.LIVE);

      assertThat(vendor.deliveries).as("halt at write %d", haltAt).hasSize(150);
      assertThat(vendor.deliveries).as("halt at write %d", haltAt).doesNotHaveDuplicates();
      assertThat(resumed.uncertain()).isZero();
      assertThat(durable.pending(c.id())).isEmpty();
    }
  }

  @Test
  void aJournalWriteThatFailsOnADispatchThreadStopsTheRunWithThatErrorAndItsBatchNeverLeaves() {
    InMemoryExecutionJournal durable = InMemoryExecutionJournal.create();
    IllegalStateException down = new IllegalStateException("database unavailable");
    AtomicInteger writes = new AtomicInteger();
    List<String> refusedPending = new CopyOnWriteArrayList<>();
    ExecutionJournal failingOnce =
        new CountingJournal(durable) {
          @Override
          public void recordAll(List<JournalEntry> entries) {
            if (writes.incrementAndGet() == 3) {
              entries.stream()
                  .filter(x -> x.state() == RecipientState.PENDING)
                  .forEach(x -> refusedPending.add(x.customerId().value()));
              throw down;
            }
            super.recordAll(entries);
          }
        };
    ConcurrentVendor vendor = new ConcurrentVendor(4, false, 10, durable);
    Campaign c = campaign(12, 100);

    IllegalStateException e =
        catchThrowableOfType(
            IllegalStateException.class,
            () ->
                executor(100, failingOnce, vendor)
                    .build()
                    .execute(c, template(), ExecutionMode.LIVE));

    assertThat(e).isSameAs(down);
    // The batch whose write failed was never sent: its PENDING entries were not written.
    assertThat(refusedPending).hasSize(10);
    assertThat(vendor.deliveries).doesNotContainAnyElementsOf(refusedPending);
    assertThat(vendor.notPendingWhenSent).isEmpty();

    ExecutionReport resumed =
        executor(100, durable, vendor).build().execute(c, template(), ExecutionMode.LIVE);
    assertThat(vendor.deliveries).hasSize(100).doesNotHaveDuplicates();
    assertThat(resumed.uncertain()).isZero();
    assertThat(durable.pending(c.id())).isEmpty();
  }

  @Test
  void aRepeatedRowIsSentOnceEvenPastTheTrackedRecipientsAndWhileItsBatchIsInFlight() {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    ConcurrentVendor vendor = new ConcurrentVendor(4, false, 10, journal);
    // 0..59, then 0..59 again (the second listing repeats every row), with no row tracked.
    TargetSource repeating =
        campaign ->
            Stream.concat(
                java.util.stream.IntStream.range(0, 60).mapToObj(EngineFixtures::recipient),
                java.util.stream.IntStream.range(0, 60).mapToObj(EngineFixtures::recipient));
    Campaign c = campaign(6, 60);

    ExecutionReport report =
        CampaignExecutor.builder()
            .targetSource(repeating)
            .channel(vendor)
            .journal(journal)
            .maxTrackedRecipients(0)
            .clock(CLOCK)
            .build()
            .execute(c, template(), ExecutionMode.LIVE);

    assertThat(vendor.deliveries).hasSize(60).doesNotHaveDuplicates();
    assertThat(report.dispatched()).isEqualTo(60);
    assertThat(report.skipped()).isEqualTo(60);
  }

  @Test
  void aTrackedRepeatOfARowAlreadyRecordedIsConfirmedInTheJournalAndCountedAsARepeat() {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    ConcurrentVendor vendor = new ConcurrentVendor(2, false, 10, journal);
    TargetSource repeating =
        campaign ->
            Stream.concat(
                java.util.stream.IntStream.range(0, 60).mapToObj(EngineFixtures::recipient),
                java.util.stream.IntStream.range(0, 60).mapToObj(EngineFixtures::recipient));

    ExecutionReport report =
        CampaignExecutor.builder()
            .targetSource(repeating)
            .channel(vendor)
            .journal(journal)
            .clock(CLOCK)
            .build()
            .execute(campaign(11, 60), template(), ExecutionMode.LIVE);

    assertThat(vendor.deliveries).hasSize(60).doesNotHaveDuplicates();
    assertThat(report.duplicates()).isEqualTo(60);
    assertThat(report.targetsComplete()).isFalse();
  }

  @Test
  void aRepeatWithinOneWindowIsSentOnce() {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    ConcurrentVendor vendor = new ConcurrentVendor(1, false, 10, journal);
    TargetSource twice = campaign -> Stream.of(1, 2, 1, 3, 1).map(EngineFixtures::recipient);

    ExecutionReport report =
        CampaignExecutor.builder()
            .targetSource(twice)
            .channel(vendor)
            .journal(journal)
            .maxTrackedRecipients(0)
            .clock(CLOCK)
            .build()
            .execute(campaign(7, 3), template(), ExecutionMode.LIVE);

    assertThat(vendor.deliveries).containsExactlyInAnyOrder("C1", "C2", "C3");
    assertThat(report.dispatched()).isEqualTo(3);
  }

  @Test
  void aFingerprintCollisionNeverSkipsADistinctCustomer() {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    ConcurrentVendor vendor = new ConcurrentVendor(2, false, 10, journal);
    // Every key has the same fingerprint: each new customer looks like a repeat to the tracker.
    ExecutionReport report =
        executor(45, journal, vendor)
            .fingerprints(key -> 42L)
            .build()
            .execute(campaign(8, 45), template(), ExecutionMode.LIVE);

    assertThat(vendor.deliveries).hasSize(45).doesNotHaveDuplicates();
    assertThat(report.duplicates()).isZero();
    assertThat(report.targetsComplete()).isTrue();

    // A real repeat is still a repeat with colliding fingerprints.
    TargetSource repeat = campaign -> Stream.of(1, 2, 1).map(EngineFixtures::recipient);
    ExecutionReport again =
        CampaignExecutor.builder()
            .targetSource(repeat)
            .channel(vendor)
            .journal(journal)
            .fingerprints(key -> 42L)
            .clock(CLOCK)
            .build()
            .execute(campaign(9, 2), template(), ExecutionMode.LIVE);
    assertThat(again.duplicates()).isEqualTo(1);
    assertThat(again.dispatched()).isEqualTo(2);
  }

  @Test
  void oneJournalWritePerBatch() {
    InMemoryExecutionJournal delegate = InMemoryExecutionJournal.create();
    CountingJournal journal = new CountingJournal(delegate);
    ConcurrentVendor vendor = new ConcurrentVendor(4, false, 10, delegate);

    executor(200, journal, vendor)
        .build()
        .execute(campaign(10, 200), template(), ExecutionMode.LIVE);

    // 20 batches: each batch's PENDING entries (with the outcomes answered since the previous
    // write), then the last outcomes at the end.
    assertThat(journal.writes.get()).isEqualTo(21);
  }

  static RecipientState[] journalStates(ExecutionJournal journal, CampaignId id, int n) {
    RecipientState[] states = new RecipientState[n];
    for (int i = 0; i < n; i++) {
      states[i] = journal.entry(id, CustomerId.of("C" + i)).map(JournalEntry::state).orElse(null);
    }
    return states;
  }

  /** The process dies: thrown by the journal at a given write, and by every write after it. */
  static final class Halt extends Error {
    private static final long serialVersionUID = 1L;

    Halt() {
      super("halt");
    }
  }

  /** Writes through to a durable journal until its n-th write, then halts the "process". */
  static final class HaltingJournal implements ExecutionJournal {
    final ExecutionJournal durable;
    final int haltAt;
    final AtomicInteger writes = new AtomicInteger();
    final CountDownLatch halted = new CountDownLatch(1);

    HaltingJournal(ExecutionJournal durable, int haltAt) {
      this.durable = durable;
      this.haltAt = haltAt;
    }

    @Override
    public void record(JournalEntry entry) {
      recordAll(List.of(entry));
    }

    @Override
    public void recordAll(List<JournalEntry> entries) {
      if (writes.incrementAndGet() >= haltAt) {
        halted.countDown();
        throw new Halt();
      }
      durable.recordAll(entries);
    }

    @Override
    public java.util.Optional<JournalEntry> entry(CampaignId campaignId, CustomerId customerId) {
      return durable.entry(campaignId, customerId);
    }

    @Override
    public Map<IdempotencyKey, JournalEntry> entries(
        CampaignId campaignId, Map<IdempotencyKey, CustomerId> keys) {
      return durable.entries(campaignId, keys);
    }
  }

  /** Counts the write calls. */
  static class CountingJournal implements ExecutionJournal {
    final ExecutionJournal delegate;
    final AtomicInteger writes = new AtomicInteger();

    CountingJournal(ExecutionJournal delegate) {
      this.delegate = delegate;
    }

    @Override
    public void record(JournalEntry entry) {
      recordAll(List.of(entry));
    }

    @Override
    public void recordAll(List<JournalEntry> entries) {
      writes.incrementAndGet();
      delegate.recordAll(entries);
    }

    @Override
    public java.util.Optional<JournalEntry> entry(CampaignId campaignId, CustomerId customerId) {
      return delegate.entry(campaignId, customerId);
    }

    @Override
    public Map<IdempotencyKey, JournalEntry> entries(
        CampaignId campaignId, Map<IdempotencyKey, CustomerId> keys) {
      return delegate.entries(campaignId, keys);
    }

    @Override
    public boolean mayHaveEntries(CampaignId campaignId) {
      return delegate.mayHaveEntries(campaignId);
    }
  }
}
