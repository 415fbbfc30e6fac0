package io.campaignrelay.core.http;

/**
 * The vendor failed to process the request (HTTP 5xx). Retried automatically where safe; thrown
 * once retries are exhausted.
 */
public class ServerException extends ApiServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param details the error details
   */
  public ServerException(ApiErrorDetails details) {
    super(details);
  }
}
