package io.campaignrelay.jdbc;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.execution.ExecutionJournal;
import io.campaignrelay.core.execution.IdempotencyKey;
import io.campaignrelay.core.execution.JournalEntry;
import io.campaignrelay.core.execution.RecipientState;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link ExecutionJournal} in a database table ({@code <prefix>journal} of a {@link JdbcStore}):
 * one row per campaign + customer, replaced by each new state (the latest entry wins), so that any
 * process on the same database resumes a campaign run where it stopped.
 *
 * <p>Writes: {@link #recordAll(List)} writes a batch of up to {@value #ROWS_PER_STATEMENT} distinct
 * recipients with one statement on PostgreSQL (an upsert of the rows passed as arrays: one round
 * trip), and with one JDBC batch in a transaction on H2; larger batches take several such
 * statements in one transaction. Either all of it is committed when it returns, or none of it and
 * it throws a {@link DatabaseException} ({@link DatabaseUnavailableException} when the connection
 * was lost). Durable when it returns: PostgreSQL commits to its write-ahead log (with the server's
 * default {@code synchronous_commit}); the embedded H2 file is written at each commit. Entries of
 * one batch for the same recipient collapse to the last of them.
 *
 * <p>Reads: {@link #entry(CampaignId, CustomerId)} is one primary-key lookup; {@link
 * #entries(CampaignId, Map)} answers a whole batch with one query. Nothing is indexed in memory:
 * the heap stays flat however many recipients a campaign has.
 *
 * <p>Kept as stored: the entry's time to the microsecond (finer digits are dropped). Thread-safe.
 */
public final class JdbcExecutionJournal implements ExecutionJournal {

  /**
   * Most recipients written by one statement; larger batches use several in one transaction. The
   * engine writes a batch's PENDING entries together with the previous batches' outcomes, so one
   * write holds a few batches' worth of rows (Delivyr's batches are 1,000).
   */
  public static final int ROWS_PER_STATEMENT = 5000;

  private static final List<String> COLUMNS =
      List.of("campaign_id", "customer_id", "state", "idempotency_key", "recorded_at", "detail");
  private static final List<String> CASTS =
      List.of("varchar", "varchar", "varchar", "varchar", "timestamptz", "varchar");
  private static final List<String> KEY = List.of("campaign_id", "customer_id");

  private final JdbcStore store;
  private final String table;
  private final String upsert;
  private final String selectOne;
  private final String selectMany;
  private final String selectPending;
  private final String countRows;
  private final String anyRow;

  JdbcExecutionJournal(JdbcStore store) {
    this.store = store;
    this.table = store.table("journal");
    this.upsert = store.dialect().upsert(table, COLUMNS, CASTS, KEY);
    String cols = "customer_id, state, idempotency_key, recorded_at, detail";
    this.selectOne =
        "SELECT " + cols + " FROM " + table + " WHERE campaign_id = ? AND customer_id = ?";
    this.selectMany =
        "SELECT " + cols + " FROM " + table + " WHERE campaign_id = ? AND customer_id = ANY(?)";
    this.selectPending =
        "SELECT "
            + cols
            + " FROM "
            + table
            + " WHERE campaign_id = ? AND state = '"
            + RecipientState.PENDING.name()
            + "' ORDER BY customer_id";
    this.countRows = "SELECT COUNT(*) FROM " + table + " WHERE campaign_id = ?";
    this.anyRow = "SELECT 1 FROM " + table + " WHERE campaign_id = ? LIMIT 1";
  }

  /**
   * The journal of a store (the same as {@link JdbcStore#executionJournal()}).
   *
   * @param store the store
   * @return its journal
   */
  public static JdbcExecutionJournal of(JdbcStore store) {
    if (store == null) {
      throw new ConfigurationException(
          "execution journal",
          ConfigurationProblem.of("store", null, "give a JdbcStore, e.g. JdbcStore.h2(path)"));
    }
    return store.executionJournal();
  }

  @Override
  public void record(JournalEntry entry) {
    recordAll(List.of(require(entry, "entry")));
  }

  @Override
  public void recordAll(List<JournalEntry> entries) {
    require(entries, "entries");
    if (entries.isEmpty()) {
      return;
    }
    // The last entry of a recipient wins, as if the entries were recorded one by one.
    Map<List<String>, JournalEntry> latest = new LinkedHashMap<>(entries.size() * 2);
    for (JournalEntry e : entries) {
      require(e, "entry");
      latest.put(List.of(e.campaignId().value(), e.customerId().value()), e);
    }
    List<JournalEntry> rows = new ArrayList<>(latest.values());
    // One PostgreSQL statement is atomic by itself; H2's JDBC batch and several statements need a
    // transaction.
    boolean transaction = store.dialect() == Dialect.H2 || rows.size() > ROWS_PER_STATEMENT;
    store.run(
        "record " + rows.size() + " journal entries",
        transaction,
        c -> {
          for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            upsert(c, rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
          }
          return null;
        });
  }

  private void upsert(Connection c, List<JournalEntry> rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(upsert)) {
      if (store.dialect() == Dialect.POSTGRESQL) {
        String[][] columns = new String[COLUMNS.size()][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
          JournalEntry e = rows.get(r);
          columns[0][r] = e.campaignId().value();
          columns[1][r] = e.customerId().value();
          columns[2][r] = e.state().name();
          columns[3][r] = e.idempotencyKey().value();
          columns[4][r] = e.at().truncatedTo(ChronoUnit.MICROS).toString();
          columns[5][r] = e.detail();
        }
        for (int col = 0; col < columns.length; col++) {
          ps.setArray(col + 1, c.createArrayOf("text", columns[col]));
        }
        ps.executeUpdate();
      } else {
        for (JournalEntry e : rows) {
          ps.setString(1, e.campaignId().value());
          ps.setString(2, e.customerId().value());
          ps.setString(3, e.state().name());
          ps.setString(4, e.idempotencyKey().value());
          ps.setObject(
              5, OffsetDateTime.ofInstant(e.at().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
          ps.setString(6, e.detail());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  @Override
  public Optional<JournalEntry> entry(CampaignId campaignId, CustomerId customerId) {
    require(campaignId, "campaignId");
    require(customerId, "customerId");
    return store.run(
        "read the journal entry of a recipient",
        false,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(selectOne)) {
            ps.setString(1, campaignId.value());
            ps.setString(2, customerId.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(read(campaignId, rs)) : Optional.empty();
            }
          }
        });
  }

  /** The key is not needed: the table is keyed by campaign + customer. */
  @Override
  public Optional<JournalEntry> entry(
      CampaignId campaignId, CustomerId customerId, IdempotencyKey key) {
    return entry(campaignId, customerId);
  }

  /** One query for the whole batch, however many recipients it has. */
  @Override
  public Map<IdempotencyKey, JournalEntry> entries(
      CampaignId campaignId, Map<IdempotencyKey, CustomerId> recipients) {
    require(campaignId, "campaignId");
    require(recipients, "recipients");
    if (recipients.isEmpty()) {
      return new HashMap<>();
    }
    Map<String, IdempotencyKey> keyOf = new HashMap<>(recipients.size() * 2);
    recipients.forEach((key, customer) -> keyOf.put(require(customer, "customerId").value(), key));
    String[] ids = keyOf.keySet().toArray(new String[0]);
    return store.run(
        "read the journal entries of " + ids.length + " recipients",
        false,
        c -> {
          Map<IdempotencyKey, JournalEntry> found = new HashMap<>(ids.length * 2);
          Array array = c.createArrayOf("VARCHAR", ids);
          try (PreparedStatement ps = c.prepareStatement(selectMany)) {
            planEachTime(ps);
            ps.setString(1, campaignId.value());
            ps.setArray(2, array);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                JournalEntry e = read(campaignId, rs);
                found.put(keyOf.get(e.customerId().value()), e);
              }
            }
          } finally {
            array.free();
          }
          return found;
        });
  }

  /**
   * The recipients of a campaign left PENDING (handed to a channel, outcome never recorded), in
   * customer id order. Normally at most a batch or two; reconcile them before re-sending.
   *
   * @param campaignId the campaign
   * @return the pending entries
   */
  public List<JournalEntry> pending(CampaignId campaignId) {
    require(campaignId, "campaignId");
    return store.run(
        "read the pending journal entries",
        false,
        c -> {
          List<JournalEntry> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(selectPending)) {
            ps.setString(1, campaignId.value());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(read(campaignId, rs));
              }
            }
          }
          return out;
        });
  }

  /**
   * How many recipients of a campaign the journal holds.
   *
   * @param campaignId the campaign
   * @return the count of recipients recorded (each once, whatever its state)
   */
  public long count(CampaignId campaignId) {
    require(campaignId, "campaignId");
    return store.run(
        "count the journal entries",
        false,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(countRows)) {
            ps.setString(1, campaignId.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getLong(1) : 0L;
            }
          }
        });
  }

  /**
   * Whether the campaign has any entry: one indexed query, asked once per LIVE run, so that a new
   * campaign needs no per-batch lookups.
   *
   * @param campaignId the campaign
   * @return false only if no entry of the campaign is stored
   */
  @Override
  public boolean mayHaveEntries(CampaignId campaignId) {
    require(campaignId, "campaignId");
    return store.run(
        "look for the campaign's journal entries",
        false,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(anyRow)) {
            ps.setString(1, campaignId.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  /** Shows the store's database (no password) and the table. */
  @Override
  public String toString() {
    return "JdbcExecutionJournal{" + store.database() + ", table=" + table + '}';
  }

  private JournalEntry read(CampaignId campaignId, ResultSet rs) throws SQLException {
    String state = rs.getString("state");
    RecipientState parsed;
    try {
      parsed = RecipientState.valueOf(state);
    } catch (IllegalArgumentException e) {
      throw new DatabaseException(
          "the journal "
              + table
              + " ("
              + store.database()
              + ") holds the state '"
              + state
              + "', unknown to this Campaign Relay: it was written by a newer version; upgrade"
              + " this one",
          null,
          e);
    }
    Instant at = rs.getObject("recorded_at", OffsetDateTime.class).toInstant();
    return new JournalEntry(
        campaignId,
        CustomerId.of(rs.getString("customer_id")),
        parsed,
        new IdempotencyKey(rs.getString("idempotency_key")),
        at,
        rs.getString("detail"));
  }

  private static <T> T require(T value, String field) {
    if (value == null) {
      throw new ConfigurationException(
          "execution journal call", ConfigurationProblem.of(field, null, "give a value"));
    }
    if (value instanceof Collection<?> c) {
      for (Object element : c) {
        if (element == null) {
          throw new ConfigurationException(
              "execution journal call",
              ConfigurationProblem.of(field, "a list with null", "leave out the null elements"));
        }
      }
    }
    return value;
  }

  /**
   * On PostgreSQL's driver, plans the lookup at each execution instead of reusing a generic plan: a
   * plan made while the journal was small (the first batches of a campaign) is a sequential scan,
   * which a server-side prepared statement would keep for the whole run (measured: 0.5 s per batch
   * of 1,000 at 100,000 rows, against milliseconds with the primary key).
   */
  private static void planEachTime(PreparedStatement ps) throws SQLException {
    if (ps.isWrapperFor(org.postgresql.PGStatement.class)) {
      ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
    }
  }
}
