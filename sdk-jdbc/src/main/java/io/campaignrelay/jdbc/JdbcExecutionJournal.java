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
 * An {@link ExecutionJournal} in a database ({@code <prefix>journal} and {@code
 * <prefix>journal_log} of a {@link JdbcStore}), so that any process on the same database resumes a
 * campaign run where it stopped.
 *
 * <p>Writes: {@link #recordAll(List)} appends the entries of each campaign it is given as one row
 * of the log (the entries encoded by the SDK into one binary column): one statement and one row,
 * however many recipients, so that a batch costs the database about what one row costs (measured on
 * PostgreSQL: about 3.5 us of server CPU per recipient, against 34-36 us for an upsert of a row per
 * recipient and outcome). Either all of it is committed when it returns, or none of it and it
 * throws a {@link DatabaseException} ({@link DatabaseUnavailableException} when the connection was
 * lost). Durable when it returns: PostgreSQL commits to its write-ahead log (with the server's
 * default {@code synchronous_commit}); the embedded H2 file is written at each commit.
 *
 * <p>Reads: the first read of a campaign after writes ({@link #entry(CampaignId, CustomerId)},
 * {@link #entries(CampaignId, Map)}, {@link #pending(CampaignId)}, {@link #count(CampaignId)})
 * folds that campaign's log, oldest row first, into {@code <prefix>journal} (one row per campaign +
 * customer, the latest entry wins) and deletes the rows it folded: on PostgreSQL in transactions of
 * at most {@value #ROWS_PER_FOLD} log rows, one at a time per campaign across processes (an
 * advisory lock); on H2 (embedded: one process) in one transaction; each read then is one indexed
 * query. A run on a fresh campaign reads nothing, so it never pays for the fold; a resumed run pays
 * it once for what was written before, then batch by batch (about the cost of an upsert per
 * recipient: a resumed run should write at about the speed of one row per recipient and outcome).
 * Folds of one campaign by several processes or stores wait for each other (the advisory lock and
 * row locks), and each row is applied once, in its order. Entries of one campaign written by calls
 * that follow each other are applied in the order the calls were made; the engine never writes one
 * recipient from two concurrent calls. Nothing is indexed in memory: the heap stays flat however
 * many recipients a campaign has (a fold holds one log row at a time).
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

  /** Most log rows folded in one transaction. */
  public static final int ROWS_PER_FOLD = 16;

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
  private final String log;
  private final String appendLog;
  private final String lastLogSeq;
  private final String lockLogRows;
  private final String readLogRow;
  private final String deleteLogRow;
  private final String anyLogRow;
  private final Object foldLock = new Object();

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
    this.log = store.table("journal_log");
    this.appendLog = "INSERT INTO " + log + " (campaign_id, entries) VALUES (?, ?)";
    this.lastLogSeq = "SELECT MAX(seq) FROM " + log + " WHERE campaign_id = ?";
    // PostgreSQL: at most ROWS_PER_FOLD rows per transaction, each transaction first taking the
    // campaign's advisory lock. H2 (embedded, one process): the whole fold in one transaction.
    this.lockLogRows =
        "SELECT seq FROM "
            + log
            + " WHERE campaign_id = ? AND seq <= ? ORDER BY seq"
            + (store.dialect() == Dialect.POSTGRESQL ? " LIMIT " + ROWS_PER_FOLD : "")
            + " FOR UPDATE";
    this.readLogRow = "SELECT entries FROM " + log + " WHERE campaign_id = ? AND seq = ?";
    this.deleteLogRow = "DELETE FROM " + log + " WHERE campaign_id = ? AND seq = ?";
    this.anyLogRow = "SELECT 1 FROM " + log + " WHERE campaign_id = ? LIMIT 1";
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
    // One log row per campaign, its entries in the caller's order (the engine gives one campaign).
    Map<CampaignId, List<JournalEntry>> byCampaign = new LinkedHashMap<>(2);
    CampaignId only = entries.get(0).campaignId();
    boolean oneCampaign = true;
    for (JournalEntry e : entries) {
      require(e, "entry");
      oneCampaign &= e.campaignId().equals(only);
    }
    if (oneCampaign) {
      byCampaign.put(only, entries);
    } else {
      for (JournalEntry e : entries) {
        byCampaign.computeIfAbsent(e.campaignId(), k -> new ArrayList<>()).add(e);
      }
    }
    List<Map.Entry<CampaignId, byte[]>> rows = new ArrayList<>(byCampaign.size());
    byCampaign.forEach(
        (campaign, list) -> rows.add(Map.entry(campaign, JournalLogFormat.encode(list))));
    store.run(
        "record " + entries.size() + " journal entries",
        rows.size() > 1,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(appendLog)) {
            for (Map.Entry<CampaignId, byte[]> row : rows) {
              ps.setString(1, row.getKey().value());
              ps.setBytes(2, row.getValue());
              ps.executeUpdate();
            }
          }
          return null;
        });
  }

  /**
   * Folds the campaign's log into the journal table: the rows present when it starts, oldest first,
   * at most {@value #ROWS_PER_FOLD} per transaction, each applied once (locked, upserted, deleted).
   * One query when the log holds nothing of the campaign.
   */
  private void fold(CampaignId campaignId) {
    String campaign = campaignId.value();
    Long last =
        store.run(
            "look for the campaign's unfolded journal writes",
            false,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(lastLogSeq)) {
                ps.setString(1, campaign);
                try (ResultSet rs = ps.executeQuery()) {
                  long v = rs.next() ? rs.getLong(1) : 0L;
                  return rs.wasNull() ? null : v;
                }
              }
            });
    if (last == null) {
      return;
    }
    // Within this process, one fold at a time; processes sharing the database wait for each
    // other's row locks.
    synchronized (foldLock) {
      while (store.run(
          "fold the campaign's journal writes",
          true,
          c -> {
            if (store.dialect() == Dialect.POSTGRESQL) {
              // One fold transaction of a campaign at a time across processes, so that the
              // campaign's rows are applied in their order even when two processes fold at once
              // (row locks alone would let a second fold apply later rows while the first one,
              // between two transactions, still has earlier ones to apply).
              try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, foldLockKey(campaign));
                lock.execute();
              }
            }
            List<Long> seqs = new ArrayList<>(ROWS_PER_FOLD);
            try (PreparedStatement ps = c.prepareStatement(lockLogRows)) {
              ps.setString(1, campaign);
              ps.setLong(2, last);
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  seqs.add(rs.getLong(1));
                }
              }
            }
            if (seqs.isEmpty()) {
              return false;
            }
            Map<String, JournalEntry> latest = new LinkedHashMap<>();
            try (PreparedStatement read = c.prepareStatement(readLogRow);
                PreparedStatement delete = c.prepareStatement(deleteLogRow)) {
              for (long seq : seqs) {
                read.setString(1, campaign);
                read.setLong(2, seq);
                byte[] bytes;
                try (ResultSet rs = read.executeQuery()) {
                  if (!rs.next()) {
                    continue;
                  }
                  bytes = rs.getBytes(1);
                }
                JournalLogFormat.decode(
                    bytes,
                    campaignId,
                    log,
                    store.database(),
                    e -> latest.put(e.customerId().value(), e));
                delete.setString(1, campaign);
                delete.setLong(2, seq);
                delete.executeUpdate();
                if (latest.size() >= ROWS_PER_STATEMENT) {
                  flush(c, latest);
                }
              }
            }
            flush(c, latest);
            // Until a transaction finds none left (one more query, and no reasoning about which
            // rows another process's fold took meanwhile).
            return true;
          })) {
        // The next rows, in a new transaction: each holds at most ROWS_PER_FOLD log rows.
      }
    }
  }

  /** The advisory lock's key of a campaign's fold: a 64-bit hash of the log table and campaign. */
  private long foldLockKey(String campaign) {
    long h = 1125899906842597L;
    for (String part : new String[] {log, "\u0000", campaign}) {
      for (int i = 0; i < part.length(); i++) {
        h = 31 * h + part.charAt(i);
      }
    }
    return h ^ (h >>> 29);
  }

  private void flush(Connection c, Map<String, JournalEntry> latest) throws SQLException {
    if (latest.isEmpty()) {
      return;
    }
    List<JournalEntry> rows = new ArrayList<>(latest.values());
    latest.clear();
    for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
      upsert(c, rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
    }
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
    fold(campaignId);
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
    fold(campaignId);
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
    fold(campaignId);
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
   * How many recipients of a campaign the journal holds (after folding its log: after a run of N
   * recipients, about the cost of N upserts).
   *
   * @param campaignId the campaign
   * @return the count of recipients recorded (each once, whatever its state)
   */
  public long count(CampaignId campaignId) {
    require(campaignId, "campaignId");
    fold(campaignId);
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
   * Whether the campaign has any entry, folded or not: two indexed queries, asked once per LIVE
   * run, so that a new campaign needs no per-batch lookups (and no fold).
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
          for (String query : List.of(anyLogRow, anyRow)) {
            try (PreparedStatement ps = c.prepareStatement(query)) {
              ps.setString(1, campaignId.value());
              try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                  return true;
                }
              }
            }
          }
          return false;
        });
  }

  /** Shows the store's database (no password) and the tables. */
  @Override
  public String toString() {
    return "JdbcExecutionJournal{" + store.database() + ", table=" + table + ", log=" + log + '}';
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
