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
  private final boolean requestRefused;

  /**
   * Creates the exception from its details; whether the vendor {@linkplain #requestRefused()
   * refused} the request follows {@link #refusedByDefault(ApiErrorDetails)}.
   *
   * @param details the error details
   */
  public ApiServiceException(ApiErrorDetails details) {
    this(details, refusedByDefault(details));
  }

  /**
   * Creates the exception from its details, saying whether the vendor positively refused the
   * request (nothing of it was processed).
   *
   * @param details the error details
   * @param requestRefused true only when the answer is a refusal the vendor documents as "not
   *     processed"
   */
  public ApiServiceException(ApiErrorDetails details, boolean requestRefused) {
    super(details.describe());
    this.requestRefused = requestRefused;
    this.statusCode = details.statusCode();
    this.vendorCode = details.vendorCode();
    this.vendorMessage = details.vendorMessage();
    this.requestId = details.requestId();
    this.retryable = details.retryable();
    this.bodyExcerpt = details.bodyExcerpt();
  }

  /**
   * The default refusal rule: 401, 403 and 429 (refused before any processing), and any other 4xx
   * but 408 and 409 whose body the vendor's error parser could read (a code or a message). A 5xx, a
   * 408 or 409, an unparsed 4xx body (say a proxy's HTML page) or a 2xx envelope is not a refusal
   * by default: its outcome is unknown unless the vendor module says otherwise.
   *
   * @param details the error details
   * @return whether the request was positively refused
   */
  public static boolean refusedByDefault(ApiErrorDetails details) {
    int s = details.statusCode();
    if (s == 401 || s == 403 || s == 429) {
      return true;
    }
    if (s < 400 || s > 499 || s == 408 || s == 409) {
      return false;
    }
    return details.vendorCode() != null || details.vendorMessage() != null;
  }

  /**
   * Whether the vendor positively refused the request, so that nothing of it was processed (no SMS
   * of it was sent). This is the only failure of a send that lets the engine record a batch as not
   * sent and send it again later; any other failure after the request was written leaves the
   * outcome unknown.
   *
   * @return true for a documented refusal
   */
  public boolean requestRefused() {
    return requestRefused;
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
