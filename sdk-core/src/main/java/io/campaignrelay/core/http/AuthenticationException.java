package io.campaignrelay.core.http;

/**
 * The vendor rejected the credentials (HTTP 401 or 403, or the vendor's own authentication error
 * code). Check the API key and its permissions; retrying will not help.
 */
public class AuthenticationException extends ApiServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception; whether the request was {@linkplain #requestRefused() refused} follows
   * {@link ApiServiceException#refusedByDefault(ApiErrorDetails)}.
   *
   * @param details the error details
   */
  public AuthenticationException(ApiErrorDetails details) {
    super(details);
  }

  /**
   * Creates the exception with the vendor module's verdict on whether the request was refused.
   *
   * @param details the error details
   * @param requestRefused true only when the vendor documents this error as "not processed"
   */
  public AuthenticationException(ApiErrorDetails details, boolean requestRefused) {
    super(details, requestRefused);
  }
}
