package io.campaignrelay.jdbc;

import io.campaignrelay.core.CampaignRelayException;
import java.util.Optional;

/**
 * A database the state store relies on failed a read or a write. The message names the database
 * (its URL without any password), what was being done and, where known, the fix; it never contains
 * a password. When a write fails, nothing of that write was committed.
 */
public class DatabaseException extends CampaignRelayException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;

  /**
   * Creates the exception.
   *
   * @param message what failed, on which database, and how to fix it
   * @param sqlState the SQLState the driver reported, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public DatabaseException(String message, String sqlState, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
  }

  /**
   * The SQLState the driver reported.
   *
   * @return the five-character code, or empty when the failure did not come with one
   */
  public Optional<String> sqlState() {
    return Optional.ofNullable(sqlState);
  }
}
