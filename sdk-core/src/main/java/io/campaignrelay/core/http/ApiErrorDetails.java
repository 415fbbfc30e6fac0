package io.campaignrelay.core.http;

import java.util.Objects;

/**
 * What is known about a vendor error, used to build an {@link ApiServiceException}. Vendor clients
 * fill it from the response; the client picks the exception class from the status.
 *
 * @param vendor the vendor name, e.g. {@code "acme"}
 * @param operation what was being done, e.g. {@code "POST send/"}
 * @param statusCode the HTTP status
 * @param vendorCode the vendor's error code, or null
 * @param vendorMessage the vendor's error message, or null
 * @param requestId the vendor's request id, or null
 * @param retryable whether the same request may succeed later
 * @param bodyExcerpt a redacted excerpt of the body; never null
 */
public record ApiErrorDetails(
    String vendor,
    String operation,
    int statusCode,
    String vendorCode,
    String vendorMessage,
    String requestId,
    boolean retryable,
    String bodyExcerpt) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if vendor, operation or bodyExcerpt is null
   */
  public ApiErrorDetails {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(bodyExcerpt, "bodyExcerpt");
  }

  String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(vendor).append(' ').append(operation).append(" failed: HTTP ").append(statusCode);
    if (vendorCode != null) {
      sb.append(", code ").append(vendorCode);
    }
    if (vendorMessage != null) {
      sb.append(", ").append(vendorMessage);
    }
    if (requestId != null) {
      sb.append(" (request id ").append(requestId).append(')');
    }
    return sb.toString();
  }
}
