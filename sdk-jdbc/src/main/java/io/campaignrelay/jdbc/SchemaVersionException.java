package io.campaignrelay.jdbc;

import java.util.Optional;

/**
 * The database's schema is not the version this SDK works with: it was migrated by a newer Campaign
 * Relay (this one would misread it), or, with {@link MigrationMode#VALIDATE}, it lacks migrations
 * this SDK needs. Thrown when a {@link JdbcStore} is built, before anything is read, written or
 * sent.
 */
public final class SchemaVersionException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  private final String databaseVersion;
  private final String supportedVersion;

  /**
   * Creates the exception.
   *
   * @param message which versions and the fix
   * @param databaseVersion the schema version the database has, or {@code null} when it has none
   * @param supportedVersion the schema version this SDK supports
   */
  public SchemaVersionException(String message, String databaseVersion, String supportedVersion) {
    super(message, null, null);
    this.databaseVersion = databaseVersion;
    this.supportedVersion = supportedVersion;
  }

  /**
   * The schema version recorded in the database.
   *
   * @return the version, or empty when no migration was ever applied
   */
  public Optional<String> databaseVersion() {
    return Optional.ofNullable(databaseVersion);
  }

  /**
   * The schema version this SDK supports.
   *
   * @return the version, e.g. {@code "1"}
   */
  public String supportedVersion() {
    return supportedVersion;
  }
}
