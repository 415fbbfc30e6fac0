package io.campaignrelay.core.http;

import io.campaignrelay.core.CampaignRelayException;
import java.util.Optional;

/**
 * The vendor answered with an error: an HTTP error status, or (for vendors that wrap errors in a
 * 200 envelope, such as {@code status: failure}) an error envelope. Carries the HTTP status, the
 * vendor's own error code and message, the request id when the vendor gives one, whether trying
 * again may succeed, and a redacted excerpt of the body.
 *
 * <p>Subclasses narrow the kind: {@link AuthenticationException}, {@link RateLimitException},
 * {@link InvalidRequestException}, {@link NotFoundException}, {@link ServerException}.
 */
public class ApiServiceException extends CampaignRelayException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final String vendorCode;
  private final String vendorMessage;
  private final String requestId;
  private final boolean retryable;
  private final String bodyExcerpt;

  /**
   * Creates the exception from its details.
   *
   * @param details the error details
   */
  public ApiServiceException(ApiErrorDetails details) {
    super(details.describe());
    this.statusCode = details.statusCode();
    this.vendorCode = details.vendorCode();
    this.vendorMessage = details.vendorMessage();
    this.requestId = details.requestId();
    this.retryable = details.retryable();
    this.bodyExcerpt = details.bodyExcerpt();
  }

  /**
   * The HTTP status of the response (200 for an error envelope inside a successful response).
   *
   * @return the status code
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The vendor's own error code, e.g. {@code "3"} or {@code "invalid_phone"}.
   *
   * @return the code, if the vendor gave one
   */
  public Optional<String> vendorCode() {
    return Optional.ofNullable(vendorCode);
  }

  /**
   * The vendor's own error message.
   *
   * @return the message, if the vendor gave one
   */
  public Optional<String> vendorMessage() {
    return Optional.ofNullable(vendorMessage);
  }

  /**
   * The vendor's request id for support tickets.
   *
   * @return the request id, if the vendor gave one
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /**
   * Whether trying the same request again later may succeed (rate limits, server errors).
   *
   * @return true if retryable
   */
  public boolean retryable() {
    return retryable;
  }

  /**
   * The start of the response body, with secrets redacted; for diagnostics only.
   *
   * @return the excerpt, possibly empty
   */
  public String bodyExcerpt() {
    return bodyExcerpt;
  }
}
