package io.campaignrelay.core.http.spi;

import io.campaignrelay.core.http.ApiErrorDetails;
import io.campaignrelay.core.http.ApiServiceException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import okhttp3.Headers;

/**
 * Reads a vendor's error body into its code, message and request id. Each vendor client supplies
 * one; a vendor that documents which errors are "not processed" says so with {@link
 * ParsedError#withRefusal(boolean)}, otherwise {@link ApiServiceException#refusedByDefault}
 * decides. {@link #jsonDefault()} understands the common shapes {@code
 * {"error":{"code","message"}}}, {@code {"code","message"}}, {@code {"Message"}} and a bare JSON
 * string.
 *
 * <p>Every vendor error becomes an exception here: {@link HttpPipeline} reads an error status's
 * body with {@link #parse}, a 2xx body's error envelope with the profile's {@link ErrorEnvelope},
 * and hands both to {@link #toException(Failure)}, whose default picks the class from the status
 * ({@link ApiErrors#fromStatus(ApiErrorDetails, Duration, boolean)}); a vendor with exceptions of
 * its own overrides it.
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
   * Creates the exception for an error the pipeline read. The default picks the core class from the
   * status; vendors with their own exception types override this (and keep the verdict {@link
   * Failure#requestRefused()}).
   *
   * @param failure what is known of the error
   * @return the exception, to be thrown by the pipeline
   */
  default ApiServiceException toException(Failure failure) {
    return ApiErrors.fromStatus(failure.details(), failure.retryAfter(), failure.requestRefused());
  }

  /**
   * What the pipeline knows of one error when the exception is made.
   *
   * @param details the redacted details (vendor, operation, status, code, message, excerpt)
   * @param retryAfter the vendor's {@code Retry-After}, or null
   * @param requestRefused the verdict: the parser's or envelope's own, else the default rule
   * @param body the whole body text as received (not redacted: pass what is kept through {@code
   *     redactor})
   * @param fromEnvelope true when the error was an envelope inside a 2xx answer
   * @param redactor removes the client's known secret values from a text (null gives null)
   */
  record Failure(
      ApiErrorDetails details,
      Duration retryAfter,
      boolean requestRefused,
      String body,
      boolean fromEnvelope,
      UnaryOperator<String> redactor) {}

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
