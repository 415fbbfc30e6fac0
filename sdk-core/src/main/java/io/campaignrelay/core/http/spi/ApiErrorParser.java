package io.campaignrelay.core.http.spi;

import io.campaignrelay.core.http.ApiErrorDetails;
import io.campaignrelay.core.http.ApiServiceException;
import okhttp3.Headers;

/**
 * Reads a vendor's error body into its code, message and request id. Each vendor client supplies
 * one; a vendor that documents which errors are "not processed" says so with {@link
 * ParsedError#withRefusal(boolean)}, otherwise {@link ApiServiceException#refusedByDefault}
 * decides. {@link #jsonDefault()} understands the common shapes {@code
 * {"error":{"code","message"}}}, {@code {"code","message"}}, {@code {"Message"}} and a bare JSON
 * string.
 */
@FunctionalInterface
public interface ApiErrorParser {

  /**
   * Parses an error response.
   *
   * @param statusCode the HTTP status
   * @param headers the response headers
   * @param body the response body as text, possibly empty
   * @return what could be read; never null (use {@link ParsedError#EMPTY})
   */
  ParsedError parse(int statusCode, Headers headers, String body);

  /**
   * A parser for the common JSON error shapes, reading the request id from {@code X-Request-Id} or
   * {@code Request-Id}.
   *
   * @return the parser
   */
  static ApiErrorParser jsonDefault() {
    return DefaultErrorParser.INSTANCE;
  }

  /**
   * Whether a parsed error is a positive refusal (nothing of the request was processed), as the
   * vendor's documentation says. {@link #DEFAULT} leaves the decision to {@link
   * ApiServiceException#refusedByDefault(ApiErrorDetails)}.
   */
  enum Refusal {
    /** The parser does not know better: {@link ApiServiceException#refusedByDefault} decides. */
    DEFAULT,
    /** The vendor documents this error as "not processed": the request was refused. */
    REFUSED,
    /** The vendor may have processed part or all of the request: the outcome is not a refusal. */
    NOT_REFUSED
  }

  /**
   * What an error body said, and optionally the vendor module's verdict on whether it is a refusal.
   *
   * @param vendorCode the vendor's error code, or null
   * @param vendorMessage the vendor's error message, or null
   * @param requestId the vendor's request id, or null
   * @param refusal whether the error is a positive refusal; {@link Refusal#DEFAULT} (also for null)
   *     lets the default rule decide
   */
  record ParsedError(String vendorCode, String vendorMessage, String requestId, Refusal refusal) {
    /** Nothing could be read. */
    public static final ParsedError EMPTY = new ParsedError(null, null, null);

    /**
     * Normalises a null verdict to {@link Refusal#DEFAULT}.
     *
     * @param vendorCode the vendor's error code, or null
     * @param vendorMessage the vendor's error message, or null
     * @param requestId the vendor's request id, or null
     * @param refusal the verdict, or null for {@link Refusal#DEFAULT}
     */
    public ParsedError {
      refusal = refusal == null ? Refusal.DEFAULT : refusal;
    }

    /**
     * What an error body said, with no verdict of its own ({@link Refusal#DEFAULT}).
     *
     * @param vendorCode the vendor's error code, or null
     * @param vendorMessage the vendor's error message, or null
     * @param requestId the vendor's request id, or null
     */
    public ParsedError(String vendorCode, String vendorMessage, String requestId) {
      this(vendorCode, vendorMessage, requestId, Refusal.DEFAULT);
    }

    /**
     * The same error with the vendor module's verdict.
     *
     * @param requestRefused true when the vendor documents this error as "not processed", false
     *     when the request may have been processed
     * @return a copy carrying {@link Refusal#REFUSED} or {@link Refusal#NOT_REFUSED}
     */
    public ParsedError withRefusal(boolean requestRefused) {
      return new ParsedError(
          vendorCode,
          vendorMessage,
          requestId,
          requestRefused ? Refusal.REFUSED : Refusal.NOT_REFUSED);
    }

    /**
     * Applies the verdict: the parser's own when it gave one, otherwise {@link
     * ApiServiceException#refusedByDefault(ApiErrorDetails)}.
     *
     * @param details the details of the error being built
     * @return whether the request counts as positively refused
     */
    public boolean requestRefused(ApiErrorDetails details) {
      return switch (refusal) {
        case REFUSED -> true;
        case NOT_REFUSED -> false;
        case DEFAULT -> ApiServiceException.refusedByDefault(details);
      };
    }
  }
}
