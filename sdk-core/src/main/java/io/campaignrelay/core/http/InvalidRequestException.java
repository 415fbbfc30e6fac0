package io.campaignrelay.core.http;

/**
 * The vendor rejected the request as invalid (HTTP 400, 409, 422, or a validation error code in an
 * error envelope). Fix the input named in the message; retrying will not help.
 */
public class InvalidRequestException extends ApiServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param details the error details
   */
  public InvalidRequestException(ApiErrorDetails details) {
    super(details);
  }
}
