package io.campaignrelay.core.execution;

import static io.campaignrelay.core.execution.EngineFixtures.campaign;
import static io.campaignrelay.core.execution.EngineFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.http.ApiErrorDetails;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.core.optout.InMemoryOptOutList;
import io.campaignrelay.core.optout.OptOutEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The send decision: which channel failures let the engine record a batch as not sent, what a
 * message left out of an answer becomes, and how the vendor's records settle unknown outcomes on
 * the next run.
 */
class SendDecisionTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);

  static ApiErrorDetails details(int status, String code, String message) {
    return new ApiErrorDetails("acme", "POST send", status, code, message, null, false, "");
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("unreadable 200", new ApiServiceException(details(200, null, null)), false),
        Arguments.of(
            "200 envelope, not classified",
            new ApiServiceException(details(200, "99", "odd")),
            false),
        Arguments.of(
            "documented refusal envelope",
            new ApiServiceException(details(200, "7", "Insufficient credits"), true),
            true),
        Arguments.of("parsed 400", new ApiServiceException(details(400, "bad", "bad to")), true),
        Arguments.of(
            "400 with a proxy's HTML", new ApiServiceException(details(400, null, null)), false),
        Arguments.of("401", new ApiServiceException(details(401, null, null)), true),
        Arguments.of("429", new ApiServiceException(details(429, null, null)), true),
        Arguments.of(
            "409 key in flight", new ApiServiceException(details(409, "in_flight", "x")), false),
        Arguments.of("408", new ApiServiceException(details(408, "t", "timeout")), false),
        Arguments.of("500", new ApiServiceException(details(500, "e", "oops")), false),
        Arguments.of("503", new ApiServiceException(details(503, null, null)), false),
        Arguments.of("never reached", new ApiConnectionException("refused", false, 1, null), true),
        Arguments.of("lost answer", new ApiConnectionException("reset", true, 1, null), false),
        Arguments.of("a bug in a channel", new IllegalStateException("boom"), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void onlyAPositiveRefusalOrAnUnreachedVendorRecordsTheBatchAsNotSent(
      String name, RuntimeException failure, boolean notSent) {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    EngineFixtures.VendorChannel vendor =
        new EngineFixtures.VendorChannel(false, 10) {
          int batches;

          @Override
          public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
            if (batches++ == 1) {
              throw failure;
            }
            return super.dispatch(batch);
          }
        };
    Campaign c = campaign(30, 40);
    CampaignExecutor executor = executor(journal, vendor, 40);

    CampaignExecutionException e =
        catchThrowableOfType(
            CampaignExecutionException.class,
            () -> executor.execute(c, template(), ExecutionMode.LIVE));

    List<JournalEntry> pending = journal.pending(c.id());
    if (notSent) {
      assertThat(pending).isEmpty();
      assertThat(journal.entry(c.id(), CustomerId.of("C10")))
          .hasValueSatisfying(x -> assertThat(x.state()).isEqualTo(RecipientState.FAILED));
      assertThat(e.getMessage()).contains("none of it was sent").doesNotContain("unknown");
      assertThat(e.partialReport().uncertain()).isZero();
    } else {
      assertThat(pending).hasSize(10);
      assertThat(e.getMessage())
          .contains("whether the vendor sent it is unknown")
          .doesNotContain("none of it was sent");
      assertThat(e.partialReport().uncertain()).isEqualTo(10);
    }
  }

  @Test
  void messagesAnAnswerLeavesOutStayPendingAndCountAsUncertain() {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    List<JournalEntry> uncertain = new ArrayList<>();
    EngineFixtures.VendorChannel vendor =
        new EngineFixtures.VendorChannel(false, 8) {
          @Override
          public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
            List<DispatchResult> all = super.dispatch(batch);
            return all.subList(0, all.size() - 2); // the answer lists 6 of 8
          }
        };
    Campaign c = campaign(31, 8);
    ExecutionReport report =
        executor(journal, vendor, 8).toBuilder()
            .listener(
                new ExecutionListener() {
                  @Override
                  public void onUncertain(JournalEntry entry) {
                    uncertain.add(entry);
                  }
                })
            .build()
            .execute(c, template(), ExecutionMode.LIVE);

    assertThat(report.dispatched()).isEqualTo(6);
    assertThat(report.uncertain()).isEqualTo(2);
    assertThat(journal.pending(c.id()))
        .extracting(x -> x.customerId().value())
        .containsExactlyInAnyOrder("C6", "C7");
    // The run asked the vendor's records about them before it ended; this channel keeps none.
    assertThat(report.reconciled()).containsEntry(ReconcileResult.Status.UNKNOWN, 2L);
    assertThat(uncertain)
        .extracting(JournalEntry::detail)
        .allMatch(d -> d.contains("offers no reconciliation"));
  }

  @Test
  void messagesAnAnswerLeavesOutAreSettledFromTheVendorsRecordsBeforeTheRunEnds() {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    RecordKeepingVendor vendor = new RecordKeepingVendor(false);
    vendor.leaveOut = 3; // every answer leaves out its last 3: all were really delivered
    Campaign c = campaign(41, 20);
    ExecutionReport report =
        executor(journal, vendor, 20).execute(c, template(), ExecutionMode.LIVE);
    assertThat(report.reconciled()).containsEntry(ReconcileResult.Status.SENT, 6L);
    assertThat(report.dispatched()).isEqualTo(20);
    assertThat(report.uncertain()).isZero();
    assertThat(vendor.deliveries).hasSize(20);
    assertThat(journal.pending(c.id())).isEmpty();
  }

  /** A first run whose {@code call}-th batch is delivered up to {@code delivered}, then lost. */
  static void loseAnswer(
      ExecutionJournal journal, RecordKeepingVendor vendor, Campaign c, int call, int delivered) {
    vendor.failOnCall = call;
    vendor.deliverBeforeFailing = delivered;
    catchThrowableOfType(
        CampaignExecutionException.class,
        () ->
            executor(journal, vendor, (int) c.targetedCount().getAsLong())
                .execute(c, template(), ExecutionMode.LIVE));
    vendor.failOnCall = -1;
  }

  /** A non-deduplicating vendor that keeps its own records, answering reconcile from them. */
  static final class RecordKeepingVendor extends EngineFixtures.VendorChannel {
    final Map<IdempotencyKey, ReconcileResult.Status> verdicts = new HashMap<>();
    final List<Integer> reconcileSizes = new ArrayList<>();
    RuntimeException reconcileFailure;
    int leaveOut;

    RecordKeepingVendor(boolean dedup) {
      super(dedup, 10);
    }

    @Override
    public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
      List<DispatchResult> all = super.dispatch(batch);
      return leaveOut > 0 ? all.subList(0, Math.max(0, all.size() - leaveOut)) : all;
    }

    @Override
    public List<ReconcileResult> reconcile(List<OutboundMessage> messages) {
      reconcileSizes.add(messages.size());
      if (reconcileFailure != null) {
        throw reconcileFailure;
      }
      List<ReconcileResult> out = new ArrayList<>();
      for (OutboundMessage m : messages) {
        ReconcileResult.Status s = verdicts.get(m.idempotencyKey());
        if (s == null) {
          s =
              seen.containsKey(m.idempotencyKey())
                  ? ReconcileResult.Status.SENT
                  : ReconcileResult.Status.NOT_SENT;
        }
        out.add(
            switch (s) {
              case SENT -> ReconcileResult.sent(m.idempotencyKey(), seen.get(m.idempotencyKey()));
              case NOT_SENT -> ReconcileResult.notSent(m.idempotencyKey(), "not in the log");
              case REJECTED ->
                  ReconcileResult.rejected(
                      m.idempotencyKey(), RejectionReason.CANNOT_RECEIVE_SMS, "landline");
              case UNKNOWN -> ReconcileResult.unknown(m.idempotencyKey(), "log unavailable");
            });
      }
      return out;
    }
  }

  @Test
  void theNextRunAsksTheVendorsRecordsFirstAndSendsOnlyWhatProvablyNeverArrived() {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    RecordKeepingVendor vendor = new RecordKeepingVendor(false);
    Campaign c = campaign(32, 20);
    loseAnswer(journal, vendor, c, 2, 6); // batch 2: C10..C15 delivered, C16..C19 not, no answer
    assertThat(vendor.deliveries).hasSize(16);

    // Of the 10 unknown ones: 5 are in the vendor's log (sent), 1 it refused, 4 it never received.
    List<JournalEntry> pending = journal.pending(c.id());
    assertThat(pending).hasSize(10);
    vendor.verdicts.put(pending.get(0).idempotencyKey(), ReconcileResult.Status.REJECTED);
    ExecutionReport second =
        executor(journal, vendor, 20).execute(c, template(), ExecutionMode.LIVE);

    assertThat(second.skipped()).isEqualTo(10);
    assertThat(second.reconciled())
        .containsEntry(ReconcileResult.Status.SENT, 5L)
        .containsEntry(ReconcileResult.Status.REJECTED, 1L)
        .containsEntry(ReconcileResult.Status.NOT_SENT, 4L);
    assertThat(second.dispatched()).isEqualTo(5 + 4);
    assertThat(second.dropped()).isEqualTo(1);
    assertThat(second.uncertain()).isZero();
    assertThat(vendor.deliveries).hasSize(20); // only the provably absent ones went again
    assertThat(vendor.deliveries.subList(16, 20))
        .extracting(d -> d.substring(0, d.indexOf('|')))
        .containsExactly("C16", "C17", "C18", "C19");
    assertThat(journal.pending(c.id())).isEmpty();
  }

  @Test
  void whenTheRecordsCannotTellANonDedupChannelSendsNothingAndReportsUncertain() {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    RecordKeepingVendor vendor = new RecordKeepingVendor(false);
    Campaign c = campaign(33, 10);
    loseAnswer(journal, vendor, c, 1, 8);
    vendor.reconcileFailure = new ApiConnectionException("history down", false, 1, null);

    ExecutionReport second =
        executor(journal, vendor, 10).execute(c, template(), ExecutionMode.LIVE);

    assertThat(second.reconciled()).containsEntry(ReconcileResult.Status.UNKNOWN, 10L);
    assertThat(second.uncertain()).isEqualTo(10);
    assertThat(second.resent()).isZero();
    assertThat(vendor.deliveries).hasSize(8);
    assertThat(journal.pending(c.id())).hasSize(10);
  }

  @Test
  void whenTheRecordsCannotTellADedupChannelGetsTheSameKeysAgain() {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    RecordKeepingVendor vendor = new RecordKeepingVendor(true);
    Campaign c = campaign(34, 10);
    loseAnswer(journal, vendor, c, 1, 8);
    journal
        .pending(c.id())
        .forEach(e -> vendor.verdicts.put(e.idempotencyKey(), ReconcileResult.Status.UNKNOWN));

    ExecutionReport second =
        executor(journal, vendor, 10).execute(c, template(), ExecutionMode.LIVE);

    assertThat(second.resent()).isEqualTo(10);
    assertThat(second.dispatched()).isEqualTo(10);
    assertThat(second.uncertain()).isZero();
    assertThat(vendor.deliveries).hasSize(10); // the vendor recognised the 8 keys it had
    assertThat(vendor.batchSizes).last().isEqualTo(10);
  }

  @Test
  void aProvablyUnsentMessageWhoseNumberOptedOutSinceIsDroppedNotSent() {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    RecordKeepingVendor vendor = new RecordKeepingVendor(false);
    Campaign c = campaign(35, 5);
    loseAnswer(journal, vendor, c, 1, 4); // C4 never reached the vendor, nobody knows
    JournalEntry lost =
        journal.entry(c.id(), io.campaignrelay.core.CustomerId.of("C4")).orElseThrow();
    assertThat(lost.state()).isEqualTo(RecipientState.PENDING);
    InMemoryOptOutList optOuts = new InMemoryOptOutList();
    optOuts.optOut(
        new OptOutEntry(PhoneNumber.ofE164(EngineFixtures.phoneOf(4)), Instant.EPOCH, "STOP"));

    ExecutionReport second =
        executor(journal, vendor, 5).toBuilder()
            .optOutList(optOuts)
            .build()
            .execute(c, template(), ExecutionMode.LIVE);

    assertThat(second.droppedByReason()).containsEntry(RejectionReason.OPTED_OUT, 1L);
    assertThat(vendor.deliveries).hasSize(4);
    assertThat(journal.entry(c.id(), lost.customerId()))
        .hasValueSatisfying(x -> assertThat(x.state()).isEqualTo(RecipientState.DROPPED));
  }

  @Test
  void repeatedAndMissingTargetRowsAreReportedAndNobodyIsSentTwice() {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    EngineFixtures.VendorChannel vendor = new EngineFixtures.VendorChannel(false, 10);
    // A server that ignores paging: the same 17 rows, then again, against a campaign of 45.
    TargetSource repeating =
        campaign ->
            Stream.concat(
                    java.util.stream.IntStream.range(0, 17).boxed(),
                    java.util.stream.IntStream.range(0, 17).boxed())
                .map(EngineFixtures::recipient);
    List<String> mismatches = new ArrayList<>();
    CampaignExecutor executor =
        executor(journal, vendor, 10).toBuilder()
            .targetSource(repeating)
            .listener(
                new ExecutionListener() {
                  @Override
                  public void onTargetsMismatch(
                      io.campaignrelay.core.CampaignId id,
                      OptionalLong expected,
                      long received,
                      long repeated) {
                    mismatches.add(expected.getAsLong() + "/" + received + "/" + repeated);
                  }
                })
            .build();

    ExecutionReport report = executor.execute(campaign(36, 45), template(), ExecutionMode.LIVE);

    assertThat(vendor.deliveries).hasSize(17);
    assertThat(report.targeted()).isEqualTo(17);
    assertThat(report.duplicates()).isEqualTo(17);
    assertThat(report.targetsComplete()).isFalse();
    assertThat(report.expectedTargets()).hasValue(45);
    assertThat(mismatches).containsExactly("45/17/17");
    assertThat(report.toString()).contains("expected=45");
  }

  @Test
  void aCompleteTargetListIsNotFlagged() {
    EngineFixtures.VendorChannel vendor = new EngineFixtures.VendorChannel(false, 10);
    ExecutionReport report =
        executor(InMemoryExecutionJournal.create(), vendor, 25)
            .execute(campaign(37, 25), template(), ExecutionMode.LIVE);
    assertThat(report.targetsComplete()).isTrue();
    assertThat(report.duplicates()).isZero();
  }

  @Test
  void theJournalIsReadOneBatchAtATime() {
    List<Integer> lookups = new ArrayList<>();
    InMemoryExecutionJournal delegate = InMemoryExecutionJournal.create();
    ExecutionJournal counting =
        new ExecutionJournal() {
          @Override
          public void record(JournalEntry entry) {
            delegate.record(entry);
          }

          @Override
          public java.util.Optional<JournalEntry> entry(
              io.campaignrelay.core.CampaignId campaignId, CustomerId customerId) {
            throw new AssertionError("the engine must look recipients up in batches");
          }

          @Override
          public Map<IdempotencyKey, JournalEntry> entries(
              io.campaignrelay.core.CampaignId campaignId,
              Map<IdempotencyKey, CustomerId> recipients) {
            lookups.add(recipients.size());
            return delegate.entries(campaignId, recipients);
          }
        };
    EngineFixtures.VendorChannel vendor = new EngineFixtures.VendorChannel(false, 10);
    executor(counting, vendor, 25).execute(campaign(38, 25), template(), ExecutionMode.LIVE);
    assertThat(lookups).containsExactly(10, 10, 5);
  }

  @Test
  void aNewCampaignIsNotLookedUpWhileTheRunTracksEveryRecipient() {
    List<Integer> lookups = new ArrayList<>();
    InMemoryExecutionJournal delegate = InMemoryExecutionJournal.create();
    ExecutionJournal spy =
        new ExecutionJournal() {
          @Override
          public void record(JournalEntry entry) {
            delegate.record(entry);
          }

          @Override
          public void recordAll(List<JournalEntry> entries) {
            delegate.recordAll(entries);
          }

          @Override
          public java.util.Optional<JournalEntry> entry(
              io.campaignrelay.core.CampaignId campaignId, CustomerId customerId) {
            return delegate.entry(campaignId, customerId);
          }

          @Override
          public boolean mayHaveEntries(io.campaignrelay.core.CampaignId campaignId) {
            return delegate.mayHaveEntries(campaignId);
          }

          @Override
          public Map<IdempotencyKey, JournalEntry> entries(
              io.campaignrelay.core.CampaignId campaignId,
              Map<IdempotencyKey, CustomerId> recipients) {
            lookups.add(recipients.size());
            return delegate.entries(campaignId, recipients);
          }
        };
    EngineFixtures.VendorChannel vendor = new EngineFixtures.VendorChannel(false, 10);
    Campaign c = campaign(39, 25);
    executor(spy, vendor, 25).execute(c, template(), ExecutionMode.LIVE);
    assertThat(lookups).isEmpty();
    assertThat(delegate.mayHaveEntries(c.id())).isTrue();

    // The same campaign again: it has entries now, so every window is looked up (all skipped).
    ExecutionReport again = executor(spy, vendor, 25).execute(c, template(), ExecutionMode.LIVE);
    assertThat(lookups).containsExactly(10, 10, 5);
    assertThat(again.skipped()).isEqualTo(25);

    // A new campaign whose run stops tracking after 12 recipients looks up every window processed
    // after that (the second, holding the 13th, and the third).
    lookups.clear();
    executor(spy, vendor, 25).toBuilder()
        .maxTrackedRecipients(12)
        .build()
        .execute(campaign(40, 25), template(), ExecutionMode.LIVE);
    assertThat(lookups).containsExactly(10, 5);
    assertThat(vendor.deliveries).hasSize(50);
  }

  static CampaignExecutor executor(ExecutionJournal journal, MessageChannel channel, int targets) {
    Function<Integer, Recipient> r = EngineFixtures::recipient;
    return CampaignExecutor.builder()
        .targetSource(campaign -> java.util.stream.IntStream.range(0, targets).boxed().map(r))
        .channel(channel)
        .journal(journal)
        .clock(CLOCK)
        .build();
  }
}
