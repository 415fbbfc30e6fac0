package io.campaignrelay.core.http;

import okhttp3.Headers;

/**
 * Reads a vendor's error body into its code, message and request id. Each vendor client supplies
 * one; {@link #jsonDefault()} understands the common shapes {@code {"error":{"code","message"}}},
 * {@code {"code","message"}}, {@code {"Message"}} and a bare JSON string.
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
   * What an error body said.
   *
   * @param vendorCode the vendor's error code, or null
   * @param vendorMessage the vendor's error message, or null
   * @param requestId the vendor's request id, or null
   */
  record ParsedError(String vendorCode, String vendorMessage, String requestId) {
    /** Nothing could be read. */
    public static final ParsedError EMPTY = new ParsedError(null, null, null);
  }
}
