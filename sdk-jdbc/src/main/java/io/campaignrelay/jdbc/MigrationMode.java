package io.campaignrelay.jdbc;

/** What a {@link JdbcStore} does with the database schema when it is built. */
public enum MigrationMode {
  /**
   * Applies the migrations the database lacks (creating the schema and tables on first use), then
   * checks the result. The default: the embedded H2 store and a PostgreSQL whose user may change
   * the schema need nothing else.
   */
  MIGRATE,
  /**
   * Changes nothing: checks that the database is at exactly the schema version this SDK supports
   * and fails with a {@link SchemaVersionException} otherwise. For databases whose schema is
   * managed by a DBA or a deployment step (apply the scripts under {@code
   * io/campaignrelay/jdbc/migration} with Flyway).
   */
  VALIDATE
}
