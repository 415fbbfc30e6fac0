package io.campaignrelay.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.sql.DataSource;

/**
 * Hands out connections of a {@link DataSource}. A host's data source (usually a pool) is used as
 * it is: each borrowed connection is closed after use, which returns it to the host's pool. For a
 * store that opened the database itself (a JDBC URL, the H2 file), a few idle connections are kept
 * for reuse, so that a journal call does not pay for a new connection, and the H2 database stays
 * open between calls. A connection that failed is closed, never reused. Thread-safe.
 */
final class ConnectionSource implements AutoCloseable {
  static final int MAX_IDLE = 8;

  private final DataSource dataSource;
  private final boolean keepIdle;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  ConnectionSource(DataSource dataSource, boolean keepIdle) {
    this.dataSource = dataSource;
    this.keepIdle = keepIdle;
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** Whether idle connections are kept (so a borrowed one may have gone stale meanwhile). */
  boolean keepsIdle() {
    return keepIdle;
  }

  Connection borrow() throws SQLException {
    return borrow(false);
  }

  /** A connection; with {@code fresh}, a new one even when idle ones are kept. */
  Connection borrow(boolean fresh) throws SQLException {
    if (keepIdle && !fresh) {
      synchronized (this) {
        if (closed) {
          throw new SQLException("the store is closed", "08003");
        }
        Connection c;
        while ((c = idle.pollFirst()) != null) {
          if (!c.isClosed()) {
            return c;
          }
        }
      }
    }
    return dataSource.getConnection();
  }

  void release(Connection c, boolean broken) {
    if (c == null) {
      return;
    }
    if (keepIdle && !broken) {
      synchronized (this) {
        if (!closed && idle.size() < MAX_IDLE) {
          idle.addFirst(c);
          return;
        }
      }
    }
    closeQuietly(c);
  }

  /** Closes the idle connections (after one was found dead: the others likely are too). */
  void evictIdle() {
    Deque<Connection> toClose;
    synchronized (this) {
      toClose = new ArrayDeque<>(idle);
      idle.clear();
    }
    toClose.forEach(ConnectionSource::closeQuietly);
  }

  @Override
  public void close() {
    Deque<Connection> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayDeque<>(idle);
      idle.clear();
    }
    toClose.forEach(ConnectionSource::closeQuietly);
  }

  static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException | RuntimeException ignored) {
      // Nothing to do: the connection is gone either way.
    }
  }
}
