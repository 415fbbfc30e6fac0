package io.campaignrelay.core.execution;

import static io.campaignrelay.core.execution.EngineFixtures.campaign;
import static io.campaignrelay.core.execution.EngineFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.CampaignRelayException;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.PhoneNumberParser;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.messagelog.InMemoryMessageLog;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.core.template.ApprovalState;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.core.template.TemplateRenderer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's details: progress, settings, the signals of reconciliation, report values. */
class EngineDetailsTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  static TargetSource targets(int n) {
    return c -> IntStream.range(0, n).mapToObj(EngineFixtures::recipient);
  }

  static CampaignExecutor.Builder base(int n) {
    return CampaignExecutor.builder().targetSource(targets(n)).clock(CLOCK);
  }

  @Test
  void testRunsReportProgressEveryIntervalAndOnceAtTheEnd() {
    List<ExecutionProgress> progress = new ArrayList<>();
    InMemoryMessageLog log = new InMemoryMessageLog();
    CampaignExecutor executor =
        base(10)
            .messageLog(log)
            .progressInterval(3)
            .listener(EngineFixtures.progressInto(progress))
            .build();
    assertThat(executor.messageLog()).isSameAs(log);

    ExecutionReport report = executor.execute(campaign(50, 10), template(), ExecutionMode.TEST);

    assertThat(progress).extracting(ExecutionProgress::logged).containsExactly(3L, 6L, 9L, 10L);
    assertThat(report.logged()).isEqualTo(10);
    assertThat(report.channel()).isEqualTo("message-log");
    assertThat(report.mode()).isEqualTo(ExecutionMode.TEST);
    assertThat(report.campaignId()).isEqualTo(CampaignId.scheduled(50));
    assertThat(report.startedAt()).isEqualTo(CLOCK.instant());
    assertThat(report.finishedAt()).isEqualTo(CLOCK.instant());
    assertThat(report.duration()).isEqualTo(Duration.ZERO);
    assertThat(log.size()).isEqualTo(10);
  }

  @Test
  void liveRunsReportDropsInProgressAndNameTheChannel() {
    List<ExecutionProgress> progress = new ArrayList<>();
    EngineFixtures.VendorChannel vendor = new EngineFixtures.VendorChannel(false, 5);
    vendor.rejectPhones.add(EngineFixtures.phoneOf(2));
    ExecutionReport report =
        base(10)
            .channel(vendor)
            .listener(EngineFixtures.progressInto(progress))
            .build()
            .execute(campaign(51, 10), template(), ExecutionMode.LIVE);
    assertThat(report.channel()).isEqualTo("fake-vendor");
    assertThat(progress).last().satisfies(p -> assertThat(p.dropped()).isEqualTo(1));
    assertThat(progress).last().satisfies(p -> assertThat(p.dispatched()).isEqualTo(9));
  }

  @Test
  void everyInvalidSettingIsListedAndTheBoundariesAreAccepted() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                CampaignExecutor.builder()
                    .messageLog(null)
                    .journal(null)
                    .optOutList(null)
                    .renderer(null)
                    .phoneLookup(null)
                    .clock(null)
                    .listener(null)
                    .maxSegments(0)
                    .batchSize(-1)
                    .progressInterval(0)
                    .maxTrackedRecipients(-1)
                    .build());
    assertThat(e.getMessage())
        .contains(
            "targetSource",
            "messageLog",
            "journal",
            "optOutList",
            "renderer",
            "phoneLookup",
            "clock",
            "listener",
            "maxSegments",
            "batchSize",
            "progressInterval",
            "maxTrackedRecipients");
    assertThatThrownBy(
            () ->
                base(1)
                    .maxTrackedRecipients(CampaignExecutor.MAX_TRACKED_RECIPIENTS_LIMIT + 1)
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("maxTrackedRecipients")
        .hasMessageContaining(String.valueOf(CampaignExecutor.MAX_TRACKED_RECIPIENTS_LIMIT + 1))
        .hasMessageContaining("use at most " + CampaignExecutor.MAX_TRACKED_RECIPIENTS_LIMIT);
    assertThat(base(1).maxTrackedRecipients(CampaignExecutor.MAX_TRACKED_RECIPIENTS_LIMIT).build())
        .isNotNull();
    CampaignExecutor ok =
        base(1)
            .maxSegments(1)
            .batchSize(0)
            .progressInterval(1)
            .maxTrackedRecipients(0)
            .renderer(TemplateRenderer.create())
            .phoneLookup(PhoneLookup.firstAttribute(PhoneNumberParser.basic()))
            .build();
    assertThat(
            ok.toBuilder()
                .build()
                .execute(campaign(52, 1), template(), ExecutionMode.TEST)
                .logged())
        .isEqualTo(1);
  }

  @Test
  void liveWithoutAChannelIsAConfigurationError() {
    assertThatThrownBy(
            () -> base(1).build().execute(campaign(53, 1), template(), ExecutionMode.LIVE))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("channel");
  }

  @Test
  void aMessageOfExactlyTheSegmentLimitIsSentAndOneOverIsDroppedWithItsLength() {
    Template oneSegment =
        Template.builder()
            .id(TemplateId.of(7))
            .name("OPT_x")
            .body("x".repeat(160))
            .approvalState(ApprovalState.APPROVED)
            .build();
    List<String> drops = new ArrayList<>();
    EngineFixtures.VendorChannel vendor = new EngineFixtures.VendorChannel(false, 5);
    ExecutionListener listener =
        new ExecutionListener() {
          @Override
          public void onDropped(CustomerId c, RejectionReason r, String detail) {
            drops.add(r + ":" + detail);
          }
        };
    ExecutionReport one =
        base(1)
            .channel(vendor)
            .maxSegments(1)
            .listener(listener)
            .build()
            .execute(campaign(54, 1), oneSegment, ExecutionMode.LIVE);
    assertThat(one.dispatched()).isEqualTo(1);
    Template twoSegments = oneSegment.toBuilder().body("x".repeat(161)).build();
    ExecutionReport two =
        base(1)
            .channel(vendor)
            .maxSegments(1)
            .listener(listener)
            .build()
            .execute(campaign(55, 1), twoSegments, ExecutionMode.LIVE);
    assertThat(two.dropped()).isEqualTo(1);
    assertThat(drops).containsExactly("OTHER:the message is 2 segments long, over the limit of 1");
  }

  @Test
  void withoutTrackingARepeatedRowIsLoggedTwiceInTestModeAndSkippedInLive() {
    TargetSource twice = c -> Stream.of(EngineFixtures.recipient(1), EngineFixtures.recipient(1));
    ExecutionReport test =
        base(0)
            .targetSource(twice)
            .maxTrackedRecipients(0)
            .build()
            .execute(campaign(56, 1), template(), ExecutionMode.TEST);
    assertThat(test.logged()).isEqualTo(2);
    EngineFixtures.VendorChannel vendor = new EngineFixtures.VendorChannel(false, 1);
    ExecutionReport live =
        base(0)
            .targetSource(twice)
            .channel(vendor)
            .batchSize(1)
            .maxTrackedRecipients(0)
            .build()
            .execute(campaign(57, 1), template(), ExecutionMode.LIVE);
    assertThat(vendor.deliveries).hasSize(1);
    assertThat(live.skipped()).isEqualTo(1);
  }

  @Test
  void targetMismatchIsSignalledOnlyWhenRowsRepeatOrTheCountDiffers() {
    List<String> calls = new ArrayList<>();
    ExecutionListener listener =
        new ExecutionListener() {
          @Override
          public void onTargetsMismatch(
              CampaignId id, OptionalLong expected, long received, long repeated) {
            calls.add(id.value() + ":" + expected + ":" + received + ":" + repeated);
          }
        };
    Campaign noCount =
        Campaign.builder()
            .kind(CampaignKind.SCHEDULED)
            .id(CampaignId.scheduled(58))
            .channel(ChannelId.SCHEDULED_SMS)
            .templateId(TemplateId.of(7))
            .sendTime(EngineFixtures.SEND_TIME)
            .build();
    base(4).listener(listener).build().execute(noCount, template(), ExecutionMode.TEST);
    base(4).listener(listener).build().execute(campaign(59, 4), template(), ExecutionMode.TEST);
    assertThat(calls).isEmpty();
    base(4).listener(listener).build().execute(campaign(60, 5), template(), ExecutionMode.TEST);
    TargetSource repeat = c -> Stream.of(EngineFixtures.recipient(1), EngineFixtures.recipient(1));
    base(0)
        .targetSource(repeat)
        .listener(listener)
        .build()
        .execute(campaign(61, 1), template(), ExecutionMode.TEST);
    ExecutionReport noCountRepeat =
        base(0)
            .targetSource(repeat)
            .listener(listener)
            .build()
            .execute(noCount, template(), ExecutionMode.TEST);
    assertThat(calls)
        .containsExactly(
            "60:OptionalLong[5]:4:0", "61:OptionalLong[1]:1:1", "58:OptionalLong.empty:1:1");
    assertThat(noCountRepeat.targetsComplete()).isFalse();
    assertThat(noCountRepeat.toString()).doesNotContain("expected=");
  }

  /** A non-dedup channel with records: verdicts per key, and a spy on reconcile calls. */
  static final class Recorded extends EngineFixtures.VendorChannel {
    final List<Integer> reconcileCalls = new ArrayList<>();
    RuntimeException reconcileFailure;
    boolean answerNothing;
    int leaveOut;

    Recorded(boolean dedup) {
      super(dedup, 10);
    }

    @Override
    public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
      List<DispatchResult> all = super.dispatch(batch);
      return all.subList(0, all.size() - Math.min(leaveOut, all.size()));
    }

    @Override
    public List<ReconcileResult> reconcile(List<OutboundMessage> messages) {
      reconcileCalls.add(messages.size());
      if (reconcileFailure != null) {
        throw reconcileFailure;
      }
      if (answerNothing) {
        return List.of();
      }
      return super.reconcile(messages);
    }
  }

  @Test
  void reconciliationIsAskedOnlyForUnknownOutcomesAndItsVerdictsReachTheListener() {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    Recorded vendor = new Recorded(false);
    base(10)
        .channel(vendor)
        .journal(journal)
        .build()
        .execute(campaign(62, 10), template(), ExecutionMode.LIVE);
    assertThat(vendor.reconcileCalls).isEmpty(); // nothing was unknown: nobody was asked

    vendor.leaveOut = 2;
    Campaign c = campaign(63, 10);
    base(10).channel(vendor).journal(journal).build().execute(c, template(), ExecutionMode.LIVE);
    vendor.leaveOut = 0;
    List<String> verdicts = new ArrayList<>();
    List<String> uncertain = new ArrayList<>();
    ExecutionListener listener =
        new ExecutionListener() {
          @Override
          public void onReconciled(CustomerId id, ReconcileResult r) {
            verdicts.add(id.value() + ":" + r.status());
          }

          @Override
          public void onUncertain(JournalEntry e) {
            uncertain.add(e.customerId().value() + ":" + e.detail());
          }
        };
    vendor.answerNothing = true;
    ExecutionReport r1 =
        base(10)
            .channel(vendor)
            .journal(journal)
            .listener(listener)
            .build()
            .execute(c, template(), ExecutionMode.LIVE);
    // once in the run that sent them (the answer left them out), once in this one
    assertThat(vendor.reconcileCalls).containsExactly(2, 2);
    assertThat(verdicts).containsExactly("C8:UNKNOWN", "C9:UNKNOWN");
    assertThat(uncertain).allMatch(u -> u.contains("gave no verdict"));
    assertThat(r1.uncertain()).isEqualTo(2);

    vendor.answerNothing = false;
    vendor.reconcileFailure = new ApiConnectionException("history down", false, 1, null);
    uncertain.clear();
    base(10)
        .channel(vendor)
        .journal(journal)
        .listener(listener)
        .build()
        .execute(c, template(), ExecutionMode.LIVE);
    assertThat(uncertain).hasSize(2).allMatch(u -> u.contains("could not be read: history down"));
  }

  @Test
  void aPendingRecipientWhoseMessageCannotBeRebuiltStaysUncertain() {
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    Recorded vendor = new Recorded(true);
    vendor.leaveOut = 1;
    Campaign c = campaign(64, 3);
    base(3).channel(vendor).journal(journal).build().execute(c, template(), ExecutionMode.LIVE);
    List<String> uncertain = new ArrayList<>();
    ExecutionReport r =
        base(3)
            .channel(vendor)
            .journal(journal)
            .listener(
                new ExecutionListener() {
                  @Override
                  public void onUncertain(JournalEntry e) {
                    uncertain.add(e.detail());
                  }
                })
            .build()
            .execute(c, id -> null, ExecutionMode.LIVE); // the template is gone
    assertThat(r.uncertain()).isEqualTo(1);
    assertThat(r.skipped()).isEqualTo(2);
    assertThat(uncertain).singleElement().asString().contains("cannot rebuild the message");
    assertThat(vendor.reconcileCalls).containsExactly(1); // in the first run only
    assertThat(vendor.deliveries).hasSize(3);
  }

  @Test
  void reSentMessagesAreJournaledAsSuchBeforeTheyLeave() {
    List<JournalEntry> written = new ArrayList<>();
    InMemoryExecutionJournal delegate = InMemoryExecutionJournal.create();
    ExecutionJournal spy =
        new ExecutionJournal() {
          @Override
          public void record(JournalEntry entry) {
            recordAll(List.of(entry));
          }

          @Override
          public void recordAll(List<JournalEntry> entries) {
            written.addAll(entries);
            delegate.recordAll(entries);
          }

          @Override
          public java.util.Optional<JournalEntry> entry(CampaignId id, CustomerId customer) {
            return delegate.entry(id, customer);
          }
        };
    Recorded vendor = new Recorded(true);
    vendor.leaveOut = 1;
    Campaign c = campaign(65, 3);
    base(3).channel(vendor).journal(spy).build().execute(c, template(), ExecutionMode.LIVE);
    vendor.leaveOut = 0;
    vendor.answerNothing = true; // unknown again: the dedup channel gets the same key
    written.clear();
    ExecutionReport r =
        base(3).channel(vendor).journal(spy).build().execute(c, template(), ExecutionMode.LIVE);
    assertThat(r.resent()).isEqualTo(1);
    assertThat(written)
        .filteredOn(e -> e.state() == RecipientState.PENDING)
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).isEqualTo("re-sent after an unknown outcome"));
    assertThat(written)
        .filteredOn(e -> e.state() == RecipientState.DISPATCHED)
        .extracting(e -> e.customerId().value())
        .containsExactly("C2");
  }

  @Test
  void aJournalOfMoreThanOneLoadingBatchReopensWhole() {
    Path file = dir.resolve("big.log");
    CampaignId id = CampaignId.scheduled(66);
    try (FileExecutionJournal j = FileExecutionJournal.open(file)) {
      List<JournalEntry> entries = new ArrayList<>();
      for (int i = 0; i < 2500; i++) {
        entries.add(
            JournalEntry.of(
                id, CustomerId.of("C" + i), RecipientState.DISPATCHED, CLOCK.instant(), ""));
      }
      j.recordAll(entries);
      assertThat(j.path()).isEqualTo(file);
      assertThat(j.toString()).contains(file.toString()).contains("SYNC");
    }
    try (FileExecutionJournal j =
        FileExecutionJournal.open(file, FileExecutionJournal.Durability.OS_BUFFERED)) {
      assertThat(j.size()).isEqualTo(2500);
      assertThat(j.isDone(id, CustomerId.of("C2499"))).isTrue();
      assertThat(j.toString()).contains("OS_BUFFERED");
    }
  }

  @Test
  void aClosedJournalRefusesWrites() {
    FileExecutionJournal j = FileExecutionJournal.open(dir.resolve("closed.log"));
    j.close();
    assertThatThrownBy(
            () ->
                j.record(
                    JournalEntry.of(
                        CampaignId.scheduled(1),
                        CustomerId.of("C1"),
                        RecipientState.PENDING,
                        CLOCK.instant(),
                        "")))
        .isInstanceOf(CampaignRelayException.class)
        .hasMessageContaining("nothing of this step was recorded");
  }

  @Test
  void aLineOfAnotherFormatIsDiscarded() throws Exception {
    Path file = dir.resolve("other.log");
    // A well-formed record log line (valid checksum) that is not a journal entry.
    try (io.campaignrelay.core.implementation.RecordLog log =
        io.campaignrelay.core.implementation.RecordLog.open(file, true, f -> true)) {
      log.append(List.<String[]>of(new String[] {"job1", "x"}));
    }
    try (FileExecutionJournal j = FileExecutionJournal.open(file)) {
      assertThat(j.discardedLines()).isEqualTo(1);
      assertThat(j.size()).isZero();
    }
  }

  @Test
  void journalsIndexManyRecipientsAndKeysThatWereNotDerived() {
    InMemoryExecutionJournal j = InMemoryExecutionJournal.create();
    CampaignId id = CampaignId.scheduled(67);
    List<JournalEntry> entries = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      entries.add(
          JournalEntry.of(id, CustomerId.of("C" + i), RecipientState.PENDING, CLOCK.instant(), ""));
    }
    j.recordAll(entries);
    // A key given by a caller (not "cr1-" + digest) is indexed by campaign and customer instead.
    IdempotencyKey custom = new IdempotencyKey("custom-key-1");
    j.record(
        new JournalEntry(
            id, CustomerId.of("X1"), RecipientState.DISPATCHED, custom, CLOCK.instant(), ""));
    IdempotencyKey notHex = new IdempotencyKey("cr1-" + "z".repeat(32));
    j.record(
        new JournalEntry(
            id, CustomerId.of("X2"), RecipientState.DROPPED, notHex, CLOCK.instant(), ""));
    assertThat(j.size()).isEqualTo(5002);
    assertThat(j.entry(id, CustomerId.of("X1")))
        .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(RecipientState.DISPATCHED));
    assertThat(j.entry(id, CustomerId.of("X2"), notHex)).isPresent();
    assertThat(j.isDone(id, CustomerId.of("C4999"))).isFalse();
    assertThat(j.isDone(id, CustomerId.of("X1"))).isTrue();
    assertThat(j.isDone(id, CustomerId.of("nobody"))).isFalse();
    List<JournalEntry> pending = j.pending(id);
    assertThat(pending).hasSize(5000);
    assertThat(pending.get(0).customerId().value()).isEqualTo("C0");
    assertThat(pending.get(1).customerId().value()).isEqualTo("C1");
    assertThat(pending.get(4999).customerId().value()).isEqualTo("C999"); // sorted by customer id
    for (int i = 0; i < 5000; i++) {
      assertThat(j.entry(id, CustomerId.of("C" + i))).isPresent();
    }
    assertThat(j.toString()).isEqualTo("InMemoryExecutionJournal{recipients=5002}");
    Map<IdempotencyKey, CustomerId> ask =
        Map.of(
            IdempotencyKey.derive(id, CustomerId.of("C7")),
            CustomerId.of("C7"),
            custom,
            CustomerId.of("X1"));
    assertThat(j.entries(id, ask)).hasSize(2);
  }

  @Test
  void theDefaultPortMethodsFollowTheLatestEntry() {
    List<JournalEntry> seen = new ArrayList<>();
    ExecutionJournal minimal =
        new ExecutionJournal() {
          @Override
          public void record(JournalEntry entry) {
            seen.add(entry);
          }

          @Override
          public java.util.Optional<JournalEntry> entry(CampaignId id, CustomerId customer) {
            return seen.isEmpty()
                ? java.util.Optional.empty()
                : java.util.Optional.of(seen.get(seen.size() - 1));
          }
        };
    CampaignId id = CampaignId.scheduled(68);
    JournalEntry e =
        JournalEntry.of(id, CustomerId.of("C1"), RecipientState.DISPATCHED, CLOCK.instant(), "");
    minimal.recordAll(List.of(e, e));
    assertThat(seen).hasSize(2);
    IdempotencyKey key = IdempotencyKey.derive(id, CustomerId.of("C1"));
    assertThat(minimal.entry(id, CustomerId.of("C1"), key)).contains(e);
    assertThat(minimal.entries(id, Map.of(key, CustomerId.of("C1")))).containsEntry(key, e);
    MessageChannel bare =
        new MessageChannel() {
          @Override
          public String name() {
            return "bare";
          }

          @Override
          public int maxBatchSize() {
            return 1;
          }

          @Override
          public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
            return List.of();
          }
        };
    assertThat(bare.deduplicatesByIdempotencyKey()).isFalse();
    OutboundMessage m =
        new OutboundMessage(
            key,
            campaign(68, 1),
            CustomerId.of("C1"),
            io.campaignrelay.core.PhoneNumber.ofE164(EngineFixtures.phoneOf(1)),
            TemplateId.of(7),
            "hi",
            io.campaignrelay.core.sms.SmsLength.of("hi"));
    assertThat(bare.reconcile(List.of(m)))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(ReconcileResult.Status.UNKNOWN);
              assertThat(r.detail()).isEqualTo("bare offers no reconciliation");
            });
    assertThat(m.toString())
        .contains("customerId=C1")
        .doesNotContain(EngineFixtures.phoneOf(1))
        .doesNotContain("hi}");
  }

  @Test
  void phoneLookupsReadTheNamedAttribute() {
    PhoneLookup byName = PhoneLookup.attribute("MOBILE", PhoneNumberParser.basic());
    io.campaignrelay.core.execution.Recipient r =
        io.campaignrelay.core.execution.Recipient.of(
            CustomerId.of("C1"),
            CustomerAttributes.builder().add("NAME", "Ann").add("MOBILE", "+447700900123").build());
    assertThat(byName.phoneOf(r).e164()).isEqualTo("+447700900123");
    io.campaignrelay.core.execution.Recipient missing =
        io.campaignrelay.core.execution.Recipient.of(
            CustomerId.of("C2"), CustomerAttributes.builder().add("NAME", "Bo").build());
    assertThatThrownBy(() -> byName.phoneOf(missing)).isInstanceOf(ConfigurationException.class);
  }

  @Test
  void progressCountsEveryRowTakenEvenWhileItsWindowWaits() {
    // Two rows make a batch that goes out; the third waits in the next window when the source
    // breaks. The batch, held until then, is answered while the run stops and reports progress:
    // three rows were taken.
    java.util.concurrent.CountDownLatch sourceBroke = new java.util.concurrent.CountDownLatch(1);
    TargetSource breaking =
        c ->
            Stream.concat(
                IntStream.range(0, 3).mapToObj(EngineFixtures::recipient),
                Stream.<Recipient>generate(
                        () -> {
                          sourceBroke.countDown();
                          throw new IllegalStateException("target source broke");
                        })
                    .limit(1));
    MessageChannel channel =
        new EngineFixtures.VendorChannel(false, 2) {
          @Override
          public int maxConcurrentBatches() {
            return 2;
          }

          @Override
          public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
            try {
              // bounded only so that a regression fails instead of hanging the build
              if (!sourceBroke.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the target source never broke");
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException(e);
            }
            return super.dispatch(batch);
          }
        };
    List<ExecutionProgress> progress = new ArrayList<>();
    CampaignExecutor executor =
        CampaignExecutor.builder()
            .targetSource(breaking)
            .channel(channel)
            .concurrency(2)
            .clock(CLOCK)
            .listener(EngineFixtures.progressInto(progress))
            .build();

    assertThatThrownBy(() -> executor.execute(campaign(51, 3), template(), ExecutionMode.LIVE))
        .hasMessage("target source broke");

    assertThat(progress).isNotEmpty();
    ExecutionProgress last = progress.get(progress.size() - 1);
    assertThat(last.dispatched()).isEqualTo(2);
    assertThat(last.processed()).isEqualTo(3);
  }
}
