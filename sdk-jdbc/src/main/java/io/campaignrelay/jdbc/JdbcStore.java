package io.campaignrelay.jdbc;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Campaign Relay's state in a database: owns the connections and the schema, and hands out the
 * state ports kept there: the {@link #executionJournal() execution journal}, the {@link
 * #campaignLedger() campaign ledger}, {@link #processedIds() processed ids}, {@link
 * #campaignClaims() campaign claims}, a {@link #metricsOutbox() metrics outbox} and a {@link
 * #jobStore() job store}; {@link JdbcSendCaps} and {@link JdbcListenerTokens} are built on a store.
 * PostgreSQL in production, H2 in a file as the embedded default (nothing to install).
 *
 * <pre>{@code
 * // Embedded: one file, created on first use.
 * try (JdbcStore store = JdbcStore.h2(Path.of("state/campaign-relay"))) { ... }
 * // Production: the host's pooled DataSource (HikariCP or the container's), or a JDBC URL.
 * JdbcStore store = JdbcStore.builder().dataSource(hikari).schema("campaign_relay").build();
 * CampaignExecutor executor = CampaignExecutor.builder().journal(store.executionJournal())...
 * }</pre>
 *
 * <p>Building the store connects, checks the schema version and, with {@link MigrationMode#MIGRATE}
 * (the default), applies the migrations the database lacks, so that every problem shows before
 * anything is sent: an unreachable database throws {@link DatabaseUnavailableException} naming the
 * URL without its password and the fix; a schema migrated by a newer Campaign Relay throws {@link
 * SchemaVersionException} naming both versions.
 *
 * <p>Tables live in one schema ({@value #DEFAULT_SCHEMA} unless set; created when missing) and
 * carry a prefix ({@value #DEFAULT_TABLE_PREFIX} unless set), so several stores can share a
 * database. Thread-safe; close it when done (closing releases the connections it opened itself; a
 * host's DataSource is left open).
 */
public final class JdbcStore implements AutoCloseable {

  /** The schema used when none is set. */
  public static final String DEFAULT_SCHEMA = "campaign_relay";

  /** The table prefix used when none is set. */
  public static final String DEFAULT_TABLE_PREFIX = "cr_";

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
  private static final Pattern PREFIX = Pattern.compile("([a-z][a-z0-9_]{0,19})?");

  private final Builder config;
  private final ConnectionSource connections;
  private final Dialect dialect;
  private final String database;
  private final String schemaVersion;
  private final JdbcExecutionJournal journal;
  private final JdbcCampaignLedger campaignLedger;
  private final JdbcProcessedIds processedIds;
  private final JdbcCampaignClaims campaignClaims;
  private final JdbcJobStore jobStore;

  private JdbcStore(Builder b) {
    this.config = b.copy();
    DataSource ds;
    boolean owned;
    String described;
    if (b.dataSource != null) {
      ds = b.dataSource;
      owned = false;
      described = "the DataSource " + b.dataSource.getClass().getName();
    } else if (b.h2File != null) {
      Path file = h2Base(b.h2File);
      try {
        if (file.getParent() != null) {
          Files.createDirectories(file.getParent());
        }
      } catch (IOException e) {
        throw new DatabaseUnavailableException(
            "cannot create the folder of the H2 database "
                + file
                + ": "
                + e.getMessage()
                + "; give a path in a writable folder",
            null,
            e);
      }
      JdbcDataSource h2 = new JdbcDataSource();
      // WRITE_DELAY=0: a commit reaches the file when recordAll returns (it survives a crash of
      // the process; not fsync'd, so a power loss may still take the last commits).
      h2.setURL("jdbc:h2:file:" + file + ";WRITE_DELAY=0");
      h2.setUser(b.user == null ? "sa" : b.user);
      h2.setPassword(b.password == null ? "" : b.password.reveal());
      ds = h2;
      owned = true;
      described = "H2 file " + file + ".mv.db";
    } else {
      ds = new UrlDataSource(b.jdbcUrl, b.user, b.password);
      owned = true;
      described = JdbcUrls.redact(b.jdbcUrl);
    }
    this.connections = new ConnectionSource(ds, owned);
    Dialect found;
    String url;
    Connection probe = null;
    boolean broken = false;
    try {
      probe = connections.borrow();
      found = Dialect.of(probe);
      url = probe.getMetaData().getURL();
      if (found == null) {
        String product = probe.getMetaData().getDatabaseProductName();
        throw new ConfigurationException(
            "state store",
            ConfigurationProblem.of(
                "database",
                product,
                "is not supported: use PostgreSQL (production) or H2 (the embedded default)"));
      }
    } catch (SQLException e) {
      broken = true;
      connections.close();
      throw SqlErrors.translate("connect to the database", described, e, b.password);
    } catch (RuntimeException e) {
      broken = true;
      connections.close();
      throw e;
    } finally {
      connections.release(probe, broken);
    }
    this.dialect = found;
    this.database = b.dataSource != null && url != null ? JdbcUrls.redact(url) : described;
    try {
      this.schemaVersion =
          Migrations.apply(
              ds, b.schema, b.tablePrefix, dialect, b.migrationMode, database, b.password);
    } catch (RuntimeException e) {
      connections.close();
      throw e;
    }
    this.journal = new JdbcExecutionJournal(this);
    this.campaignLedger = new JdbcCampaignLedger(this);
    this.processedIds = new JdbcProcessedIds(this);
    this.campaignClaims = new JdbcCampaignClaims(this);
    this.jobStore = new JdbcJobStore(this);
  }

  /**
   * A builder with the defaults: schema {@value #DEFAULT_SCHEMA}, prefix {@value
   * #DEFAULT_TABLE_PREFIX}, {@link MigrationMode#MIGRATE}; a database must be given.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The embedded default: an H2 database in one file, created with its folder on first use and
   * migrated to this SDK's schema.
   *
   * @param file the database file; H2 adds {@code .mv.db} (given with that suffix, it is kept as
   *     is)
   * @return the store
   * @throws DatabaseUnavailableException if the file cannot be created or another process holds it
   */
  public static JdbcStore h2(Path file) {
    return builder().h2File(file).build();
  }

  /**
   * A builder holding this store's settings, to build another store on the same database.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return config.copy();
  }

  /**
   * The execution journal kept in this store's database.
   *
   * @return the journal (the same instance every call)
   */
  public JdbcExecutionJournal executionJournal() {
    return journal;
  }

  /**
   * The campaign ledger kept in this store's database, shared by every instance on it.
   *
   * @return the ledger (the same instance every call)
   */
  public JdbcCampaignLedger campaignLedger() {
    return campaignLedger;
  }

  /**
   * The processed inbound ids kept in this store's database, shared by every instance on it.
   *
   * @return the ids (the same instance every call)
   */
  public JdbcProcessedIds processedIds() {
    return processedIds;
  }

  /**
   * The campaign claims (leases) kept in this store's database, shared by every instance on it.
   *
   * @return the claims (the same instance every call)
   */
  public JdbcCampaignClaims campaignClaims() {
    return campaignClaims;
  }

  /**
   * A metrics outbox in this store's database on the system clock, remembering acknowledged ids for
   * {@link io.campaignrelay.core.outbox.MetricsOutbox#DEFAULT_RETENTION}; for another clock or
   * retention use {@link JdbcMetricsOutbox#of}.
   *
   * @return a new outbox on this store (outboxes on one store share their rows)
   */
  public JdbcMetricsOutbox metricsOutbox() {
    return JdbcMetricsOutbox.of(
        this,
        java.time.Clock.systemUTC(),
        io.campaignrelay.core.outbox.MetricsOutbox.DEFAULT_RETENTION);
  }

  /**
   * A job store in this store's database, for an embedded {@link
   * io.campaignrelay.core.runtime.ClockScheduler} (one process at a time).
   *
   * @return the job store (the same instance every call)
   */
  public JdbcJobStore jobStore() {
    return jobStore;
  }

  /**
   * The schema version of the database (after migrating, when the mode is {@link
   * MigrationMode#MIGRATE}).
   *
   * @return the version, e.g. {@code "1"}
   */
  public String schemaVersion() {
    return schemaVersion;
  }

  /**
   * The database, as it appears in messages: its URL without any password.
   *
   * @return the description
   */
  public String database() {
    return database;
  }

  /**
   * The schema holding this store's tables.
   *
   * @return the schema name
   */
  public String schema() {
    return config.schema;
  }

  /**
   * The prefix of this store's table names.
   *
   * @return the prefix, possibly empty
   */
  public String tablePrefix() {
    return config.tablePrefix;
  }

  /**
   * Which database product this is.
   *
   * @return {@code "PostgreSQL"} or {@code "H2"}
   */
  public String databaseProduct() {
    return dialect.productName();
  }

  /** Releases the connections the store opened itself; a host's DataSource stays open. */
  @Override
  public void close() {
    connections.close();
  }

  /** Shows the database (no password), schema, prefix and version. */
  @Override
  public String toString() {
    return "JdbcStore{"
        + database
        + ", schema="
        + config.schema
        + ", tablePrefix="
        + config.tablePrefix
        + ", schemaVersion="
        + schemaVersion
        + '}';
  }

  Dialect dialect() {
    return dialect;
  }

  /** The data source the store reads and writes through (for db-scheduler). */
  DataSource dataSource() {
    return connections.dataSource();
  }

  /** A failure of a library working on this store's database, as the store's typed exception. */
  DatabaseException translate(String what, Throwable failure) {
    return SqlErrors.translate(what, database, failure, config.password);
  }

  /** A table's qualified name. */
  String table(String name) {
    return '"' + config.schema + "\"." + config.tablePrefix + name;
  }

  /** Work on one connection; SQLExceptions are translated by the store. */
  interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} on a connection. With {@code transaction}, in one transaction committed when
   * the work returns and rolled back when it fails; otherwise in auto-commit (the work must then be
   * one statement, or reads). The work must be safe to repeat (a journal write is an append whose
   * repetition right after itself changes no recipient's latest entry; the others are upserts):
   * when a connection kept idle by the store turns out dead (the server restarted, a firewall
   * dropped it), the work runs once more on a new connection.
   */
  <T> T run(String what, boolean transaction, SqlWork<T> work) {
    try {
      return attempt(transaction, work, false);
    } catch (SQLException first) {
      if (!connections.keepsIdle() || !SqlErrors.isConnectionFailure(first)) {
        throw SqlErrors.translate(what, database, first, config.password);
      }
      connections.evictIdle();
      try {
        return attempt(transaction, work, true);
      } catch (SQLException again) {
        throw SqlErrors.translate(what, database, again, config.password);
      }
    }
  }

  private <T> T attempt(boolean transaction, SqlWork<T> work, boolean fresh) throws SQLException {
    Connection c = null;
    boolean broken = false;
    try {
      c = connections.borrow(fresh);
      if (c.getAutoCommit() == transaction) {
        c.setAutoCommit(!transaction);
      }
      T result = work.run(c);
      if (transaction) {
        c.commit();
      }
      return result;
    } catch (SQLException | RuntimeException e) {
      broken = true;
      if (c != null && transaction) {
        try {
          c.rollback();
        } catch (SQLException | RuntimeException ignored) {
          // The connection is discarded below; the server rolls back what was not committed.
        }
      }
      throw e;
    } finally {
      connections.release(c, broken);
    }
  }

  private static Path h2Base(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    String name = abs.getFileName() == null ? "" : abs.getFileName().toString();
    if (name.endsWith(".mv.db")) {
      return abs.resolveSibling(name.substring(0, name.length() - ".mv.db".length()));
    }
    return abs;
  }

  /** Settings of a {@link JdbcStore}. Not thread-safe; {@link #build()} copies what it needs. */
  public static final class Builder {
    private DataSource dataSource;
    private String jdbcUrl;
    private String user;
    private Secret password;
    private Path h2File;
    private String schema = DEFAULT_SCHEMA;
    private String tablePrefix = DEFAULT_TABLE_PREFIX;
    private MigrationMode migrationMode = MigrationMode.MIGRATE;

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.dataSource = dataSource;
      b.jdbcUrl = jdbcUrl;
      b.user = user;
      b.password = password;
      b.h2File = h2File;
      b.schema = schema;
      b.tablePrefix = tablePrefix;
      b.migrationMode = migrationMode;
      return b;
    }

    /**
     * Uses the host's DataSource (a connection pool, e.g. HikariCP, is recommended for PostgreSQL:
     * the store takes a connection per journal call and closes it after). Give one of {@code
     * dataSource}, {@link #jdbcUrl(String)} or {@link #h2File(Path)}.
     *
     * @param dataSource the data source; the store never closes it
     * @return this builder
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /**
     * Connects by a JDBC URL, e.g. {@code jdbc:postgresql://db:5432/relay} or {@code
     * jdbc:h2:file:/var/lib/relay/state}; the store keeps a few idle connections for reuse.
     *
     * @param jdbcUrl the URL (a password in it never appears in messages)
     * @return this builder
     */
    public Builder jdbcUrl(String jdbcUrl) {
      this.jdbcUrl = jdbcUrl;
      return this;
    }

    /**
     * The database user, with {@link #jdbcUrl(String)} or {@link #h2File(Path)}.
     *
     * @param user the user name
     * @return this builder
     */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /**
     * The database password, with {@link #jdbcUrl(String)} or {@link #h2File(Path)}.
     *
     * @param password the password; never printed
     * @return this builder
     */
    public Builder password(Secret password) {
      this.password = password;
      return this;
    }

    /**
     * Uses an embedded H2 database in a file (created with its folder on first use).
     *
     * @param h2File the file; H2 adds {@code .mv.db}
     * @return this builder
     */
    public Builder h2File(Path h2File) {
      this.h2File = h2File;
      return this;
    }

    /**
     * The schema holding the tables (default {@value #DEFAULT_SCHEMA}; created when missing, with
     * {@link MigrationMode#MIGRATE}).
     *
     * @param schema lower-case letters, digits and underscores, starting with a letter, at most 40
     * @return this builder
     */
    public Builder schema(String schema) {
      this.schema = schema;
      return this;
    }

    /**
     * The prefix of every table name (default {@value #DEFAULT_TABLE_PREFIX}).
     *
     * @param tablePrefix lower-case letters, digits and underscores, starting with a letter, at
     *     most 20; or empty
     * @return this builder
     */
    public Builder tablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
      return this;
    }

    /**
     * What to do with the schema when the store is built (default {@link MigrationMode#MIGRATE}).
     *
     * @param migrationMode migrate, or validate only
     * @return this builder
     */
    public Builder migrationMode(MigrationMode migrationMode) {
      this.migrationMode = migrationMode;
      return this;
    }

    /**
     * Validates the settings, connects and migrates (or validates) the schema.
     *
     * @return the store
     * @throws ConfigurationException listing every invalid setting
     * @throws DatabaseUnavailableException if the database cannot be reached or refuses the login
     * @throws SchemaVersionException if the schema is newer than this SDK supports, or (validate
     *     only) older
     * @throws DatabaseException if the migration fails otherwise
     */
    public JdbcStore build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      int given =
          (dataSource == null ? 0 : 1) + (jdbcUrl == null ? 0 : 1) + (h2File == null ? 0 : 1);
      if (given == 0) {
        problems.add(
            ConfigurationProblem.of(
                "database",
                null,
                "give one of dataSource(...), jdbcUrl(...) or h2File(...) (the embedded default:"
                    + " JdbcStore.h2(path))"));
      } else if (given > 1) {
        problems.add(
            ConfigurationProblem.of(
                "database",
                (dataSource == null ? "" : "dataSource ")
                    + (jdbcUrl == null ? "" : "jdbcUrl ")
                    + (h2File == null ? "" : "h2File"),
                "give only one of dataSource(...), jdbcUrl(...) or h2File(...)"));
      }
      if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:")) {
        problems.add(
            ConfigurationProblem.of(
                "jdbcUrl",
                JdbcUrls.redact(jdbcUrl),
                "is not a JDBC URL: give e.g. jdbc:postgresql://host:5432/database"));
      }
      if (h2File != null && h2File.toString().indexOf(';') >= 0) {
        problems.add(
            ConfigurationProblem.of(
                "h2File", h2File, "has a ';', which H2 reads as a setting: choose another path"));
      }
      if (dataSource != null && (user != null || password != null)) {
        problems.add(
            ConfigurationProblem.of(
                "user/password",
                user == null ? Secret.REDACTED : user,
                "set the credentials on the DataSource itself, not on the store"));
      }
      if (schema == null || !NAME.matcher(schema).matches()) {
        problems.add(
            ConfigurationProblem.of(
                "schema",
                schema,
                "give lower-case letters, digits and underscores, starting with a letter, at most"
                    + " 40 characters (default "
                    + DEFAULT_SCHEMA
                    + ")"));
      }
      if (tablePrefix == null || !PREFIX.matcher(tablePrefix).matches()) {
        problems.add(
            ConfigurationProblem.of(
                "tablePrefix",
                tablePrefix,
                "give lower-case letters, digits and underscores, starting with a letter, at most"
                    + " 20 characters, or empty (default "
                    + DEFAULT_TABLE_PREFIX
                    + ")"));
      }
      if (migrationMode == null) {
        problems.add(
            ConfigurationProblem.of(
                "migrationMode", null, "give MigrationMode.MIGRATE or MigrationMode.VALIDATE"));
      }
      ConfigurationException.throwIfAny("state store settings", problems);
      return new JdbcStore(this);
    }

    @Override
    public String toString() {
      return "JdbcStore.Builder{"
          + (jdbcUrl != null
              ? JdbcUrls.redact(jdbcUrl)
              : h2File != null
                  ? "h2File=" + h2File
                  : dataSource == null ? "no database" : dataSource.getClass().getName())
          + ", schema="
          + schema
          + ", tablePrefix="
          + tablePrefix
          + ", migrationMode="
          + migrationMode
          + (password == null ? "" : ", password=" + Secret.REDACTED)
          + '}';
    }
  }
}
