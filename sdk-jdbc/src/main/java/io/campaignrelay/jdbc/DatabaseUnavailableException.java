package io.campaignrelay.jdbc;

/**
 * The database could not be reached or refused the connection: wrong host or port, server down,
 * wrong credentials, unknown database, or (H2) the file held by another process. Thrown when a
 * {@link JdbcStore} is built, before anything is sent, and by a journal call that lost its
 * connection (then nothing of that call was written). The message names the database by its URL
 * with any password removed, and the fix.
 */
public final class DatabaseUnavailableException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which database, what the driver said, and the fix
   * @param sqlState the SQLState the driver reported, or {@code null}
   * @param cause the underlying failure
   */
  public DatabaseUnavailableException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }
}
