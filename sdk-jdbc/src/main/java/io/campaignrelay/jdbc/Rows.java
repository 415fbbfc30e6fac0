package io.campaignrelay.jdbc;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Small JDBC helpers shared by the store's tables. */
final class Rows {
  private Rows() {}

  /** An instant as a column value: UTC, to the microsecond (what both databases keep). */
  static OffsetDateTime ts(Instant at) {
    return at == null ? null : OffsetDateTime.ofInstant(micros(at), ZoneOffset.UTC);
  }

  /** An instant as it comes back from the database. */
  static Instant micros(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  static void setTs(PreparedStatement ps, int index, Instant at) throws SQLException {
    ps.setObject(index, ts(at));
  }

  static Instant getTs(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** Whether the failure is a unique or primary key violation (SQLState 23505 on both). */
  static boolean isDuplicateKey(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if ("23505".equals(s.getSQLState())) {
        return true;
      }
      if (s.getNextException() == s) {
        break;
      }
    }
    return false;
  }

  /** Refuses a missing argument with the store's typed error rather than an NPE. */
  static <T> T require(T value, String name, String what) {
    if (value == null) {
      throw new ConfigurationException(what, ConfigurationProblem.of(name, null, "must be given"));
    }
    return value;
  }

  /** Refuses a text longer than its column with the store's typed error. */
  static String requireLength(String value, String name, int max, String what) {
    require(value, name, what);
    if (value.length() > max) {
      throw new ConfigurationException(
          what,
          ConfigurationProblem.of(
              name,
              value.substring(0, Math.min(40, value.length())) + "...",
              "is " + value.length() + " characters: the store keeps at most " + max));
    }
    return value;
  }
}
