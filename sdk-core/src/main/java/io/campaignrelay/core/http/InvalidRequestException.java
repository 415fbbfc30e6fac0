package io.campaignrelay.core.http;

/**
 * The vendor rejected the request as invalid (HTTP 400, 409, 422, or a validation error code in an
 * error envelope). Fix the input named in the message; retrying will not help.
 */
public class InvalidRequestException extends ApiServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception; whether the request was {@linkplain #requestRefused() refused} follows
   * {@link ApiServiceException#refusedByDefault(ApiErrorDetails)}.
   *
   * @param details the error details
   */
  public InvalidRequestException(ApiErrorDetails details) {
    super(details);
  }

  /**
   * Creates the exception with the vendor module's verdict on whether the request was refused.
   *
   * @param details the error details
   * @param requestRefused true only when the vendor documents this error as "not processed"
   */
  public InvalidRequestException(ApiErrorDetails details, boolean requestRefused) {
    super(details, requestRefused);
  }
}
