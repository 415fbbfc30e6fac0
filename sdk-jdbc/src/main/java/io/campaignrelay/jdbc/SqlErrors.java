package io.campaignrelay.jdbc;

import io.campaignrelay.core.Secret;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** Turns driver exceptions into the store's typed exceptions, with messages free of passwords. */
final class SqlErrors {
  private SqlErrors() {}

  /** The first SQLException in a cause chain, or null. */
  static SQLException sqlCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException s) {
        return s;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  static boolean isConnectionFailure(SQLException e) {
    String state = e.getSQLState();
    return e instanceof SQLNonTransientConnectionException
        || e instanceof SQLTransientConnectionException
        || (state != null
            && (state.startsWith("08") // connection exception
                || state.startsWith("28") // invalid authorization (wrong user or password)
                || state.equals("3D000") // PostgreSQL: database does not exist
                || state.equals("57P01") // PostgreSQL: admin shutdown
                || state.equals("57P03") // PostgreSQL: cannot connect now (starting up)
                || state.equals("90020") // H2: database already open by another process
                || state.equals("90146"))); // H2: database not found (IFEXISTS)
  }

  /**
   * The typed exception for a failure while doing {@code what} on {@code database}: a {@link
   * DatabaseUnavailableException} for a connection or login failure, a {@link DatabaseException}
   * otherwise.
   */
  static DatabaseException translate(
      String what, String database, Throwable failure, Secret password) {
    SQLException sql = sqlCause(failure);
    String state = sql == null ? null : sql.getSQLState();
    String said = JdbcUrls.scrub(failure.getMessage(), password);
    if (sql != null && sql != failure) {
      said = said + " (" + JdbcUrls.scrub(sql.getMessage(), password) + ")";
    }
    String where = " (" + database + (state == null ? "" : ", SQLState " + state) + "): ";
    if (sql != null && isConnectionFailure(sql)) {
      return new DatabaseUnavailableException(
          "cannot " + what + where + said + "; " + fix(state), state, failure);
    }
    return new DatabaseException("cannot " + what + where + said, state, failure);
  }

  private static String fix(String state) {
    if (state == null) {
      return "check that the database is running and reachable at that URL";
    }
    if (state.startsWith("28")) {
      return "check the user and password given to the store";
    }
    if (state.equals("3D000")) {
      return "create the database first, or give the URL of one that exists";
    }
    if (state.equals("90020")) {
      return "another process holds this H2 file: give each process its own file, or share a"
          + " PostgreSQL between several instances";
    }
    return "check that the database is running and reachable at that URL (host, port, database"
        + " name), and that no firewall is in the way";
  }
}
