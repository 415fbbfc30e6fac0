package io.campaignrelay.core.execution;

import static io.campaignrelay.core.execution.EngineFixtures.campaign;
import static io.campaignrelay.core.execution.EngineFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ExecutionMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A channel failure part-way through a batch, then a re-run from the journal file. */
class CrashResumeTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void onADeduplicatingChannelTheRerunLosesNobodyAndSendsNobodyTwice() {
    Path file = dir.resolve("journal.log");
    EngineFixtures.VendorChannel vendor = new EngineFixtures.VendorChannel(true, 100);
    vendor.failOnCall = 3; // the third batch: 40 of 100 delivered, then the connection resets
    vendor.deliverBeforeFailing = 40;
    Campaign c = campaign(10, 1000);

    try (FileExecutionJournal journal = FileExecutionJournal.open(file)) {
      CampaignExecutionException e =
          catchThrowableOfType(
              CampaignExecutionException.class,
              () -> executor(journal, vendor).execute(c, template(), ExecutionMode.LIVE));
      assertThat(e.partialReport().dispatched()).isEqualTo(200);
      assertThat(e.getMessage()).contains("run the campaign again with the same journal");
      assertThat(journal.pending(c.id())).hasSize(100);
    }
    assertThat(vendor.deliveries).hasSize(240);

    ExecutionReport resumed;
    try (FileExecutionJournal reopened = FileExecutionJournal.open(file)) {
      assertThat(reopened.pending(c.id())).hasSize(100);
      resumed = executor(reopened, vendor).execute(c, template(), ExecutionMode.LIVE);
      assertThat(reopened.pending(c.id())).isEmpty();
    }

    assertThat(resumed.skipped()).isEqualTo(200);
    assertThat(resumed.resent()).isEqualTo(100);
    assertThat(resumed.dispatched()).isEqualTo(800);
    assertThat(resumed.uncertain()).isZero();
    assertExactlyOnce(vendor.deliveries, 1000);
  }

  @Test
  void aVendorThatOnlyDedupsWholeBatchesSeesTheFailedBatchAgainExactly() {
    Path file = dir.resolve("journal.log");
    EngineFixtures.VendorChannel vendor = new EngineFixtures.VendorChannel(true, 250);
    vendor.batchLevelDedupOnly = true;
    vendor.failOnCall = 4;
    vendor.deliverBeforeFailing = 100; // the vendor processed the whole batch; the answer was lost
    Campaign c = campaign(14, 1000);

    try (FileExecutionJournal journal = FileExecutionJournal.open(file)) {
      CampaignExecutor first = executor(journal, vendor).toBuilder().batchSize(100).build();
      catchThrowableOfType(
          CampaignExecutionException.class, () -> first.execute(c, template(), ExecutionMode.LIVE));
    }
    assertThat(vendor.deliveries).hasSize(400);
    try (FileExecutionJournal reopened = FileExecutionJournal.open(file)) {
      // Resumed with bigger batches: the re-sends still go out alone, as the batch that failed.
      ExecutionReport resumed =
          executor(reopened, vendor).execute(c, template(), ExecutionMode.LIVE);
      assertThat(resumed.resent()).isEqualTo(100);
      assertThat(resumed.dispatched()).isEqualTo(700);
    }
    assertThat(vendor.batchSizes).containsExactly(100, 100, 100, 100, 100, 250, 250, 100);
    assertExactlyOnce(vendor.deliveries, 1000);
  }

  @Test
  void onAChannelWithoutDedupTheUnknownBatchIsReportedNotResent() {
    Path file = dir.resolve("journal.log");
    EngineFixtures.VendorChannel vendor = new EngineFixtures.VendorChannel(false, 100);
    vendor.failOnCall = 2;
    vendor.deliverBeforeFailing = 30;
    Campaign c = campaign(11, 500);

    try (FileExecutionJournal journal = FileExecutionJournal.open(file)) {
      catchThrowableOfType(
          CampaignExecutionException.class,
          () -> executor(journal, vendor).execute(c, template(), ExecutionMode.LIVE));
    }
    List<JournalEntry> uncertain = new ArrayList<>();
    ExecutionReport resumed;
    try (FileExecutionJournal reopened = FileExecutionJournal.open(file)) {
      resumed =
          executor(reopened, vendor).toBuilder()
              .listener(
                  new ExecutionListener() {
                    @Override
                    public void onUncertain(JournalEntry entry) {
                      uncertain.add(entry);
                    }
                  })
              .build()
              .execute(c, template(), ExecutionMode.LIVE);
    }

    assertThat(resumed.uncertain()).isEqualTo(100);
    assertThat(uncertain).hasSize(100);
    assertThat(resumed.skipped()).isEqualTo(100);
    assertThat(resumed.dispatched()).isEqualTo(300);
    // 100 + 30 + 300: nobody twice; the 70 never delivered are reported as uncertain, not lost.
    assertThat(vendor.deliveries).hasSize(430);
    assertThat(new HashSet<>(customers(vendor.deliveries))).hasSize(430);
  }

  @Test
  void aBatchTheVendorRefusedOutrightIsSentOnTheRerunEvenWithoutDedup() {
    Path file = dir.resolve("journal.log");
    EngineFixtures.VendorChannel vendor =
        new EngineFixtures.VendorChannel(false, 100) {
          boolean refused;

          @Override
          public java.util.List<DispatchResult> dispatch(java.util.List<OutboundMessage> batch) {
            if (calls == 1 && !refused) {
              refused = true;
              throw new io.campaignrelay.core.http.ApiServiceException(
                  new io.campaignrelay.core.http.ApiErrorDetails(
                      "acme", "POST send", 200, "7", "Insufficient credits", null, false, ""),
                  true); // a documented refusal: the vendor processed nothing
            }
            return super.dispatch(batch);
          }
        };
    Campaign c = campaign(15, 500);
    try (FileExecutionJournal journal = FileExecutionJournal.open(file)) {
      CampaignExecutionException e =
          catchThrowableOfType(
              CampaignExecutionException.class,
              () -> executor(journal, vendor).execute(c, template(), ExecutionMode.LIVE));
      assertThat(e.getMessage()).contains("the vendor refused the batch, so none of it was sent");
      assertThat(journal.pending(c.id())).isEmpty();
    }
    try (FileExecutionJournal reopened = FileExecutionJournal.open(file)) {
      ExecutionReport resumed =
          executor(reopened, vendor).execute(c, template(), ExecutionMode.LIVE);
      assertThat(resumed.uncertain()).isZero();
      assertThat(resumed.skipped()).isEqualTo(100);
      assertThat(resumed.dispatched()).isEqualTo(400);
    }
    assertExactlyOnce(vendor.deliveries, 500);
  }

  @Test
  void aLineTornByACrashIsDiscardedAndAppendsContinueOnAFreshLine() throws Exception {
    Path file = dir.resolve("journal.log");
    CampaignId id = CampaignId.scheduled(12);
    try (FileExecutionJournal j = FileExecutionJournal.open(file)) {
      j.recordAll(
          List.of(
              JournalEntry.of(
                  id,
                  io.campaignrelay.core.CustomerId.of("A"),
                  RecipientState.DISPATCHED,
                  Instant.EPOCH,
                  "m1"),
              JournalEntry.of(
                  id,
                  io.campaignrelay.core.CustomerId.of("B\\with backslash"),
                  RecipientState.PENDING,
                  Instant.EPOCH,
                  "")));
    }
    Files.writeString(
        file, "cr1\tDISPATCHED\t0\t12\tC\tcr1-x", java.nio.file.StandardOpenOption.APPEND);

    try (FileExecutionJournal j = FileExecutionJournal.open(file)) {
      assertThat(j.discardedLines()).isEqualTo(1);
      assertThat(j.isDone(id, io.campaignrelay.core.CustomerId.of("A"))).isTrue();
      assertThat(j.isDone(id, io.campaignrelay.core.CustomerId.of("C"))).isFalse();
      assertThat(j.pending(id))
          .extracting(e -> e.customerId().value())
          .containsExactly("B\\with backslash");
      j.record(
          JournalEntry.of(
              id,
              io.campaignrelay.core.CustomerId.of("C"),
              RecipientState.DISPATCHED,
              Instant.EPOCH,
              ""));
    }
    try (FileExecutionJournal j = FileExecutionJournal.open(file)) {
      assertThat(j.discardedLines()).isZero();
      assertThat(j.isDone(id, io.campaignrelay.core.CustomerId.of("C"))).isTrue();
      assertThat(j.size()).isEqualTo(3);
    }
  }

  @Test
  void lookupsByDerivedKeyAndByIdsAgree() {
    InMemoryExecutionJournal j = InMemoryExecutionJournal.create();
    CampaignId id = CampaignId.scheduled(16);
    io.campaignrelay.core.CustomerId who = io.campaignrelay.core.CustomerId.of("Z9");
    j.record(JournalEntry.of(id, who, RecipientState.DISPATCHED, Instant.EPOCH, "m"));
    IdempotencyKey key = IdempotencyKey.derive(id, who);
    assertThat(j.entry(id, who, key)).map(JournalEntry::state).contains(RecipientState.DISPATCHED);
    assertThat(j.entry(id, who)).map(JournalEntry::state).contains(RecipientState.DISPATCHED);
    io.campaignrelay.core.CustomerId other = io.campaignrelay.core.CustomerId.of("Z10");
    assertThat(j.entry(id, other, IdempotencyKey.derive(id, other))).isEmpty();
    // An entry recorded under a caller-chosen key is still found by ids.
    j.record(
        new JournalEntry(
            id, other, RecipientState.DROPPED, new IdempotencyKey("custom-1"), Instant.EPOCH, ""));
    assertThat(j.entry(id, other)).map(JournalEntry::state).contains(RecipientState.DROPPED);
  }

  @Test
  void aCorruptedLineFailsItsChecksumAndIsIgnored() throws Exception {
    Path file = dir.resolve("journal.log");
    CampaignId id = CampaignId.scheduled(13);
    try (FileExecutionJournal j = FileExecutionJournal.open(file)) {
      j.record(
          JournalEntry.of(
              id,
              io.campaignrelay.core.CustomerId.of("A"),
              RecipientState.DISPATCHED,
              Instant.EPOCH,
              ""));
    }
    Files.writeString(file, Files.readString(file).replace("DISPATCHED", "DROPPED"));
    try (FileExecutionJournal j = FileExecutionJournal.open(file)) {
      assertThat(j.discardedLines()).isEqualTo(1);
      assertThat(j.entry(id, io.campaignrelay.core.CustomerId.of("A"))).isEmpty();
    }
  }

  private static CampaignExecutor executor(ExecutionJournal journal, MessageChannel channel) {
    return CampaignExecutor.builder()
        .targetSource(
            new EngineFixtures.Targets(
                channel.maxBatchSize() == 100 && !channel.deduplicatesByIdempotencyKey()
                    ? 500
                    : 1000))
        .channel(channel)
        .journal(journal)
        .clock(CLOCK)
        .build();
  }

  private static List<String> customers(List<String> deliveries) {
    return deliveries.stream()
        .map(d -> d.substring(0, d.indexOf('|')))
        .collect(Collectors.toList());
  }

  private static void assertExactlyOnce(List<String> deliveries, int n) {
    List<String> customers = customers(deliveries);
    Set<String> unique = new HashSet<>(customers);
    assertThat(customers).hasSize(n);
    assertThat(unique).hasSize(n);
  }
}
