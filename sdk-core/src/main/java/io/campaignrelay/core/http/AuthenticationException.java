package io.campaignrelay.core.http;

/**
 * The vendor rejected the credentials (HTTP 401 or 403, or the vendor's own authentication error
 * code). Check the API key and its permissions; retrying will not help.
 */
public class AuthenticationException extends ApiServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param details the error details
   */
  public AuthenticationException(ApiErrorDetails details) {
    super(details);
  }
}
