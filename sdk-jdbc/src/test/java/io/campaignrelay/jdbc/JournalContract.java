package io.campaignrelay.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.execution.CampaignExecutionException;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.ExecutionReport;
import io.campaignrelay.core.execution.IdempotencyKey;
import io.campaignrelay.core.execution.JournalEntry;
import io.campaignrelay.core.execution.RecipientState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The journal's contract, run unchanged on every database the store supports (see the subclasses):
 * each test gets a database (or schema) of its own.
 */
abstract class JournalContract {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00.123456Z");

  /** The schema version this SDK migrates to. */
  static final String SUPPORTED = "7";

  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  private final List<JdbcStore> opened = new ArrayList<>();

  /** Settings of a store on this test's database; every call points at the same database. */
  abstract JdbcStore.Builder settings();

  /** A plain DataSource to this test's database, for raw SQL and fault injection. */
  abstract DataSource rawDataSource();

  JdbcStore open() {
    return track(settings().build());
  }

  JdbcStore track(JdbcStore store) {
    opened.add(store);
    return store;
  }

  @AfterEach
  void closeStores() {
    opened.forEach(JdbcStore::close);
  }

  static JournalEntry entry(long campaign, String customer, RecipientState state, String detail) {
    return JournalEntry.of(
        CampaignId.scheduled(campaign), CustomerId.of(customer), state, T0, detail);
  }

  static List<JournalEntry> entries(long campaign, int from, int to, RecipientState state) {
    List<JournalEntry> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(entry(campaign, "C" + i, state, state == RecipientState.DISPATCHED ? "m" + i : ""));
    }
    return out;
  }

  @Test
  void aRecordedEntryReadsBackWhole_andTheLatestWins() {
    JdbcExecutionJournal journal = open().executionJournal();
    CampaignId id = CampaignId.scheduled(1);
    CustomerId who = CustomerId.of("A-1 ünïcode");
    assertThat(journal.entry(id, who)).isEmpty();
    assertThat(journal.isDone(id, who)).isFalse();

    journal.record(JournalEntry.of(id, who, RecipientState.PENDING, T0, ""));
    assertThat(journal.entry(id, who)).map(JournalEntry::state).contains(RecipientState.PENDING);
    assertThat(journal.isDone(id, who)).isFalse();

    JournalEntry done =
        JournalEntry.of(id, who, RecipientState.DISPATCHED, T0.plusSeconds(1), "vendor-id 42");
    journal.record(done);
    assertThat(journal.entry(id, who)).contains(done);
    assertThat(journal.entry(id, who, IdempotencyKey.derive(id, who))).contains(done);
    assertThat(journal.isDone(id, who)).isTrue();
    assertThat(journal.count(id)).isEqualTo(1);
    // Another campaign's recipient of the same id is another row.
    assertThat(journal.entry(CampaignId.scheduled(2), who)).isEmpty();
  }

  @Test
  void theTimeIsKeptToTheMicrosecondAndACustomKeyAndLongDetailSurvive() {
    JdbcExecutionJournal journal = open().executionJournal();
    CampaignId id = CampaignId.triggered("2.38");
    CustomerId who = CustomerId.of("B");
    String detail = "x".repeat(5000);
    journal.record(
        new JournalEntry(
            id,
            who,
            RecipientState.DROPPED,
            new IdempotencyKey("custom-key-1"),
            Instant.parse("2026-11-24T08:00:00.123456789Z"),
            detail));
    JournalEntry read = journal.entry(id, who).orElseThrow();
    assertThat(read.at()).isEqualTo(Instant.parse("2026-11-24T08:00:00.123456Z"));
    assertThat(read.idempotencyKey().value()).isEqualTo("custom-key-1");
    assertThat(read.detail()).isEqualTo(detail);
    assertThat(read.campaignId()).isEqualTo(id);
  }

  @Test
  void recordAllIsDurable_aNewStoreOnTheSameDatabaseSeesEverything() {
    JdbcStore first = open();
    first.executionJournal().recordAll(entries(3, 0, 10, RecipientState.PENDING));
    // More than one statement's worth: written in one transaction.
    first.executionJournal().recordAll(entries(3, 10, 2510, RecipientState.DISPATCHED));
    first.close();

    JdbcExecutionJournal reopened = open().executionJournal();
    CampaignId id = CampaignId.scheduled(3);
    assertThat(reopened.count(id)).isEqualTo(2510);
    assertThat(reopened.pending(id)).hasSize(10);
    assertThat(reopened.entry(id, CustomerId.of("C2509")))
        .map(JournalEntry::detail)
        .contains("m2509");
  }

  @Test
  void entriesOfABatchComeBackKeyedByTheCallersKeys_withOneQuery() {
    JdbcExecutionJournal journal = open().executionJournal();
    CampaignId id = CampaignId.scheduled(4);
    journal.recordAll(entries(4, 0, 300, RecipientState.DISPATCHED));
    journal.recordAll(entries(5, 0, 300, RecipientState.DROPPED)); // another campaign

    Map<IdempotencyKey, CustomerId> asked = new LinkedHashMap<>();
    for (int i = 100; i < 600; i++) {
      CustomerId c = CustomerId.of("C" + i);
      asked.put(IdempotencyKey.derive(id, c), c);
    }
    Map<IdempotencyKey, JournalEntry> found = journal.entries(id, asked);
    assertThat(found).hasSize(200);
    found.forEach(
        (key, e) -> {
          assertThat(asked.get(key)).isEqualTo(e.customerId());
          assertThat(e.state()).isEqualTo(RecipientState.DISPATCHED);
        });
    assertThat(journal.entries(id, Map.of())).isEmpty();
  }

  @Test
  void withinOneBatchTheLastEntryOfARecipientWins() {
    JdbcExecutionJournal journal = open().executionJournal();
    journal.recordAll(
        List.of(
            entry(6, "A", RecipientState.PENDING, ""),
            entry(6, "B", RecipientState.PENDING, ""),
            entry(6, "A", RecipientState.DISPATCHED, "m1")));
    assertThat(journal.entry(CampaignId.scheduled(6), CustomerId.of("A")))
        .map(JournalEntry::state)
        .contains(RecipientState.DISPATCHED);
    assertThat(journal.count(CampaignId.scheduled(6))).isEqualTo(2);
  }

  @Test
  void severalThreadsRecordingDifferentCampaignsLoseNothing() throws Exception {
    JdbcExecutionJournal journal = open().executionJournal();
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long campaign = 100 + t;
        done.add(
            pool.submit(
                () -> {
                  for (int b = 0; b < 20; b++) {
                    journal.recordAll(
                        entries(campaign, b * 50, b * 50 + 50, RecipientState.PENDING));
                    journal.recordAll(
                        entries(campaign, b * 50, b * 50 + 50, RecipientState.DISPATCHED));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int t = 0; t < threads; t++) {
      CampaignId id = CampaignId.scheduled(100 + t);
      assertThat(journal.count(id)).isEqualTo(1000);
      assertThat(journal.pending(id)).isEmpty();
    }
  }

  @Test
  void aConnectionThatDiesMidWriteLeavesNothingHalfWritten() {
    FaultyDataSource faulty = new FaultyDataSource(rawDataSource());
    JdbcExecutionJournal journal = faultyStore(faulty).executionJournal();
    journal.recordAll(entries(7, 0, 5, RecipientState.DISPATCHED));

    // Entries of two campaigns are two log rows in one transaction: the connection dies after the
    // first row is written, before the commit.
    List<JournalEntry> two = new ArrayList<>(entries(7, 5, 2505, RecipientState.PENDING));
    two.addAll(entries(77, 0, 10, RecipientState.PENDING));
    faulty.killAfterUpdates(1);
    DatabaseUnavailableException e =
        catchThrowableOfType(DatabaseUnavailableException.class, () -> journal.recordAll(two));
    assertThat(e.sqlState()).contains("08006");
    assertThat(e.getMessage()).contains("record 2510 journal entries");

    // Reopened as after a crash: only what was committed before.
    JdbcExecutionJournal reopened = open().executionJournal();
    CampaignId id = CampaignId.scheduled(7);
    assertThat(reopened.count(id)).isEqualTo(5);
    assertThat(reopened.pending(id)).isEmpty();
    assertThat(reopened.mayHaveEntries(CampaignId.scheduled(77))).isFalse();
    // The store dropped the dead connection and goes on working.
    journal.recordAll(entries(7, 5, 10, RecipientState.DISPATCHED));
    assertThat(reopened.count(id)).isEqualTo(10);
  }

  @Test
  void aConnectionThatDiesMidFoldLosesNothing_andTheNextReadFoldsItAll() throws Exception {
    FaultyDataSource faulty = new FaultyDataSource(rawDataSource());
    JdbcExecutionJournal journal = faultyStore(faulty).executionJournal();
    CampaignId id = CampaignId.scheduled(70);
    // Three batches, the engine's way: PENDING, then the outcome with the next PENDING.
    journal.recordAll(entries(70, 0, 1000, RecipientState.PENDING));
    List<JournalEntry> second = new ArrayList<>(entries(70, 0, 1000, RecipientState.DISPATCHED));
    second.addAll(entries(70, 1000, 2000, RecipientState.PENDING));
    journal.recordAll(second);
    journal.recordAll(entries(70, 1000, 1990, RecipientState.DISPATCHED));

    // The fold applies and deletes the first row, then the connection dies: rolled back whole.
    faulty.killAfterUpdates(2);
    DatabaseUnavailableException e =
        catchThrowableOfType(DatabaseUnavailableException.class, () -> journal.count(id));
    assertThat(e.getMessage()).contains("fold the campaign's journal writes");

    JdbcExecutionJournal reopened = open().executionJournal();
    assertThat(reopened.count(id)).isEqualTo(2000);
    assertThat(reopened.pending(id))
        .extracting(x -> x.customerId().value())
        .containsExactlyInAnyOrderElementsOf(
            entries(70, 1990, 2000, RecipientState.PENDING).stream()
                .map(x -> x.customerId().value())
                .collect(Collectors.toList()));
    assertThat(reopened.entry(id, CustomerId.of("C1500")))
        .map(JournalEntry::detail)
        .contains("m1500");
    assertThat(logRows()).isZero();
  }

  @Test
  void manyWritesFoldInTheirOrder_acrossSeveralFoldTransactions() throws Exception {
    JdbcExecutionJournal journal = open().executionJournal();
    CampaignId id = CampaignId.scheduled(71);
    int writes = JdbcExecutionJournal.ROWS_PER_FOLD * 3 + 5;
    // Each write moves customer X along, so only the order of application gives the last state.
    for (int w = 0; w < writes; w++) {
      RecipientState state = w % 2 == 0 ? RecipientState.PENDING : RecipientState.FAILED;
      journal.recordAll(
          List.of(entry(71, "X", state, "w" + w), entry(71, "W" + w, RecipientState.LOGGED, "")));
    }
    assertThat(logRows()).isEqualTo(writes);
    assertThat(journal.entry(id, CustomerId.of("X")))
        .map(JournalEntry::detail)
        .contains("w" + (writes - 1));
    assertThat(logRows()).isZero();
    assertThat(journal.count(id)).isEqualTo(writes + 1);
    // Writes after a fold win over what was folded.
    journal.record(entry(71, "X", RecipientState.DISPATCHED, "after"));
    assertThat(journal.entry(id, CustomerId.of("X"))).map(JournalEntry::detail).contains("after");
    assertThat(journal.isDone(id, CustomerId.of("X"))).isTrue();
  }

  @Test
  void foldsOfOneCampaignByTwoStoresAtOnceApplyEachWriteOnce() throws Exception {
    JdbcStore writer = open();
    CampaignId id = CampaignId.scheduled(72);
    for (int b = 0; b < 40; b++) {
      List<JournalEntry> pending =
          new ArrayList<>(entries(72, b * 100, b * 100 + 100, RecipientState.PENDING));
      // X moves along in every write: only applying the writes in their order leaves the last.
      pending.add(entry(72, "X", RecipientState.FAILED, "p" + b));
      writer.executionJournal().recordAll(pending);
      List<JournalEntry> outcomes =
          new ArrayList<>(entries(72, b * 100, b * 100 + 99, RecipientState.DISPATCHED));
      outcomes.add(
          entry(72, "X", b == 39 ? RecipientState.DISPATCHED : RecipientState.FAILED, "o" + b));
      writer.executionJournal().recordAll(outcomes);
    }
    JdbcStore a = open();
    JdbcStore b = open();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Long> fa = pool.submit(() -> a.executionJournal().count(id));
      Future<Long> fb = pool.submit(() -> b.executionJournal().count(id));
      assertThat(fa.get(60, TimeUnit.SECONDS)).isEqualTo(4001);
      assertThat(fb.get(60, TimeUnit.SECONDS)).isEqualTo(4001);
    } finally {
      pool.shutdownNow();
    }
    assertThat(writer.executionJournal().pending(id)).hasSize(40);
    assertThat(writer.executionJournal().entry(id, CustomerId.of("X")))
        .map(JournalEntry::detail)
        .contains("o39");
    assertThat(logRows()).isZero();
  }

  @Test
  void anUnreadableLogRowIsATypedErrorNotAGuess() throws Exception {
    JdbcStore store = open();
    CampaignId id = CampaignId.scheduled(73);
    for (byte[] bytes :
        List.of(
            new byte[] {9, 0},
            new byte[] {1, 1, 1, 'A', 8, 'A', 'R', 'C', 'H', 'I', 'V', 'E', 'D'},
            new byte[] {1, 2, 1, 'A'})) {
      try (Connection c = rawDataSource().getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO "
                      + store.table("journal_log")
                      + " (campaign_id, entries) VALUES (?, ?)")) {
        ps.setString(1, id.value());
        ps.setBytes(2, bytes);
        ps.executeUpdate();
      }
      DatabaseException e =
          catchThrowableOfType(
              DatabaseException.class,
              () -> store.executionJournal().entry(id, CustomerId.of("A")));
      assertThat(e.getMessage()).contains(store.table("journal_log"));
      // Nothing is folded past it, and it stays for an upgraded SDK to read.
      assertThat(logRows(store)).isEqualTo(1);
      try (Connection c = rawDataSource().getConnection();
          Statement st = c.createStatement()) {
        st.executeUpdate("DELETE FROM " + store.table("journal_log"));
      }
    }
  }

  private JdbcStore faultyStore(FaultyDataSource faulty) {
    return track(
        JdbcStore.builder()
            .dataSource(faulty.dataSource())
            .schema(settings().build().schema())
            .build());
  }

  private long logRows() throws Exception {
    return logRows(opened.get(0));
  }

  private long logRows(JdbcStore store) throws Exception {
    try (Connection c = rawDataSource().getConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT COUNT(*) FROM " + store.table("journal_log"))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aSchemaMigratedByANewerSdkIsRefusedBeforeAnythingIsRead() {
    JdbcStore store = open();
    store.executionJournal().record(entry(8, "A", RecipientState.DISPATCHED, ""));
    store.close();
    Flyway.configure()
        .dataSource(rawDataSource())
        .schemas(store.schema())
        .table(store.tablePrefix() + "schema_history")
        .locations(Migrations.LOCATION, "classpath:io/campaignrelay/jdbc/future")
        .placeholders(Map.of("prefix", store.tablePrefix()))
        .load()
        .migrate();

    SchemaVersionException e =
        catchThrowableOfType(SchemaVersionException.class, () -> settings().build());
    assertThat(e.databaseVersion()).contains("99");
    assertThat(e.supportedVersion()).isEqualTo(SUPPORTED);
    assertThat(e.getMessage())
        .contains("at version 99, newer than version " + SUPPORTED)
        .contains("table from a newer sdk")
        .contains("upgrade Campaign Relay");
    // Validate-only is refused the same way.
    catchThrowableOfType(
        SchemaVersionException.class,
        () -> settings().migrationMode(MigrationMode.VALIDATE).build());
  }

  @Test
  void validateOnlyRefusesAnEmptyDatabaseAndAcceptsAMigratedOne() {
    SchemaVersionException e =
        catchThrowableOfType(
            SchemaVersionException.class,
            () -> settings().migrationMode(MigrationMode.VALIDATE).build());
    assertThat(e.databaseVersion()).isEmpty();
    assertThat(e.getMessage())
        .contains("MigrationMode.MIGRATE")
        .contains("needs version " + SUPPORTED);

    assertThat(open().schemaVersion()).isEqualTo(SUPPORTED);
    JdbcStore validated = track(settings().migrationMode(MigrationMode.VALIDATE).build());
    assertThat(validated.schemaVersion()).isEqualTo(SUPPORTED);
    validated.executionJournal().record(entry(9, "A", RecipientState.LOGGED, ""));
    assertThat(validated.executionJournal().isDone(CampaignId.scheduled(9), CustomerId.of("A")))
        .isTrue();
  }

  @Test
  void aStateWrittenByANewerSdkIsATypedErrorNotAGuess() throws Exception {
    JdbcStore store = open();
    store.executionJournal().record(entry(10, "A", RecipientState.PENDING, ""));
    // Folded into the journal table by a first read.
    assertThat(store.executionJournal().entry(CampaignId.scheduled(10), CustomerId.of("A")))
        .isPresent();
    try (Connection c = rawDataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE "
                    + store.table("journal")
                    + " SET state = 'ARCHIVED' WHERE customer_id = ?")) {
      ps.setString(1, "A");
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    DatabaseException e =
        catchThrowableOfType(
            DatabaseException.class,
            () -> store.executionJournal().entry(CampaignId.scheduled(10), CustomerId.of("A")));
    assertThat(e.getMessage()).contains("'ARCHIVED'").contains("newer version");
  }

  @Test
  void tablesHonourTheSchemaAndPrefix() throws Exception {
    JdbcStore store = track(settings().tablePrefix("relay_").build());
    store.executionJournal().record(entry(11, "A", RecipientState.DISPATCHED, ""));
    assertThat(store.executionJournal().count(CampaignId.scheduled(11))).isEqualTo(1);
    assertThat(logRows(store)).isZero();
    try (Connection c = rawDataSource().getConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT COUNT(*) FROM " + store.table("journal"))) {
      assertThat(store.table("journal")).endsWith(".relay_journal");
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
    // The default prefix's tables are another journal in the same schema.
    assertThat(open().executionJournal().entry(CampaignId.scheduled(11), CustomerId.of("A")))
        .isEmpty();
  }

  // --- the engine on this database ------------------------------------------------------------

  @Test
  void aLiveCampaignThatCrashesMidWayResumesOnANewStoreWithoutSendingAnyoneTwice() {
    EngineFixtures.CrashingChannel vendor = new EngineFixtures.CrashingChannel(true, 3, 40);
    Campaign c = EngineFixtures.campaign(20, 1000);

    JdbcStore first = open();
    CampaignExecutionException e =
        catchThrowableOfType(
            CampaignExecutionException.class,
            () ->
                executor(first, vendor, 1000)
                    .execute(c, EngineFixtures.template(), ExecutionMode.LIVE));
    assertThat(e.partialReport().dispatched()).isEqualTo(200);
    assertThat(first.executionJournal().pending(c.id())).hasSize(100);
    first.close(); // the process is gone

    JdbcStore second = open();
    ExecutionReport resumed =
        executor(second, vendor, 1000).execute(c, EngineFixtures.template(), ExecutionMode.LIVE);
    assertThat(resumed.skipped()).isEqualTo(200);
    assertThat(resumed.resent()).isEqualTo(100);
    assertThat(resumed.dispatched()).isEqualTo(800);
    assertThat(resumed.uncertain()).isZero();
    assertThat(second.executionJournal().pending(c.id())).isEmpty();
    assertThat(second.executionJournal().count(c.id())).isEqualTo(1000);

    List<String> customers = vendor.customers().collect(Collectors.toList());
    assertThat(customers).hasSize(1000);
    assertThat(new HashSet<>(customers)).hasSize(1000);
  }

  @Test
  void onAChannelWithoutDedupTheUnknownBatchIsReportedAsUncertainNotResent() {
    EngineFixtures.CrashingChannel vendor = new EngineFixtures.CrashingChannel(false, 2, 30);
    Campaign c = EngineFixtures.campaign(21, 400);

    JdbcStore first = open();
    catchThrowableOfType(
        CampaignExecutionException.class,
        () ->
            executor(first, vendor, 400).execute(c, EngineFixtures.template(), ExecutionMode.LIVE));
    first.close();

    ExecutionReport resumed =
        executor(open(), vendor, 400).execute(c, EngineFixtures.template(), ExecutionMode.LIVE);
    assertThat(resumed.uncertain()).isEqualTo(100);
    assertThat(resumed.skipped()).isEqualTo(100);
    assertThat(resumed.dispatched()).isEqualTo(200);
    // 100 + 30 + 200 delivered, nobody twice; the 70 never delivered are reported, not guessed.
    List<String> customers = vendor.customers().collect(Collectors.toList());
    assertThat(customers).hasSize(330);
    assertThat(new HashSet<>(customers)).hasSize(330);
  }

  private static CampaignExecutor executor(
      JdbcStore store, EngineFixtures.CrashingChannel channel, int targets) {
    return CampaignExecutor.builder()
        .targetSource(EngineFixtures.targets(targets))
        .channel(channel)
        .journal(store.executionJournal())
        .clock(CLOCK)
        .build();
  }
}
