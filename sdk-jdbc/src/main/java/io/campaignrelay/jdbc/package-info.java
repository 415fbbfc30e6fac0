/**
 * Campaign Relay's state in a database: {@link io.campaignrelay.jdbc.JdbcStore} owns the
 * connections and the schema (versioned Flyway migrations under {@code
 * io/campaignrelay/jdbc/migration}, applied or validated when the store is built) and hands out the
 * state ports kept there, today the {@link io.campaignrelay.jdbc.JdbcExecutionJournal}.
 *
 * <p>Two databases: PostgreSQL in production (by the host's {@code DataSource} or a JDBC URL) and
 * H2 in a file as the embedded default ({@link
 * io.campaignrelay.jdbc.JdbcStore#h2(java.nio.file.Path)}: nothing to install). The same contract
 * tests run on both.
 *
 * <p>Failures are typed and show before anything is sent: {@link
 * io.campaignrelay.jdbc.DatabaseUnavailableException} (unreachable, login refused, file held by
 * another process), {@link io.campaignrelay.jdbc.SchemaVersionException} (a schema from a newer
 * Campaign Relay, or one lacking migrations when only validating), {@link
 * io.campaignrelay.jdbc.DatabaseException} for the rest. Messages name the database by its URL
 * without the password.
 */
package io.campaignrelay.jdbc;
