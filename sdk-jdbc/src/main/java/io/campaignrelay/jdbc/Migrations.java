package io.campaignrelay.jdbc;

import io.campaignrelay.core.Secret;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Brings a database's schema to this SDK's version with Flyway, or checks that it is there. The
 * scripts live under {@value #LOCATION} (one versioned script per change, {@code V<n>__what.sql},
 * dialect-neutral, with {@code ${prefix}} for the table prefix); Flyway's history table is {@code
 * <prefix>schema_history} in the store's schema.
 */
final class Migrations {
  static final String LOCATION = "classpath:io/campaignrelay/jdbc/migration";

  private Migrations() {}

  /**
   * Checks the schema version and migrates or validates.
   *
   * @return the database's schema version afterwards
   */
  static String apply(
      DataSource dataSource,
      String schema,
      String prefix,
      Dialect dialect,
      MigrationMode mode,
      String database,
      Secret password) {
    Flyway flyway =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(dataSource)
            .schemas(schema)
            .createSchemas(true)
            // A schema shared with other tables (or another prefix's store) gets its own history
            // table, baselined below version 1, instead of a refusal.
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .table(prefix + "schema_history")
            .locations(LOCATION)
            .placeholders(
                Map.of(
                    "prefix",
                    prefix,
                    "journal_storage",
                    journalStorage(dialect, prefix),
                    "journal_log_bytes",
                    dialect == Dialect.POSTGRESQL ? "BYTEA" : "VARBINARY(1000000000)",
                    "journal_log_storage",
                    journalLogStorage(dialect, prefix)))
            .failOnMissingLocations(true)
            .cleanDisabled(true)
            .load();
    try {
      MigrationInfoService info = flyway.info();
      String supported = supportedVersion(info);
      MigrationInfo current = info.current();
      String databaseVersion = current == null ? null : current.getVersion().getVersion();
      for (MigrationInfo m : info.all()) {
        boolean future =
            m.getState() == MigrationState.FUTURE_SUCCESS
                || m.getState() == MigrationState.FUTURE_FAILED
                || (m.getState().isApplied()
                    && m.getVersion() != null
                    && supported != null
                    && m.getVersion().compareTo(MigrationVersion.fromVersion(supported)) > 0);
        if (future) {
          // Applied by a newer SDK (or by hand): this SDK does not know what it changed.
          throw new SchemaVersionException(
              "the database schema "
                  + schema
                  + " ("
                  + database
                  + ") is at version "
                  + databaseVersion
                  + ", newer than version "
                  + supported
                  + " that this Campaign Relay supports (migration "
                  + m.getVersion()
                  + " '"
                  + m.getDescription()
                  + "' is unknown to it); upgrade Campaign Relay to the version that migrated"
                  + " it, or give this one its own schema",
              databaseVersion,
              supported);
        }
      }
      if (mode == MigrationMode.VALIDATE && info.pending().length > 0) {
        throw new SchemaVersionException(
            "the database schema "
                + schema
                + " ("
                + database
                + ") is at "
                + (databaseVersion == null ? "no version (empty)" : "version " + databaseVersion)
                + ", this Campaign Relay needs version "
                + supported
                + " and was told to validate only; build the store once with"
                + " MigrationMode.MIGRATE, or apply the scripts under "
                + LOCATION
                + " with Flyway",
            databaseVersion,
            supported);
      }
      if (mode == MigrationMode.MIGRATE) {
        flyway.migrate();
      }
      ValidateResult validation = flyway.validateWithResult();
      if (!validation.validationSuccessful) {
        throw new DatabaseException(
            "the database schema "
                + schema
                + " ("
                + database
                + ") does not match this Campaign Relay's migrations: "
                + validation.getAllErrorMessages()
                + "; a migration script was changed after it was applied: restore the schema"
                + " from a backup or give the store a new schema",
            null,
            null);
      }
      MigrationInfo after = flyway.info().current();
      return after == null ? null : after.getVersion().getVersion();
    } catch (FlywayException e) {
      throw SqlErrors.translate("migrate the database schema " + schema, database, e, password);
    }
  }

  /**
   * PostgreSQL: the journal's pages keep half their room free, so that the engine's second write of
   * a recipient (its outcome, right after its PENDING entry) is a heap-only update on the same page
   * instead of a new row version plus a new primary-key entry; measured about 1.5 times the write
   * throughput. H2 has no such setting: a comment only.
   */
  static String journalStorage(Dialect dialect, String prefix) {
    String comment =
        "COMMENT ON TABLE "
            + prefix
            + "journal IS 'Campaign Relay execution journal: the latest state of each recipient'";
    return dialect == Dialect.POSTGRESQL
        ? "ALTER TABLE " + prefix + "journal SET (fillfactor = 50);\n" + comment
        : comment;
  }

  /**
   * PostgreSQL: the log's bytes are stored uncompressed (they are written once and read once; the
   * compression cost more server CPU than the bytes it saved, measured). H2: a comment only.
   */
  static String journalLogStorage(Dialect dialect, String prefix) {
    String comment =
        "COMMENT ON TABLE "
            + prefix
            + "journal_log IS 'Campaign Relay execution journal: writes not yet folded into "
            + prefix
            + "journal'";
    return dialect == Dialect.POSTGRESQL
        ? "ALTER TABLE "
            + prefix
            + "journal_log ALTER COLUMN entries SET STORAGE EXTERNAL;\n"
            + comment
        : comment;
  }

  private static String supportedVersion(MigrationInfoService info) {
    MigrationVersion max = null;
    for (MigrationInfo m : info.all()) {
      if (m.getState().isResolved()
          && m.getVersion() != null
          && (max == null || m.getVersion().compareTo(max) > 0)) {
        max = m.getVersion();
      }
    }
    return max == null ? null : max.getVersion();
  }
}
