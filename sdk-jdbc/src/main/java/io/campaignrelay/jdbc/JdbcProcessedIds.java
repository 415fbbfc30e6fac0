package io.campaignrelay.jdbc;

import io.campaignrelay.core.runtime.ProcessedIds;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * {@link ProcessedIds} in a database table ({@code <prefix>processed_ids} of a {@link JdbcStore}),
 * shared by every instance on the database.
 *
 * <p>{@link #markIfAbsent} is atomic across instances: it deletes the id's row only if it expired
 * by the caller's {@code now}, then inserts it; the primary key lets exactly one of several
 * instances marking the same id at once insert it (the others get {@code false}: a repeat). Expiry
 * is judged on the caller's {@code now} (not the database's clock), like every other implementation
 * of the port, so instances must keep their clocks in step (NTP); a skew of {@code s} only makes an
 * id count as seen up to {@code s} longer or shorter. Expired rows stay until {@link
 * #purgeExpired(Instant)} (or a new mark of the same id) removes them; a host calls it now and then
 * (e.g. from a daily job). Thread-safe.
 */
public final class JdbcProcessedIds implements ProcessedIds {
  private static final String WHAT = "processed ids";

  private final JdbcStore store;
  private final String deleteExpired;
  private final String insert;
  private final String select;
  private final String purge;

  JdbcProcessedIds(JdbcStore store) {
    this.store = store;
    String table = store.table("processed_ids");
    this.deleteExpired =
        "DELETE FROM " + table + " WHERE namespace = ? AND id = ? AND expires_at <= ?";
    this.insert = "INSERT INTO " + table + " (namespace, id, expires_at) VALUES (?, ?, ?)";
    this.select =
        "SELECT COUNT(*) FROM " + table + " WHERE namespace = ? AND id = ? AND expires_at > ?";
    this.purge = "DELETE FROM " + table + " WHERE expires_at <= ?";
  }

  @Override
  public boolean markIfAbsent(String namespace, String id, Instant now, Instant expiresAt) {
    Rows.requireLength(namespace, "namespace", 200, WHAT);
    Rows.requireLength(id, "id", 1000, WHAT);
    Rows.require(now, "now", WHAT);
    Rows.require(expiresAt, "expiresAt", WHAT);
    return store.run(
        "mark " + namespace + " id as processed",
        false,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(deleteExpired)) {
            ps.setString(1, namespace);
            ps.setString(2, id);
            Rows.setTs(ps, 3, now);
            ps.executeUpdate();
          }
          try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setString(1, namespace);
            ps.setString(2, id);
            Rows.setTs(ps, 3, expiresAt);
            ps.executeUpdate();
            return true;
          } catch (SQLException e) {
            if (Rows.isDuplicateKey(e)) {
              return false;
            }
            throw e;
          }
        });
  }

  @Override
  public boolean contains(String namespace, String id, Instant now) {
    Rows.require(namespace, "namespace", WHAT);
    Rows.require(id, "id", WHAT);
    Rows.require(now, "now", WHAT);
    return store.run(
        "read processed ids",
        false,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(select)) {
            ps.setString(1, namespace);
            ps.setString(2, id);
            Rows.setTs(ps, 3, now);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1) > 0;
            }
          }
        });
  }

  /**
   * Deletes every id expired by {@code now}.
   *
   * @param now the current instant
   * @return how many rows were deleted
   */
  public int purgeExpired(Instant now) {
    Rows.require(now, "now", WHAT);
    return store.run(
        "purge expired processed ids",
        false,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(purge)) {
            Rows.setTs(ps, 1, now);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public String toString() {
    return "JdbcProcessedIds{" + store.database() + '}';
  }
}
