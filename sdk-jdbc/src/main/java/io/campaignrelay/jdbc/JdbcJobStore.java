package io.campaignrelay.jdbc;

import io.campaignrelay.core.runtime.JobKey;
import io.campaignrelay.core.runtime.JobStore;
import io.campaignrelay.core.runtime.ScheduledJob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link JobStore} in a database table ({@code <prefix>jobs} of a {@link JdbcStore}), for an
 * embedded {@link io.campaignrelay.core.runtime.ClockScheduler} whose jobs must survive the process
 * (or its host) on a database. {@link #putIfAbsent} is atomic (the primary key). A ClockScheduler
 * runs jobs in one process at a time; for several instances sharing jobs use {@link DbScheduler}.
 *
 * <p>Kept as stored: instants to the microsecond; an error message to 4000 characters. Thread-safe.
 */
public final class JdbcJobStore implements JobStore {
  private static final String WHAT = "job store";
  private static final List<String> COLUMNS =
      List.of(
          "job_key", "next_run_at", "daily_at", "zone", "state", "runs", "failures", "last_error");

  private final JdbcStore store;
  private final String insert;
  private final String upsert;
  private final String selectOne;
  private final String selectDue;
  private final String selectAll;

  JdbcJobStore(JdbcStore store) {
    this.store = store;
    String table = store.table("jobs");
    String cols = String.join(", ", COLUMNS);
    this.insert = "INSERT INTO " + table + " (" + cols + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    this.upsert = store.dialect().upsertRow(table, COLUMNS, List.of("job_key"));
    this.selectOne = "SELECT " + cols + " FROM " + table + " WHERE job_key = ?";
    this.selectDue =
        "SELECT "
            + cols
            + " FROM "
            + table
            + " WHERE state = 'SCHEDULED' AND next_run_at <= ? ORDER BY next_run_at, job_key";
    this.selectAll = "SELECT " + cols + " FROM " + table + " ORDER BY job_key";
  }

  @Override
  public Optional<ScheduledJob> get(JobKey key) {
    Rows.require(key, "key", WHAT);
    return store.run(
        "read job " + key,
        false,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(selectOne)) {
            ps.setString(1, key.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public boolean putIfAbsent(ScheduledJob job) {
    Rows.require(job, "job", WHAT);
    return store.run(
        "schedule job " + job.key(),
        false,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(insert)) {
            bind(ps, job);
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
  public void put(ScheduledJob job) {
    Rows.require(job, "job", WHAT);
    store.run(
        "store job " + job.key(),
        false,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(upsert)) {
            bind(ps, job);
            ps.executeUpdate();
            return null;
          }
        });
  }

  @Override
  public List<ScheduledJob> due(Instant now) {
    Rows.require(now, "now", WHAT);
    return list(selectDue, now);
  }

  @Override
  public List<ScheduledJob> all() {
    return list(selectAll, null);
  }

  @Override
  public String toString() {
    return "JdbcJobStore{" + store.database() + '}';
  }

  private List<ScheduledJob> list(String sql, Instant now) {
    return store.run(
        "read jobs",
        false,
        c -> {
          List<ScheduledJob> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (now != null) {
              Rows.setTs(ps, 1, now);
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(read(rs));
              }
            }
          }
          return out;
        });
  }

  private static void bind(PreparedStatement ps, ScheduledJob j) throws SQLException {
    ps.setString(1, j.key().value());
    Rows.setTs(ps, 2, j.nextRunAt());
    ps.setString(3, j.dailyAt().map(LocalTime::toString).orElse(null));
    ps.setString(4, j.zone().map(ZoneId::getId).orElse(null));
    ps.setString(5, j.state().name());
    ps.setInt(6, j.runs());
    ps.setInt(7, j.failures());
    String error = j.lastError();
    ps.setString(8, error.length() > 4000 ? error.substring(0, 4000) : error);
  }

  private static ScheduledJob read(ResultSet rs) throws SQLException {
    String daily = rs.getString("daily_at");
    String zone = rs.getString("zone");
    return ScheduledJob.restore(
        new JobKey(rs.getString("job_key")),
        Rows.getTs(rs, "next_run_at"),
        daily == null ? null : LocalTime.parse(daily),
        zone == null ? null : ZoneId.of(zone),
        ScheduledJob.State.valueOf(rs.getString("state")),
        rs.getInt("runs"),
        rs.getInt("failures"),
        rs.getString("last_error"));
  }
}
