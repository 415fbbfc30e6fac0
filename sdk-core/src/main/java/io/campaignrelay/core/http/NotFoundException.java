package io.campaignrelay.core.http;

/** The resource does not exist (HTTP 404, or the vendor's "not found" error code). */
public class NotFoundException extends ApiServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param details the error details
   */
  public NotFoundException(ApiErrorDetails details) {
    super(details);
  }
}
