package io.campaignrelay.core.http;

/**
 * The vendor failed to process the request (HTTP 5xx). Retried automatically where safe; thrown
 * once retries are exhausted.
 */
public class ServerException extends ApiServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception; whether the request was {@linkplain #requestRefused() refused} follows
   * {@link ApiServiceException#refusedByDefault(ApiErrorDetails)}.
   *
   * @param details the error details
   */
  public ServerException(ApiErrorDetails details) {
    super(details);
  }

  /**
   * Creates the exception with the vendor module's verdict on whether the request was refused.
   *
   * @param details the error details
   * @param requestRefused true only when the vendor documents this error as "not processed"
   */
  public ServerException(ApiErrorDetails details, boolean requestRefused) {
    super(details, requestRefused);
  }
}
