package io.campaignrelay.jdbc;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.outbox.MetricsOutbox;
import io.campaignrelay.core.outbox.OutboxEntry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link MetricsOutbox} in a database table ({@code <prefix>metrics_outbox} of a {@link
 * JdbcStore}), shared by every instance on the database.
 *
 * <p>{@link #append(List)} inserts the new ids in one transaction (ids pending or acknowledged
 * within the {@link #retention()} are skipped; on PostgreSQL with {@code ON CONFLICT DO NOTHING},
 * so instances appending the same id at once store it once; on H2 a racing duplicate fails the
 * append, which changes nothing and may be repeated). {@link #pending(String, int)} reads a topic's
 * oldest unacknowledged rows in append order; {@link #acknowledge(Collection)} marks rows with the
 * clock's time in one statement. Both durable when they return. Acknowledged rows older than the
 * retention are deleted by each append and acknowledgement. Nothing is held in memory.
 *
 * <p>One deliverer: {@code pending} does not lease rows, so run a single flush job across instances
 * (on {@link DbScheduler} a job with one key runs on one instance at a time). Thread-safe.
 */
public final class JdbcMetricsOutbox implements MetricsOutbox {
  private final JdbcStore store;
  private final Clock clock;
  private final Duration retention;
  private final String insert;
  private final String selectPending;
  private final String acknowledge;
  private final String prune;
  private final String depthAll;
  private final String depthTopic;

  JdbcMetricsOutbox(JdbcStore store, Clock clock, Duration retention) {
    this.store = store;
    this.clock = clock;
    this.retention = retention;
    String table = store.table("metrics_outbox");
    String cols = "id, topic, payload, created_at";
    this.insert =
        store.dialect() == Dialect.POSTGRESQL
            ? "INSERT INTO " + table + " (" + cols + ") VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"
            : "INSERT INTO "
                + table
                + " ("
                + cols
                + ") SELECT ?, ?, ?, ? FROM (VALUES (1)) AS one(x) WHERE NOT EXISTS (SELECT 1"
                + " FROM "
                + table
                + " WHERE id = ?)";
    this.selectPending =
        "SELECT "
            + cols
            + " FROM "
            + table
            + " WHERE topic = ? AND acknowledged_at IS NULL ORDER BY seq FETCH FIRST ? ROWS ONLY";
    this.acknowledge =
        "UPDATE "
            + table
            + " SET acknowledged_at = ? WHERE id = ANY(?) AND acknowledged_at IS NULL";
    this.prune = "DELETE FROM " + table + " WHERE acknowledged_at < ?";
    this.depthAll = "SELECT COUNT(*) FROM " + table + " WHERE acknowledged_at IS NULL";
    this.depthTopic = depthAll + " AND topic = ?";
  }

  /**
   * An outbox on a store's database.
   *
   * @param store the store
   * @param clock the clock of acknowledgements and of the retention
   * @param retention how long acknowledged ids are remembered (zero or more)
   * @return the outbox
   * @throws ConfigurationException if an argument is missing or negative
   */
  public static JdbcMetricsOutbox of(JdbcStore store, Clock clock, Duration retention) {
    List<ConfigurationProblem> problems = new ArrayList<>();
    if (store == null) {
      problems.add(ConfigurationProblem.of("store", null, "give a JdbcStore"));
    }
    if (clock == null) {
      problems.add(ConfigurationProblem.of("clock", null, "use Clock.systemUTC()"));
    }
    if (retention == null || retention.isNegative()) {
      problems.add(
          ConfigurationProblem.of(
              "retention", retention, "give zero or more, e.g. MetricsOutbox.DEFAULT_RETENTION"));
    }
    ConfigurationException.throwIfAny("metrics outbox", problems);
    return new JdbcMetricsOutbox(store, clock, retention);
  }

  @Override
  public int append(List<OutboxEntry> entries) {
    Rows.require(entries, "entries", "metrics outbox");
    Map<String, OutboxEntry> fresh = new LinkedHashMap<>();
    for (OutboxEntry e : entries) {
      Rows.require(e, "entry", "metrics outbox");
      fresh.putIfAbsent(e.id(), e);
    }
    if (fresh.isEmpty()) {
      return 0;
    }
    Instant now = clock.instant();
    return store.run(
        "append " + fresh.size() + " metrics outbox entries",
        true,
        c -> {
          prune(c, now);
          int added = 0;
          try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (OutboxEntry e : fresh.values()) {
              ps.setString(1, e.id());
              ps.setString(2, e.topic());
              ps.setString(3, e.payload());
              Rows.setTs(ps, 4, e.createdAt());
              if (store.dialect() == Dialect.H2) {
                ps.setString(5, e.id());
              }
              ps.addBatch();
            }
            for (int n : ps.executeBatch()) {
              added += n > 0 ? 1 : 0;
            }
          }
          return added;
        });
  }

  @Override
  public List<OutboxEntry> pending(String topic, int max) {
    Rows.require(topic, "topic", "metrics outbox");
    if (max < 1) {
      throw new ConfigurationException(
          "metrics outbox", ConfigurationProblem.of("max", max, "ask for 1 or more entries"));
    }
    return store.run(
        "read pending metrics outbox entries",
        false,
        c -> {
          List<OutboxEntry> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(selectPending)) {
            ps.setString(1, topic);
            ps.setInt(2, max);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new OutboxEntry(
                        rs.getString("id"),
                        rs.getString("topic"),
                        rs.getString("payload"),
                        Rows.getTs(rs, "created_at")));
              }
            }
          }
          return out;
        });
  }

  @Override
  public void acknowledge(Collection<String> ids) {
    Rows.require(ids, "ids", "metrics outbox");
    Set<String> known = new LinkedHashSet<>();
    ids.stream().filter(Objects::nonNull).forEach(known::add);
    if (known.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    store.run(
        "acknowledge " + known.size() + " metrics outbox entries",
        true,
        c -> {
          Array array = c.createArrayOf("VARCHAR", known.toArray(new String[0]));
          try (PreparedStatement ps = c.prepareStatement(acknowledge)) {
            Rows.setTs(ps, 1, now);
            ps.setArray(2, array);
            ps.executeUpdate();
          } finally {
            array.free();
          }
          prune(c, now);
          return null;
        });
  }

  @Override
  public long depth() {
    return count(depthAll, null);
  }

  @Override
  public long depth(String topic) {
    Rows.require(topic, "topic", "metrics outbox");
    return count(depthTopic, topic);
  }

  @Override
  public Duration retention() {
    return retention;
  }

  @Override
  public String toString() {
    return "JdbcMetricsOutbox{" + store.database() + '}';
  }

  private long count(String sql, String topic) {
    return store.run(
        "count metrics outbox entries",
        false,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (topic != null) {
              ps.setString(1, topic);
            }
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  private void prune(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(prune)) {
      Rows.setTs(ps, 1, now.minus(retention));
      ps.executeUpdate();
    }
  }
}
