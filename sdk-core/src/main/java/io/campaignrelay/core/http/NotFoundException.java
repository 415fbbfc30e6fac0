package io.campaignrelay.core.http;

/** The resource does not exist (HTTP 404, or the vendor's "not found" error code). */
public class NotFoundException extends ApiServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception; whether the request was {@linkplain #requestRefused() refused} follows
   * {@link ApiServiceException#refusedByDefault(ApiErrorDetails)}.
   *
   * @param details the error details
   */
  public NotFoundException(ApiErrorDetails details) {
    super(details);
  }

  /**
   * Creates the exception with the vendor module's verdict on whether the request was refused.
   *
   * @param details the error details
   * @param requestRefused true only when the vendor documents this error as "not processed"
   */
  public NotFoundException(ApiErrorDetails details, boolean requestRefused) {
    super(details, requestRefused);
  }
}
